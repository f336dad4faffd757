using EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Conformance.Model;

namespace EFCore.DynamoDb.FunctionalTests.Conformance;

/// <summary>
///     Stored sets and lists (Contains, Count, Any, an element by index) and lists of values given by the query (IN), empty
///     ones and ones holding null included.
/// </summary>
public class CollectionQueryTests(ConformanceFixture fixture) : ConformanceTestBase(fixture), IClassFixture<ConformanceFixture>
{
    // String sets (SS): an empty set is no attribute

    [Fact]
    public Task Set_contains()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Skills.Contains("SQL")));

    [Fact]
    public Task Set_not_contains_includes_empty_sets()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => !e.Skills.Contains("SQL")));

    [Fact]
    public Task Set_contains_parameter()
    {
        var skill = "Français";
        return AssertQuery(ss => ss.Set<Employee>().Where(e => e.Skills.Contains(skill)));
    }

    [Fact]
    public Task Set_count_is_zero_for_a_missing_set()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Skills.Count == 0));

    [Fact]
    public Task Set_count_greater_than()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Skills.Count > 1));

    [Fact]
    public Task Set_count_not_equal_zero()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Skills.Count != 0));

    [Fact]
    public Task Set_any()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Skills.Any()));

    [Fact]
    public Task Set_not_any()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => !e.Skills.Any()));

    [Fact]
    public Task Set_contains_and_other_condition()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.Tags.Contains("vip") && c.City != null));

    [Fact]
    public Task Set_any_with_predicate_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Employee>().Where(e => e.Skills.Any(s => s.StartsWith("S"))), "Skills");

    // Number sets (NS)

    [Fact]
    public Task Number_set_contains()
    {
        var territory = Data.Employees.SelectMany(e => e.Territories).First();
        return AssertQuery(ss => ss.Set<Employee>().Where(e => e.Territories.Contains(territory)));
    }

    [Fact]
    public Task Number_set_count()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Territories.Count >= 3));

    [Fact]
    public Task Number_set_not_any()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => !e.Territories.Any()));

    // Lists (L): a null list is no attribute, an empty one an empty L

    [Fact]
    public Task List_contains_with_null_guard()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Ratings != null && e.Ratings.Contains(5)));

    [Fact]
    public Task List_contains_on_a_missing_list_is_false()
        => AssertQuery(
            ss => ss.Set<Employee>().Where(e => e.Ratings!.Contains(5)),
            ss => ss.Set<Employee>().Where(e => e.Ratings != null && e.Ratings.Contains(5)));

    [Fact]
    public Task List_is_null()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Ratings == null));

    [Fact]
    public Task List_count()
        => AssertQuery(
            ss => ss.Set<Employee>().Where(e => e.Ratings!.Count > 2),
            ss => ss.Set<Employee>().Where(e => e.Ratings != null && e.Ratings.Count > 2));

    [Fact]
    public Task List_count_zero_of_an_empty_list()
        => AssertQuery(
            ss => ss.Set<Employee>().Where(e => e.Ratings!.Count == 0),
            ss => ss.Set<Employee>().Where(e => e.Ratings != null && e.Ratings.Count == 0));

    [Fact]
    public Task List_element_by_index()
        => AssertQuery(
            ss => ss.Set<Employee>().Where(e => e.Ratings![0] == 5),
            ss => ss.Set<Employee>().Where(e => e.Ratings != null && e.Ratings.Count > 0 && e.Ratings[0] == 5));

    [Fact]
    public Task List_of_strings_contains()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Languages.Contains("fr")));

    [Fact]
    public Task List_of_strings_empty()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Languages.Count == 0));

    [Fact]
    public Task List_of_strings_any()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Languages.Any()));

    [Fact]
    public Task List_any_with_predicate_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Employee>().Where(e => e.Ratings!.Any(r => r > 4)), "Ratings");

    // Lists of values given by the query: IN

    [Fact]
    public Task Contains_on_array_parameter()
    {
        var cities = new[] { "London", "Paris" };
        return AssertQuery(ss => ss.Set<Customer>().Where(c => cities.Contains(c.City)));
    }

    [Fact]
    public Task Contains_on_list_parameter()
    {
        var cities = new List<string?> { "Berlin", "Madrid", "Lyon" };
        return AssertQuery(ss => ss.Set<Customer>().Where(c => cities.Contains(c.City)));
    }

    [Fact]
    public Task Contains_on_hash_set_parameter()
    {
        var cities = new HashSet<string?> { "Berlin", "Graz" };
        return AssertQuery(ss => ss.Set<Customer>().Where(c => cities.Contains(c.City)));
    }

    [Fact]
    public Task Contains_with_null_element_matches_missing_attributes()
    {
        var cities = new[] { "London", null };
        return AssertQuery(ss => ss.Set<Customer>().Where(c => cities.Contains(c.City)));
    }

    [Fact]
    public Task Contains_on_empty_list_matches_nothing()
    {
        var cities = new List<string?>();
        return AssertQuery(ss => ss.Set<Customer>().Where(c => cities.Contains(c.City)), assertEmpty: true, operation: "None");
    }

    [Fact]
    public Task Not_contains_on_empty_list_matches_everything()
    {
        var cities = new List<string?>();
        return AssertQuery(ss => ss.Set<Customer>().Where(c => !cities.Contains(c.City)));
    }

    [Fact]
    public Task Not_contains_includes_missing_attributes()
    {
        var cities = new[] { "London", "Paris" };
        return AssertQuery(ss => ss.Set<Customer>().Where(c => !cities.Contains(c.City)));
    }

    [Fact]
    public Task Contains_on_inline_array()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => new[] { "London", "Paris" }.Contains(c.City)));

    [Fact]
    public Task Contains_on_int_list_without_partition_key()
    {
        var ids = new[] { ConformanceData.FirstOrderId + 1, ConformanceData.FirstOrderId + 50, ConformanceData.FirstOrderId + 400 };
        return AssertQuery(ss => ss.Set<Order>().Where(o => ids.Contains(o.OrderID)), operation: "Scan");
    }

    [Fact]
    public Task Contains_on_nullable_uint_list_with_null()
    {
        var managers = new uint?[] { 2, null };
        return AssertQuery(ss => ss.Set<Employee>().Where(e => managers.Contains(e.ReportsTo)));
    }

    [Fact]
    public Task Contains_on_long_list_of_an_int_attribute()
    {
        var ids = new List<long> { ConformanceData.FirstOrderId + 3, ConformanceData.FirstOrderId + 30 };
        return AssertQuery(ss => ss.Set<OrderDetail>().Where(d => ids.Contains(d.OrderID)));
    }

    [Fact]
    public Task Contains_with_more_values_than_one_IN_holds()
    {
        var ids = Enumerable.Range(ConformanceData.FirstOrderId, 150).Where(i => i % 3 != 0).ToList();
        return AssertQuery(ss => ss.Set<Order>().Where(o => ids.Contains(o.OrderID)));
    }

    [Fact]
    public Task Contains_within_a_partition()
    {
        var customer = Data.Orders[0].CustomerID;
        var statuses = new[] { OrderStatus.Shipped, OrderStatus.Delivered };
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer && statuses.Contains(o.Status)), operation: "Query");
    }

    [Fact]
    public Task Contains_with_comparer_is_refused()
    {
        // A List, not an array: C# 14 binds an array's Contains with a comparer to MemoryExtensions, which EF cannot evaluate.
        var cities = new List<string?> { "london" };
        return AssertTranslationFailed(
            ss => ss.Set<Customer>().Where(c => cities.Contains(c.City, StringComparer.OrdinalIgnoreCase)), "comparer");
    }
}
