using EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Conformance.Model;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Conformance;

/// <summary>
///     Ordering on the sort keys of the table and of the indexes, Reverse, Take, Skip, First, Single, Last, Distinct,
///     tracking, and the operators DynamoDB has no equivalent for (in the spirit of EF Core's
///     NorthwindMiscellaneousQueryTestBase).
/// </summary>
public class MiscellaneousQueryTests(ConformanceFixture fixture) : ConformanceTestBase(fixture), IClassFixture<ConformanceFixture>
{
    private string BusyCustomer => Data.Customers.OrderByDescending(c => c.Orders.Count).ThenBy(c => c.CustomerID, StringComparer.Ordinal).First().CustomerID;

    private uint BusyEmployee => Data.Orders.Where(o => o.EmployeeID != null).GroupBy(o => o.EmployeeID!.Value)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;

    // Ordering on the table's sort key

    [Fact]
    public Task OrderBy_sort_key()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.OrderID), operation: "Query");
    }

    [Fact]
    public Task OrderByDescending_sort_key()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderByDescending(o => o.OrderID), operation: "Query");
    }

    [Fact]
    public Task OrderBy_partition_key_then_sort_key_descending()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.CustomerID).ThenByDescending(o => o.OrderID));
    }

    [Fact]
    public Task OrderBy_sort_key_with_a_range()
    {
        var customer = BusyCustomer;
        var from = Data.Orders.First(o => o.CustomerID == customer).OrderID + 2;
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer && o.OrderID >= from).OrderByDescending(o => o.OrderID),
            operation: "Query");
    }

    [Fact]
    public Task OrderBy_sort_key_with_a_filter()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer && o.Freight > 100m).OrderBy(o => o.OrderID));
    }

    [Fact]
    public Task OrderBy_then_Select()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderByDescending(o => o.OrderID).Select(o => o.Freight));
    }

    [Fact]
    public Task Select_then_OrderBy_projected_sort_key()
    {
        var customer = BusyCustomer;
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer).Select(o => new { o.OrderID, o.Freight }).OrderBy(x => x.OrderID));
    }

    [Fact]
    public Task OrderBy_numeric_sort_key_of_order_details()
    {
        var orderId = Data.OrderDetails.GroupBy(d => d.OrderID).First(g => g.Count() >= 4).Key;
        return AssertQuery(ss => ss.Set<OrderDetail>().Where(d => d.OrderID == orderId).OrderByDescending(d => d.ProductID));
    }

    [Fact]
    public Task OrderBy_EF_Property_of_the_sort_key()
    {
        var customer = BusyCustomer;
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderByDescending(o => EF.Property<int>(o, "OrderID")),
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderByDescending(o => o.OrderID),
            operation: "Query");
    }

    [Fact]
    public Task Reverse_after_OrderBy_sort_key()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.OrderID).Reverse());
    }

    [Fact]
    public Task Reverse_after_OrderByDescending_then_Take()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderByDescending(o => o.OrderID).Reverse().Take(3));
    }

    [Fact]
    public Task Reverse_without_OrderBy_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001").Reverse(), "Reverse");

    // Ordering on a local index's sort key (the partition pinned)

    [Fact]
    public Task OrderBy_local_index_sort_key()
    {
        var customer = BusyCustomer;
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer && o.OrderDate != null).OrderBy(o => o.OrderDate),
            operation: "Query INDEX ByOrderDate");
    }

    [Fact]
    public Task OrderByDescending_local_index_sort_key()
    {
        var customer = BusyCustomer;
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer && o.OrderDate != null).OrderByDescending(o => o.OrderDate),
            operation: "Query INDEX ByOrderDate");
    }

    [Fact]
    public Task OrderBy_local_index_sort_key_with_its_key_condition()
    {
        var customer = BusyCustomer;
        var from = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer && o.OrderDate >= from).OrderBy(o => o.OrderDate),
            operation: "Query INDEX ByOrderDate");
    }

    [Fact]
    public Task OrderBy_local_index_sort_key_then_Take()
    {
        var customer = BusyCustomer;
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer && o.OrderDate != null).OrderByDescending(o => o.OrderDate).Take(3));
    }

    [Fact]
    public Task OrderBy_local_index_sort_key_with_items_missing_it_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001").OrderBy(o => o.OrderDate), "OrderDate");

    // Ordering on a global index's sort key (its partition pinned)

    [Fact]
    public Task OrderBy_global_index_sort_key()
    {
        var employee = BusyEmployee;
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o.EmployeeID == employee && o.OrderDate != null).OrderBy(o => o.OrderDate),
            operation: "Query INDEX ByEmployee");
    }

    [Fact]
    public Task OrderByDescending_global_index_sort_key_with_a_range()
    {
        var employee = BusyEmployee;
        var before = new DateTime(2023, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o.EmployeeID == employee && o.OrderDate < before).OrderByDescending(o => o.OrderDate),
            operation: "Query INDEX ByEmployee");
    }

    // Ordering DynamoDB cannot do

    [Fact]
    public Task OrderBy_non_key_attribute_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001").OrderBy(o => o.Freight), "sort key");

    [Fact]
    public Task OrderBy_without_a_partition_key_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Order>().OrderBy(o => o.OrderID), "partition key");

    [Fact]
    public Task OrderBy_on_a_table_without_sort_key_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().OrderBy(c => c.City), "sort key");

    [Fact]
    public Task OrderBy_of_several_partitions_is_refused()
    {
        var customers = new[] { "C001", "C002" };
        return AssertTranslationFailed(ss => ss.Set<Order>().Where(o => customers.Contains(o.CustomerID)).OrderBy(o => o.OrderID), "order");
    }

    // Take, Skip

    [Fact]
    public Task Take_after_OrderBy()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.OrderID).Take(5));
    }

    [Fact]
    public Task Take_counts_matching_items_not_items_read()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer && o.Freight > 250m).OrderBy(o => o.OrderID).Take(3));
    }

    [Fact]
    public Task Take_with_parameter()
    {
        var customer = BusyCustomer;
        var count = 4;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderByDescending(o => o.OrderID).Take(count));
    }

    [Fact]
    public Task Take_zero()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.OrderID).Take(0), assertEmpty: true);
    }

    [Fact]
    public Task Take_more_than_there_are()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.OrderID).Take(1000));
    }

    [Fact]
    public Task Take_without_OrderBy_returns_that_many_of_the_matches()
        => AssertSomeOf(ss => ss.Set<Order>().Where(o => o.Freight > 100m).Take(7), ss => ss.Set<Order>().Where(o => o.Freight > 100m));

    [Fact]
    public Task Take_then_Select()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.OrderID).Take(3).Select(o => o.OrderDate));
    }

    [Fact]
    public Task Skip_after_OrderBy()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.OrderID).Skip(3));
    }

    [Fact]
    public Task Skip_then_Take()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderByDescending(o => o.OrderID).Skip(2).Take(4));
    }

    [Fact]
    public Task Skip_beyond_the_end()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.OrderID).Skip(1000), assertEmpty: true);
    }

    [Fact]
    public Task OrderBy_after_Take_orders_the_window_on_the_client()
    {
        var customer = BusyCustomer;
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.OrderID).Take(6).OrderByDescending(o => o.Freight).ThenBy(o => o.OrderID));
    }

    [Fact]
    public Task Where_after_Skip_filters_the_window_on_the_client()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderByDescending(o => o.OrderID).Skip(2).Where(o => o.Freight > 100m));
    }

    [Fact]
    public Task Reverse_of_a_window()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.OrderID).Take(5).Reverse());
    }

    // First, Single, Last

    [Fact]
    public Task First_after_OrderBy()
    {
        var customer = BusyCustomer;
        return AssertSingleResult(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.OrderID).First(), operation: "Query");
    }

    [Fact]
    public Task First_with_predicate()
    {
        var customer = BusyCustomer;
        return AssertSingleResult(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderByDescending(o => o.OrderID).First(o => o.Freight < 200m));
    }

    [Fact]
    public Task FirstOrDefault_of_nothing_is_null()
        => AssertSingleResult(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001").FirstOrDefault(o => o.Freight > 100_000m));

    [Fact]
    public Task First_of_nothing_throws()
        => AssertSingleResultThrows<InvalidOperationException, Order>(ss => ss.Set<Order>().Where(o => o.CustomerID == "nobody").First());

    [Fact]
    public Task First_then_member()
    {
        var customer = BusyCustomer;
        return AssertSingleResult(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.OrderID).Select(o => o.OrderDate).First());
    }

    [Fact]
    public Task First_on_local_index_order()
    {
        var customer = BusyCustomer;
        return AssertSingleResult(
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer && o.OrderDate != null).OrderBy(o => o.OrderDate).First(),
            operation: "Query INDEX ByOrderDate");
    }

    [Fact]
    public Task Single_on_full_key()
    {
        var order = Data.Orders[42];
        return AssertSingleResult(ss => ss.Set<Order>().Single(o => o.CustomerID == order.CustomerID && o.OrderID == order.OrderID), operation: "GetItem");
    }

    [Fact]
    public Task SingleOrDefault_of_a_missing_key_is_null()
        => AssertSingleResult(ss => ss.Set<Customer>().SingleOrDefault(c => c.CustomerID == "nobody"), operation: "GetItem");

    [Fact]
    public Task Single_of_many_throws()
        => AssertSingleResultThrows<InvalidOperationException, Customer>(ss => ss.Set<Customer>().Single(c => c.Country == "USA"));

    [Fact]
    public Task Last_after_OrderBy()
    {
        var customer = BusyCustomer;
        return AssertSingleResult(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.OrderID).Last());
    }

    [Fact]
    public Task LastOrDefault_with_predicate()
    {
        var customer = BusyCustomer;
        return AssertSingleResult(
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderByDescending(o => o.OrderID).LastOrDefault(o => o.IsRush));
    }

    [Fact]
    public Task Last_without_OrderBy_is_refused()
        => AssertSingleResultTranslationFailed(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001").Last(), "OrderBy");

    [Fact]
    public Task ElementAt_is_refused()
        => AssertSingleResultTranslationFailed(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001").OrderBy(o => o.OrderID).ElementAt(2), "ElementAt");

    // Distinct, on the client over the items read

    [Fact]
    public Task Distinct_scalar()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c.Country).Distinct());

    [Fact]
    public Task Distinct_scalar_with_nulls()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c.City).Distinct());

    [Fact]
    public Task Distinct_anonymous()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => new { c.Country, c.City }).Distinct());

    [Fact]
    public Task Distinct_of_a_partition()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).Select(o => o.Status).Distinct());
    }

    [Fact]
    public Task Distinct_entities_with_an_owned_type()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.Country == "USA").Distinct());

    [Fact]
    public Task Distinct_entities()
        => AssertQuery(ss => ss.Set<Order>().Where(o => o.IsRush).Distinct());

    [Fact]
    public Task OrderBy_string_on_the_client_is_ordinal_as_DynamoDB_orders_strings()
        => AssertQuery(ss => ss.Set<Customer>().Select(c => c.City).Distinct().OrderBy(c => c));

    [Fact]
    public Task OrderByDescending_on_the_client_after_Distinct()
        => AssertQuery(ss => ss.Set<Product>().Select(p => p.SupplierID).Distinct().OrderByDescending(s => s));

    [Fact]
    public Task Distinct_then_Count()
        => AssertSingleResult(ss => ss.Set<Employee>().Select(e => e.Country).Distinct().Count());

    // Cast, OfType, AsNoTracking, tracking

    [Fact]
    public Task Cast_to_own_type()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.Country == "USA").Cast<Customer>());

    [Fact]
    public Task OfType_own_type()
        => AssertQuery(ss => ss.Set<Product>().OfType<Product>());

    [Fact]
    public Task AsNoTracking_results()
        => AssertQuery(ss => ss.Set<Order>().AsNoTracking().Where(o => o.IsRush));

    [Fact]
    public Task AsNoTrackingWithIdentityResolution_results()
        => AssertQuery(ss => ss.Set<Order>().AsNoTrackingWithIdentityResolution().Where(o => o.Status == OrderStatus.Cancelled));

    [Fact]
    public async Task Tracking_query_returns_tracked_entities_that_match_the_items()
    {
        await using var context = Fixture.CreateContext();
        var employees = await context.Employees.Where(e => e.Level == EmployeeLevel.Manager).ToListAsync();
        Assert.NotEmpty(employees);
        Assert.All(employees, e => Assert.Equal(EntityState.Unchanged, context.Entry(e).State));
        var again = await context.Employees.Where(e => e.Level == EmployeeLevel.Manager).ToListAsync();
        Assert.Equal(employees, again);
    }

    [Fact]
    public async Task Compiled_query_reads_one_item()
    {
        var query = EF.CompileAsyncQuery((ConformanceContext c, string id) => c.Customers.FirstOrDefault(x => x.CustomerID == id));
        await using var context = Fixture.CreateContext();
        var expected = Data.Customers[3];
        var actual = await query(context, expected.CustomerID);
        Assert.Equal(ResultFormatter.Format(expected), ResultFormatter.Format(actual));
        Assert.Null(await query(context, "nobody"));
    }

    [Fact]
    public Task WithIndex_forces_the_index()
    {
        var employee = BusyEmployee;
        // The index only holds orders that have an OrderDate (its sort key): forcing it leaves the others out.
        return AssertQuery(
            ss => ss.Set<Order>().WithIndex("ByEmployee").Where(o => o.EmployeeID == employee),
            ss => ss.Set<Order>().Where(o => o.EmployeeID == employee && o.OrderDate != null),
            operation: "Query INDEX ByEmployee");
    }

    [Fact]
    public Task WithConsistentRead_on_a_partition()
    {
        var customer = BusyCustomer;
        return AssertQuery(ss => ss.Set<Order>().WithConsistentRead().Where(o => o.CustomerID == customer), operation: "Query");
    }

    // Operators DynamoDB has no equivalent for

    [Fact]
    public Task GroupBy_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().GroupBy(c => c.Country).Select(g => g.Key), "GroupBy");

    [Fact]
    public Task Join_is_refused()
        => AssertTranslationFailed(
            ss => ss.Set<Customer>().Join(ss.Set<Order>(), c => c.CustomerID, o => o.CustomerID, (c, o) => o.OrderID), "join");

    [Fact]
    public Task SelectMany_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().SelectMany(c => c.Orders), "SelectMany");

    [Fact]
    public async Task Include_of_another_table_reads_each_customers_partition()
    {
        // Orders live in their own table, partitioned by the customer: one Query per customer after the customers' request.
        var customer = BusyCustomer;
        await using var context = Fixture.CreateContext();
        var read = await context.Set<Customer>().AsNoTracking().Where(c => c.CustomerID == customer).Include(c => c.Orders).SingleAsync();
        Assert.Equal(
            Data.Orders.Where(o => o.CustomerID == customer).Select(o => o.OrderID).Order(),
            read.Orders.Select(o => o.OrderID).Order());
        Assert.Contains("one Query per partition", context.Set<Customer>().Include(c => c.Orders).ToQueryString(), StringComparison.Ordinal);
    }

    [Fact]
    public Task Union_is_refused()
        => AssertTranslationFailed(
            ss => ss.Set<Customer>().Where(c => c.City == "London").Union(ss.Set<Customer>().Where(c => c.City == "Paris")), "Union");

    [Fact]
    public Task Concat_is_refused()
        => AssertTranslationFailed(
            ss => ss.Set<Customer>().Where(c => c.City == "London").Concat(ss.Set<Customer>().Where(c => c.City == "Paris")), "Concat");

    [Fact]
    public Task Contains_entity_is_refused()
    {
        var probe = new Customer { CustomerID = "C001" };
        return AssertSingleResultTranslationFailed(ss => ss.Set<Customer>().Contains(probe), "Contains");
    }

    [Fact]
    public Task SkipWhile_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001").OrderBy(o => o.OrderID).SkipWhile(o => o.Freight < 100m), "SkipWhile");

    [Fact]
    public Task DefaultIfEmpty_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Order>().Where(o => o.CustomerID == "nobody").DefaultIfEmpty(), "DefaultIfEmpty");
}
