using EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Conformance.Model;

namespace EFCore.DynamoDb.FunctionalTests.Conformance;

/// <summary>
///     Count, LongCount, Any and All (answered with Select=COUNT and paging), and the aggregates DynamoDB has no equivalent
///     for, which are refused with a workaround (in the spirit of EF Core's NorthwindAggregateOperatorsQueryTestBase).
/// </summary>
public class AggregateQueryTests(ConformanceFixture fixture) : ConformanceTestBase(fixture), IClassFixture<ConformanceFixture>
{
    private string BusyCustomer => Data.Customers.OrderByDescending(c => c.Orders.Count).ThenBy(c => c.CustomerID, StringComparer.Ordinal).First().CustomerID;

    // Count and LongCount

    [Fact]
    public Task Count_of_a_table()
        => AssertSingleResult(ss => ss.Set<OrderDetail>().Count(), operation: "Scan");

    [Fact]
    public Task Count_with_predicate()
        => AssertSingleResult(ss => ss.Set<Order>().Count(o => o.Freight > 250m), operation: "Scan");

    [Fact]
    public Task Count_after_Where()
        => AssertSingleResult(ss => ss.Set<Customer>().Where(c => c.Region == null).Count());

    [Fact]
    public Task Count_of_a_partition()
    {
        var customer = BusyCustomer;
        return AssertSingleResult(ss => ss.Set<Order>().Count(o => o.CustomerID == customer), operation: "Query");
    }

    [Fact]
    public Task Count_of_a_partition_with_a_filter()
    {
        var customer = BusyCustomer;
        return AssertSingleResult(ss => ss.Set<Order>().Count(o => o.CustomerID == customer && o.IsRush), operation: "Query");
    }

    [Fact]
    public Task Count_with_a_condition_on_the_sort_key_checked_on_the_client()
    {
        var customer = BusyCustomer;
        var orderId = Data.Orders.First(o => o.CustomerID == customer).OrderID;
        return AssertSingleResult(ss => ss.Set<Order>().Count(o => o.CustomerID == customer && o.OrderID != orderId));
    }

    [Fact]
    public Task Count_of_a_global_index_partition()
    {
        var employee = Data.Orders.First(o => o.EmployeeID != null).EmployeeID;
        return AssertSingleResult(ss => ss.Set<Order>().Count(o => o.EmployeeID == employee && o.OrderDate != null), operation: "Query INDEX ByEmployee");
    }

    [Fact]
    public Task Count_of_a_full_key()
    {
        var order = Data.Orders[3];
        return AssertSingleResult(ss => ss.Set<Order>().Count(o => o.CustomerID == order.CustomerID && o.OrderID == order.OrderID), operation: "GetItem");
    }

    [Fact]
    public Task Count_of_a_missing_key()
        => AssertSingleResult(ss => ss.Set<Customer>().Count(c => c.CustomerID == "nobody"), operation: "GetItem");

    [Fact]
    public Task Count_of_a_list_of_keys()
    {
        var ids = new[] { "C001", "C002", "C050", "nobody" };
        return AssertSingleResult(ss => ss.Set<Customer>().Count(c => ids.Contains(c.CustomerID)), operation: "BatchGetItem");
    }

    [Fact]
    public Task Count_of_nothing()
        => AssertSingleResult(ss => ss.Set<Customer>().Count(c => false), operation: "None");

    [Fact]
    public Task Count_after_Take()
        => AssertSingleResult(ss => ss.Set<OrderDetail>().Where(d => d.Quantity > 10).Take(25).Count());

