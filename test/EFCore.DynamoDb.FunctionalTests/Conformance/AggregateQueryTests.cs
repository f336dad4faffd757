using EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Conformance.Model;

namespace EFCore.DynamoDb.FunctionalTests.Conformance;

/// <summary>
///     Count, LongCount, Any and All (answered with Select=COUNT and paging), and Sum, Average, Min and Max, which DynamoDB
///     has no equivalent for and which run on the client over the rows read (in the spirit of EF Core's
///     NorthwindAggregateOperatorsQueryTestBase).
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

    // Aggregates: DynamoDB has none, so they run on the client over the rows the query reads

    [Fact]
    public Task Sum()
        => AssertSingleResult(ss => ss.Set<OrderDetail>().Sum(d => d.Quantity), operation: "Scan");

    [Fact]
    public Task Sum_of_decimal_over_a_partition()
    {
        var customer = BusyCustomer;
        return AssertSingleResult(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).Sum(o => o.Freight), operation: "Query");
    }

    [Fact]
    public Task Sum_after_Select()
        => AssertSingleResult(ss => ss.Set<Order>().Select(o => o.Freight).Sum());

    [Fact]
    public Task Sum_of_nullable()
        => AssertSingleResult(ss => ss.Set<Product>().Sum(p => p.UnitPrice));

    [Fact]
    public Task Sum_of_nothing_is_zero()
        => AssertSingleResult(ss => ss.Set<Order>().Where(o => o.CustomerID == "nobody").Sum(o => o.Freight));

    [Fact]
    public Task Average()
        => AssertSingleResult(ss => ss.Set<Employee>().Average(e => e.Salary));

    [Fact]
    public Task Average_of_nullable_double()
        => AssertSingleResult(ss => ss.Set<Employee>().Average(e => e.Rating));

    [Fact]
    public Task Average_of_nothing_throws()
        => AssertSingleResultThrows<InvalidOperationException, decimal>(ss => ss.Set<Order>().Where(o => o.CustomerID == "nobody").Average(o => o.Freight));

    [Fact]
    public Task Min()
        => AssertSingleResult(ss => ss.Set<Order>().Min(o => o.Freight));

    [Fact]
    public Task Min_of_a_sort_key_of_a_partition()
    {
        var customer = BusyCustomer;
        return AssertSingleResult(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).Min(o => o.OrderID), operation: "Query");
    }

    [Fact]
    public Task Min_of_nullable_DateTime()
        => AssertSingleResult(ss => ss.Set<Order>().Min(o => o.ShippedDate));

    [Fact]
    public Task Max()
        => AssertSingleResult(ss => ss.Set<Employee>().Max(e => e.HireDate));

    [Fact]
    public Task Max_of_a_sort_key_of_a_partition()
    {
        var customer = BusyCustomer;
        return AssertSingleResult(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).Max(o => o.OrderID), operation: "Query");
    }

    [Fact]
    public Task Max_of_a_string()
        => AssertSingleResult(ss => ss.Set<Customer>().Max(c => c.City));

    [Fact]
    public Task Max_of_nothing_throws()
        => AssertSingleResultThrows<InvalidOperationException, int>(ss => ss.Set<Order>().Where(o => o.CustomerID == "nobody").Max(o => o.OrderID));

    [Fact]
    public Task Count_of_distinct_values()
        => AssertSingleResult(ss => ss.Set<Order>().Select(o => o.ShipCountry).Distinct().Count());
}
