using EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Conformance.Model;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Conformance;

/// <summary>
///     Projections (in the spirit of EF Core's NorthwindSelectQueryTestBase): DynamoDB reads the attributes, and whatever the
///     final projection computes runs on the client, so every projection of attributes, constants and captured values has
///     C#'s answer; member access on a null reads as null, as EF Core projects it.
/// </summary>
public class SelectQueryTests(ConformanceFixture fixture) : ConformanceTestBase(fixture), IClassFixture<ConformanceFixture>
{
    [Fact]
    public Task Select_entity()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c));

    [Fact]
    public Task Select_entity_no_tracking()
        => AssertQuery(ss => ss.Set<Employee>().AsNoTracking().Select(e => e));

    [Fact]
    public Task Select_scalar()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c.City));

    [Fact]
    public Task Select_key()
        => AssertQuery(ss => ss.Set<Order>().Select(o => o.OrderID));

    [Fact]
    public Task Select_anonymous()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => new { c.CustomerID, c.City, c.Region }));

    [Fact]
    public Task Select_anonymous_with_renamed_members()
        => AssertQuery(ss => ss.Set<Order>().Select(o => new { Id = o.OrderID, Customer = o.CustomerID, When = o.OrderDate }));

    [Fact]
    public Task Select_nested_anonymous()
        => AssertQuery(ss => ss.Set<Order>().Select(o => new { o.OrderID, Shipping = new { o.ShipCity, o.ShipCountry } }));

    [Fact]
    public Task Select_dto_with_member_initializer()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => new CustomerSummary { Id = c.CustomerID, City = c.City }));

    [Fact]
    public Task Select_dto_with_constructor()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => new CustomerRecord(c.CustomerID, c.CompanyName)));

    [Fact]
    public Task Select_Tuple_Create()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => Tuple.Create(c.CustomerID, c.Country)));

    [Fact]
    public Task Select_array()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => new[] { c.City, c.Country }));

    [Fact]
    public Task Select_list_initializer()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => new List<string?> { c.CustomerID, c.Region }));

    [Fact]
    public Task Select_entity_and_scalar()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => new { c, c.City }));

    [Fact]
    public Task Select_constant_int()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => 1));

    [Fact]
    public Task Select_constant_string()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => "x"));

    [Fact]
    public Task Select_constant_null()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => (string?)null));

    [Fact]
    public Task Select_captured_variable()
    {
        var x = 5;
        return AssertQuery(ss => ss.Set<Customer>().Select(c => x));
    }

    [Fact]
    public Task Select_anonymous_with_captured_bool()
    {
        var b = true;
        return AssertQuery(ss => ss.Set<Customer>().Select(c => new { f = b }));
    }

    [Fact]
    public Task Select_anonymous_with_attribute_constant_and_captured_variable()
    {
        var x = "captured";
        return AssertQuery(ss => ss.Set<Customer>().Select(c => new { c.CustomerID, Constant = 42, Captured = x }));
    }

    [Fact]
    public Task Select_captured_variable_of_a_partition()
    {
        var x = 7;
        var customer = Data.Orders[0].CustomerID;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).Select(o => x), operation: "Query");
    }

    [Fact]
    public Task Select_conditional_with_null_guard()
        => AssertQuery(ss => ss.Set<Order>().Select(o => o.OrderDate == null ? (DateTime?)null : o.OrderDate.Value.Date));

    [Fact]
    public Task Select_conditional_has_value()
        => AssertQuery(ss => ss.Set<Order>().Select(o => o.ShippedDate.HasValue ? o.ShippedDate.Value.Year : 0));

    [Fact]
    public Task Select_nullable_value_after_null_filter()
        => AssertQuery(ss => ss.Set<Order>().Where(o => o.OrderDate != null).Select(o => o.OrderDate!.Value));

    [Fact]
    public Task Select_string_length_of_a_null_string_is_null()
        => AssertQuery(
            ss => ss.Set<Customer>().Select(c => (int?)c.Region!.Length),
            ss => ss.Set<Customer>().Select(c => c.Region == null ? null : (int?)c.Region.Length));

    [Fact]
    public Task Select_string_length_of_a_required_string()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c.CompanyName.Length));

    [Fact]
    public Task Select_coalesce()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c.Region ?? "none"));

    [Fact]
    public Task Select_conditional_string()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c.Region == null ? "no region" : c.Region));

    [Fact]
    public Task Select_comparison_result()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => new { c.CustomerID, InLondon = c.City == "London" }));

    [Fact]
    public Task Select_null_check_result()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c.Region == null));

    [Fact]
    public Task Select_string_concatenation()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c.City + ", " + c.Country));

    [Fact]
    public Task Select_string_concatenation_of_two_nullable_strings()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c.City + c.Region));

    [Fact]
    public Task Select_string_Concat_method_with_null()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => string.Concat(c.Region, "!")));

    [Fact]
    public Task Select_method_call_on_a_null_string_is_null()
        => AssertQuery(
            ss => ss.Set<Customer>().Select(c => c.City!.ToUpperInvariant()),
            ss => ss.Set<Customer>().Select(c => c.City == null ? null : c.City.ToUpperInvariant()));

    [Fact]
    public Task Select_method_taking_a_null_string_sees_null()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => string.IsNullOrEmpty(c.Region)));

    [Fact]
    public Task Select_GetValueOrDefault_of_a_missing_number()
        => AssertQuery(ss => ss.Set<Employee>().Select(e => e.ReportsTo.GetValueOrDefault()));

    [Fact]
    public Task Select_coalesce_of_a_missing_number()
        => AssertQuery(ss => ss.Set<Employee>().Select(e => e.ReportsTo ?? 0u));

    [Fact]
    public Task Select_has_value_of_a_missing_number()
        => AssertQuery(ss => ss.Set<Employee>().Select(e => new { e.EmployeeID, e.ReportsTo.HasValue }));

    [Fact]
    public Task Select_user_null_guard_on_a_list()
        => AssertQuery(ss => ss.Set<Employee>().Select(e => e.Ratings == null ? -1 : e.Ratings.Count));

    [Fact]
    public Task Select_user_null_guard_on_an_owned_object()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c.Address == null ? "none" : c.Address.City));

    [Fact]
    public Task Select_object_Equals_with_null()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => Equals(c.Region, null)));

    [Fact]
    public Task Select_set_contains()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c.Tags.Contains("vip")));

    [Fact]
    public Task Select_string_concatenation_with_captured_variable()
    {
        var suffix = " Ltd";
        return AssertQuery(ss => ss.Set<Customer>().Select(c => c.CompanyName + suffix));
    }

    [Fact]
    public Task Select_string_interpolation()
        => AssertQuery(ss => ss.Set<Order>().Select(o => $"{o.CustomerID}/{o.OrderID}"));

    [Fact]
    public Task Select_method_call_on_the_client()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c.CompanyName.ToUpperInvariant()));

    [Fact]
    public Task Select_substring_on_the_client()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c.CompanyName.Substring(0, 3)));

    [Fact]
    public Task Select_static_client_method()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => Describe(c.City, c.Country)));

    [Fact]
    public Task Select_ToString_of_a_number()
        => AssertQuery(ss => ss.Set<Order>().Select(o => o.OrderID.ToString()));

    [Fact]
    public Task Select_arithmetic_on_decimal()
        => AssertQuery(ss => ss.Set<OrderDetail>().Select(d => d.UnitPrice * d.Quantity));

    [Fact]
    public Task Select_arithmetic_with_float_to_decimal_cast()
        => AssertQuery(ss => ss.Set<OrderDetail>().Select(d => new { d.OrderID, d.ProductID, Total = d.UnitPrice * d.Quantity * (decimal)(1 - d.Discount) }));

    [Fact]
    public Task Select_math_on_the_client()
        => AssertQuery(ss => ss.Set<Order>().Select(o => Math.Round(o.Freight / 3, 2)));

    [Fact]
    public Task Select_nullable_arithmetic()
        => AssertQuery(ss => ss.Set<Product>().Select(p => p.UnitPrice * 2));

    [Fact]
    public Task Select_enum()
        => AssertQuery(ss => ss.Set<Employee>().Select(e => e.Level));

    [Fact]
    public Task Select_enum_cast_to_int()
        => AssertQuery(ss => ss.Set<Employee>().Select(e => (int)e.Level));

    [Fact]
    public Task Select_enum_ToString()
        => AssertQuery(ss => ss.Set<Order>().Select(o => o.Status.ToString()));

    [Fact]
    public Task Select_string_enum()
        => AssertQuery(ss => ss.Set<Product>().Select(p => new { p.ProductID, p.Category }));

    [Fact]
    public Task Select_unsigned_and_short()
        => AssertQuery(ss => ss.Set<Employee>().Select(e => new { e.EmployeeID, e.ReportsTo, e.Grade, e.Badge }));

    [Fact]
    public Task Select_cast_of_nullable_uint_to_nullable_long()
        => AssertQuery(ss => ss.Set<Employee>().Select(e => (long?)e.ReportsTo));

    [Fact]
    public Task Select_ushort_and_short()
        => AssertQuery(ss => ss.Set<Product>().Select(p => new { p.UnitsInStock, p.UnitsOnOrder, p.ReorderLevel }));

    [Fact]
    public Task Select_set()
        => AssertQuery(ss => ss.Set<Employee>().Select(e => e.Skills));

    [Fact]
    public Task Select_set_count()
        => AssertQuery(ss => ss.Set<Employee>().Select(e => e.Skills.Count));

    [Fact]
    public Task Select_number_set()
        => AssertQuery(ss => ss.Set<Employee>().Select(e => new { e.EmployeeID, e.Territories }));

    [Fact]
    public Task Select_list()
        => AssertQuery(ss => ss.Set<Employee>().Select(e => e.Ratings));

    [Fact]
    public Task Select_list_count_of_a_null_list_is_null()
        => AssertQuery(
            ss => ss.Set<Employee>().Select(e => (int?)e.Ratings!.Count),
            ss => ss.Set<Employee>().Select(e => e.Ratings == null ? null : (int?)e.Ratings.Count));

    [Fact]
    public Task Select_list_of_strings()
        => AssertQuery(ss => ss.Set<Employee>().Select(e => e.Languages));

    [Fact]
    public Task Select_owned()
        => AssertQuery(ss => ss.Set<Customer>().AsNoTracking().Select(c => c.Address));

    [Fact]
    public Task Select_owned_property_of_a_missing_owner_is_null()
        => AssertQuery(
            ss => ss.Set<Customer>().Select(c => c.Address!.City),
            ss => ss.Set<Customer>().Select(c => c.Address == null ? null : c.Address.City));

    [Fact]
    public Task Select_owned_properties_in_anonymous_type()
        => AssertQuery(
            ss => ss.Set<Customer>().Select(c => new { c.CustomerID, Street = (string?)c.Address!.Street, Code = c.Address.PostalCode }),
            ss => ss.Set<Customer>().Select(c => new
            {
                c.CustomerID, Street = c.Address == null ? null : c.Address.Street, Code = c.Address == null ? null : c.Address.PostalCode,
            }));

    [Fact]
    public Task Select_EF_Property()
        => AssertQuery(
            ss => ss.Set<Employee>().Select(e => EF.Property<string>(e, "Title")),
            ss => ss.Set<Employee>().Select(e => e.Title!));

    [Fact]
    public Task Select_renamed_attribute()
        => AssertQuery(ss => ss.Set<Product>().Select(p => new { p.ProductID, p.ProductName }));

    [Fact]
    public Task Select_DateTime_parts_on_the_client()
        => AssertQuery(ss => ss.Set<Employee>().Select(e => new { e.HireDate.Year, e.HireDate.Month, e.HireDate.DayOfWeek }));

    [Fact]
    public Task Select_then_Where_on_projected_member()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => new { c.CustomerID, c.City }).Where(x => x.City == "London"));

    [Fact]
    public Task Select_twice()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => new { c.CustomerID, c.City }).Select(x => x.City));

    [Fact]
    public Task Select_identity_then_scalar()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c).Select(c => c.Country));

    [Fact]
    public Task Select_after_Where_on_a_partition()
    {
        var customer = Data.Orders[0].CustomerID;
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer).Select(o => new { o.OrderID, o.Freight }), operation: "Query");
    }

    [Fact]
    public Task Select_from_a_key_lookup()
    {
        var order = Data.Orders[5];
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o.CustomerID == order.CustomerID && o.OrderID == order.OrderID).Select(o => new { o.ShipName, o.Status }),
            operation: "GetItem");
    }

    [Fact]
    public async Task Select_reads_only_the_projected_attributes()
    {
        var plan = await QueryString(ss => ss.Set<Customer>().Select(c => new { c.City, Upper = c.CompanyName.ToUpperInvariant() }));
        Assert.Contains("ProjectionExpression: ", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("#Region", plan, StringComparison.Ordinal);
    }

    [Fact]
    public Task Select_navigation_count_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Select(c => c.Orders.Count()), "join");

    [Fact]
    public Task Select_navigation_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Select(c => new { c.CustomerID, c.Orders }), "join");

    [Fact]
    public Task Select_subquery_is_refused()
        => AssertTranslationFailed(
            ss => ss.Set<Customer>().Select(c => ss.Set<Order>().Count(o => o.CustomerID == c.CustomerID)), "join");

    [Fact]
    public Task Select_with_index_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Select((c, i) => new { c.CustomerID, i }), "Select");

    private static string Describe(string? city, string country) => city == null ? country : city + " (" + country + ")";

    public sealed class CustomerSummary
    {
        public string Id { get; set; } = null!;

        public string? City { get; set; }
    }

    public sealed record CustomerRecord(string Id, string Company);
}