    [Fact]
    public Task Count_after_Skip()
    {
        var customer = BusyCustomer;
        return AssertSingleResult(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).Skip(3).Count());
    }

    [Fact]
    public Task Count_after_Select()
        => AssertSingleResult(ss => ss.Set<Employee>().Select(e => e.City).Count());

    [Fact]
    public Task Count_with_null_semantics()
        => AssertSingleResult(ss => ss.Set<Customer>().Count(c => c.City != "London"));

    [Fact]
    public Task Count_with_set_size()
        => AssertSingleResult(ss => ss.Set<Employee>().Count(e => e.Skills.Count == 0));

    [Fact]
    public Task LongCount()
        => AssertSingleResult(ss => ss.Set<Order>().LongCount());

    [Fact]
    public Task LongCount_with_predicate()
        => AssertSingleResult(ss => ss.Set<OrderDetail>().LongCount(d => d.Discount > 0));

    // Any and All

    [Fact]
    public Task Any_of_a_table()
        => AssertSingleResult(ss => ss.Set<Product>().Any());

    [Fact]
    public Task Any_with_predicate()
        => AssertSingleResult(ss => ss.Set<Product>().Any(p => p.UnitsInStock == 0));

    [Fact]
    public Task Any_that_matches_nothing()
        => AssertSingleResult(ss => ss.Set<Order>().Any(o => o.Freight > 100_000m));

    [Fact]
    public Task Any_of_a_missing_key()
        => AssertSingleResult(ss => ss.Set<Employee>().Any(e => e.EmployeeID == 999u), operation: "GetItem");

    [Fact]
    public Task Any_after_Skip()
    {
        var customer = BusyCustomer;
        var count = Data.Orders.Count(o => o.CustomerID == customer);
        return AssertSingleResult(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).Skip(count).Any());
    }

    [Fact]
    public Task All_true()
        => AssertSingleResult(ss => ss.Set<OrderDetail>().All(d => d.Quantity > 0));

    [Fact]
    public Task All_false()
        => AssertSingleResult(ss => ss.Set<Customer>().All(c => c.City != null));

    [Fact]
    public Task All_of_a_partition()
    {
        var customer = BusyCustomer;
        return AssertSingleResult(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).All(o => o.ShipCountry != ""));
    }

    [Fact]
    public Task All_of_nothing_is_true()
        => AssertSingleResult(ss => ss.Set<Order>().Where(o => o.CustomerID == "nobody").All(o => o.IsRush));

    [Fact]
    public Task All_after_Take_is_refused()
        => AssertSingleResultTranslationFailed(ss => ss.Set<Order>().Take(5).All(o => o.IsRush), "Take");

    // Aggregates: refused, with a workaround

    [Fact]
    public Task Sum_is_refused()
        => AssertSingleResultTranslationFailed(ss => ss.Set<OrderDetail>().Sum(d => d.Quantity), "Sum");

    [Fact]
    public Task Sum_of_decimal_is_refused()
        => AssertSingleResultTranslationFailed(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001").Sum(o => o.Freight), "Sum");

    [Fact]
    public Task Sum_after_Select_is_refused()
        => AssertSingleResultTranslationFailed(ss => ss.Set<Order>().Select(o => o.Freight).Sum(), "Sum");

    [Fact]
    public Task Sum_of_nullable_is_refused()
        => AssertSingleResultTranslationFailed(ss => ss.Set<Product>().Sum(p => p.UnitPrice), "Sum");

    [Fact]
    public Task Average_is_refused()
        => AssertSingleResultTranslationFailed(ss => ss.Set<Employee>().Average(e => e.Salary), "Average");

    [Fact]
    public Task Min_is_refused()
        => AssertSingleResultTranslationFailed(ss => ss.Set<Order>().Min(o => o.Freight), "Min");

    [Fact]
    public Task Min_of_a_sort_key_is_refused_with_a_workaround()
        => AssertSingleResultTranslationFailed(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001").Min(o => o.OrderID), "OrderBy");

    [Fact]
    public Task Max_is_refused()
        => AssertSingleResultTranslationFailed(ss => ss.Set<Employee>().Max(e => e.HireDate), "Max");

    [Fact]
    public Task Max_of_a_sort_key_is_refused_with_a_workaround()
        => AssertSingleResultTranslationFailed(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001").Max(o => o.OrderID), "OrderByDescending");

    [Fact]
    public Task Count_of_distinct_values()
        => AssertSingleResult(ss => ss.Set<Order>().Select(o => o.ShipCountry).Distinct().Count());
}
