using System.Linq.Expressions;
using EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Conformance.Model;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Conformance;

/// <summary>
///     Queries that name keys run as key lookups, never as a Scan: the full key is GetItem, several full keys (a list, an OR,
///     entity equality) BatchGetItem, a partition key Query, an index's partition key a Query on that index.
/// </summary>
public class KeyLookupQueryTests(ConformanceFixture fixture) : ConformanceTestBase(fixture), IClassFixture<ConformanceFixture>
{
    private Order SomeOrder => Data.Orders[100];

    // GetItem

    [Fact]
    public Task Partition_key_of_a_table_without_sort_key_is_GetItem()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.CustomerID == "C007"), operation: "GetItem");

    [Fact]
    public Task Reversed_key_equality_is_GetItem()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => "C007" == c.CustomerID), operation: "GetItem");

    [Fact]
    public Task Key_from_a_parameter_is_GetItem()
    {
        var id = "C012";
        return AssertQuery(ss => ss.Set<Customer>().Where(c => c.CustomerID == id), operation: "GetItem");
    }

    [Fact]
    public Task Key_from_a_closure_member_is_GetItem()
    {
        var customer = Data.Customers[20];
        return AssertQuery(ss => ss.Set<Customer>().Where(c => c.CustomerID == customer.CustomerID), operation: "GetItem");
    }

    [Fact]
    public Task Missing_key_is_GetItem_of_nothing()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.CustomerID == "nobody"), assertEmpty: true, operation: "GetItem");

    [Fact]
    public Task Null_key_reads_nothing()
    {
        string? id = null;
        return AssertQuery(ss => ss.Set<Customer>().Where(c => c.CustomerID == id), assertEmpty: true, operation: "None");
    }

    [Fact]
    public Task Full_key_with_another_condition_is_GetItem_checked_on_the_item()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.CustomerID == "C007" && c.City != "Nowhere"), operation: "GetItem");

    [Fact]
    public Task Full_key_with_a_condition_that_fails_is_GetItem_of_nothing()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.CustomerID == "C007" && c.Country == "Atlantis"), assertEmpty: true, operation: "GetItem");

    [Fact]
    public Task Uint_key_is_GetItem()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.EmployeeID == 5u), operation: "GetItem");

    [Fact]
    public Task Int_key_is_GetItem()
        => AssertQuery(ss => ss.Set<Product>().Where(p => p.ProductID == 42), operation: "GetItem");

    [Fact]
    public Task Partition_and_sort_key_is_GetItem()
    {
        var order = SomeOrder;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == order.CustomerID && o.OrderID == order.OrderID), operation: "GetItem");
    }

    [Fact]
    public Task Sort_key_first_is_GetItem()
    {
        var order = SomeOrder;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.OrderID == order.OrderID && o.CustomerID == order.CustomerID), operation: "GetItem");
    }

    [Fact]
    public Task Numeric_partition_and_sort_key_is_GetItem()
    {
        var detail = Data.OrderDetails[200];
        return AssertQuery(
            ss => ss.Set<OrderDetail>().Where(d => d.OrderID == detail.OrderID && d.ProductID == detail.ProductID), operation: "GetItem");
    }

    [Fact]
    public Task Nullable_sort_key_parameter_is_GetItem()
    {
        var order = SomeOrder;
        int? orderId = order.OrderID;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == order.CustomerID && o.OrderID == orderId), operation: "GetItem");
    }

    [Fact]
    public Task Key_compared_with_a_wider_parameter_is_GetItem()
    {
        long id = 42;
        return AssertQuery(ss => ss.Set<Product>().Where(p => p.ProductID == id), operation: "GetItem");
    }

    [Fact]
    public Task Key_through_EF_Property_is_GetItem()
        => AssertQuery(
            ss => ss.Set<Customer>().Where(c => EF.Property<string>(c, "CustomerID") == "C007"),
            ss => ss.Set<Customer>().Where(c => c.CustomerID == "C007"),
            operation: "GetItem");

    [Fact]
    public Task Key_through_Equals_is_GetItem()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.CustomerID.Equals("C007")), operation: "GetItem");

    [Fact]
    public Task Entity_equality_is_GetItem()
    {
        var probe = new Customer { CustomerID = "C009" };
        return AssertQuery(
            ss => ss.Set<Customer>().Where(c => c == probe),
            ss => ss.Set<Customer>().Where(c => c.CustomerID == "C009"),
            operation: "GetItem");
    }

    [Fact]
    public Task Entity_equality_with_composite_key_is_GetItem()
    {
        var order = SomeOrder;
        var probe = new Order { CustomerID = order.CustomerID, OrderID = order.OrderID };
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o == probe),
            ss => ss.Set<Order>().Where(o => o.CustomerID == order.CustomerID && o.OrderID == order.OrderID),
            operation: "GetItem");
    }

    [Fact]
    public Task Entity_inequality_is_everything_else()
    {
        var probe = new Employee { EmployeeID = 3 };
        return AssertQuery(ss => ss.Set<Employee>().Where(e => e != probe), ss => ss.Set<Employee>().Where(e => e.EmployeeID != 3));
    }

    [Fact]
    public async Task FindAsync_reads_one_item()
    {
        var order = SomeOrder;
        await using var context = Fixture.CreateContext();
        var found = await context.Orders.FindAsync(order.CustomerID, order.OrderID);
        Assert.Equal(ResultFormatter.Format(order), ResultFormatter.Format(found));
        Assert.Null(await context.Orders.FindAsync(order.CustomerID, -1));
    }

    // BatchGetItem

    [Fact]
    public Task List_of_keys_is_BatchGetItem()
    {
        var ids = new[] { "C001", "C005", "C033", "nobody" };
        return AssertQuery(ss => ss.Set<Customer>().Where(c => ids.Contains(c.CustomerID)), operation: "BatchGetItem");
    }

    [Fact]
    public Task List_of_keys_with_duplicates_reads_each_once()
    {
        var ids = new List<string> { "C001", "C001", "C002" };
        return AssertQuery(ss => ss.Set<Customer>().Where(c => ids.Contains(c.CustomerID)), operation: "BatchGetItem");
    }

    [Fact]
    public Task List_of_more_than_100_keys_is_BatchGetItem()
    {
        var ids = Enumerable.Range(1, 150).Select(i => i).ToList();
        return AssertQuery(ss => ss.Set<Product>().Where(p => ids.Contains(p.ProductID)), operation: "BatchGetItem");
    }

    [Fact]
    public Task List_of_keys_with_another_condition_is_BatchGetItem_checked_on_the_items()
    {
        var ids = Enumerable.Range(1, 30).Select(i => (uint)i).ToArray();
        return AssertQuery(ss => ss.Set<Employee>().Where(e => ids.Contains(e.EmployeeID) && e.IsRemote), operation: "BatchGetItem");
    }

    [Fact]
    public Task Empty_list_of_keys_reads_nothing()
    {
        var ids = new List<string>();
        return AssertQuery(ss => ss.Set<Customer>().Where(c => ids.Contains(c.CustomerID)), assertEmpty: true, operation: "None");
    }

    [Fact]
    public Task List_of_partition_keys_with_sort_key_pinned_is_BatchGetItem()
    {
        var productId = Data.OrderDetails[0].ProductID;
        var orderIds = Data.OrderDetails.Where(d => d.ProductID == productId).Select(d => d.OrderID).Append(1).ToList();
        return AssertQuery(
            ss => ss.Set<OrderDetail>().Where(d => orderIds.Contains(d.OrderID) && d.ProductID == productId), operation: "BatchGetItem");
    }

    [Fact]
    public Task List_of_sort_keys_with_partition_pinned_is_BatchGetItem()
    {
        var customer = SomeOrder.CustomerID;
        var orderIds = Data.Orders.Where(o => o.CustomerID == customer).Select(o => o.OrderID).Take(3).Append(1).ToList();
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer && orderIds.Contains(o.OrderID)), operation: "BatchGetItem");
    }

    [Fact]
    public Task Lists_of_partition_and_sort_keys_are_BatchGetItem_of_every_pair()
    {
        var customers = Data.Orders.Take(40).Select(o => o.CustomerID).Distinct().ToList();
        var orderIds = Data.Orders.Take(40).Where((_, i) => i % 3 == 0).Select(o => o.OrderID).ToList();
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => customers.Contains(o.CustomerID) && orderIds.Contains(o.OrderID)), operation: "BatchGetItem");
    }

    [Fact]
    public Task Or_of_keys_is_BatchGetItem()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.CustomerID == "C001" || c.CustomerID == "C002"), operation: "BatchGetItem");

    [Fact]
    public Task Or_of_three_keys_is_BatchGetItem()
        => AssertQuery(
            ss => ss.Set<Employee>().Where(e => e.EmployeeID == 1u || e.EmployeeID == 7u || e.EmployeeID == 99u), operation: "BatchGetItem");

    [Fact]
    public Task Or_of_full_composite_keys_is_BatchGetItem()
    {
        var a = Data.Orders[10];
        var b = Data.Orders[200];
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => (o.CustomerID == a.CustomerID && o.OrderID == a.OrderID) || (o.CustomerID == b.CustomerID && o.OrderID == b.OrderID)),
            operation: "BatchGetItem");
    }

    [Fact]
    public Task Or_of_composite_keys_built_from_a_list_is_BatchGetItem()
    {
        var keys = new[] { Data.Orders[1], Data.Orders[50], Data.Orders[300] }.Select(o => (o.CustomerID, o.OrderID)).ToList();
        var order = Expression.Parameter(typeof(Order), "o");
        var body = keys
            .Select(k => (Expression)Expression.AndAlso(
                Expression.Equal(Expression.Property(order, nameof(Order.CustomerID)), Expression.Constant(k.CustomerID)),
                Expression.Equal(Expression.Property(order, nameof(Order.OrderID)), Expression.Constant(k.OrderID))))
            .Aggregate(Expression.OrElse);
        var predicate = Expression.Lambda<Func<Order, bool>>(body, order);
        return AssertQuery(ss => ss.Set<Order>().Where(predicate), operation: "BatchGetItem");
    }

    [Fact]
    public Task List_of_key_pairs_is_BatchGetItem()
    {
        var keys = new[] { Data.Orders[2], Data.Orders[60], Data.Orders[400] }.Select(o => new OrderKey(o.CustomerID, o.OrderID)).ToList();
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => keys.Any(k => k.CustomerID == o.CustomerID && k.OrderID == o.OrderID)),
            operation: "BatchGetItem");
    }

    [Fact]
    public Task Or_of_a_key_and_a_non_key_condition_is_a_Scan()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.CustomerID == "C001" || c.City == "London"), operation: "Scan");

    // Query

    [Fact]
    public Task Partition_key_is_Query()
    {
        var customer = SomeOrder.CustomerID;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer), operation: "Query");
    }

    [Fact]
    public Task Partition_key_with_sort_key_range_is_Query()
    {
        var customer = SomeOrder.CustomerID;
        var from = SomeOrder.OrderID - 2;
        var to = SomeOrder.OrderID + 2;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer && o.OrderID >= from && o.OrderID <= to), operation: "Query");
    }

    [Fact]
    public Task Partition_key_with_sort_key_not_equal_is_Query()
    {
        var customer = SomeOrder.CustomerID;
        var orderId = SomeOrder.OrderID;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer && o.OrderID != orderId), operation: "Query");
    }

    [Fact]
    public Task Empty_sort_key_range_reads_nothing()
    {
        var customer = SomeOrder.CustomerID;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer && o.OrderID > 20000 && o.OrderID < 10000), assertEmpty: true, operation: "None");
    }

    [Fact]
    public Task List_of_partition_keys_without_sort_key_is_one_Query_per_key()
    {
        var customers = new[] { "C001", "C002", "C003" };
        return AssertQuery(ss => ss.Set<Order>().Where(o => customers.Contains(o.CustomerID) && o.Freight > 50m), operation: "Query");
    }

    [Fact]
    public Task Or_of_partition_keys_without_sort_key_is_Query()
        => AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001" || o.CustomerID == "C002"), operation: "Query");

    [Fact]
    public Task Partition_key_of_order_details_is_Query()
    {
        var orderId = Data.OrderDetails[10].OrderID;
        return AssertQuery(ss => ss.Set<OrderDetail>().Where(d => d.OrderID == orderId), operation: "Query");
    }

    // Index queries

    [Fact]
    public Task Global_index_partition_key_is_Query_on_the_index_when_its_sort_key_is_present()
    {
        var employee = Data.Orders.First(o => o.EmployeeID != null).EmployeeID;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.EmployeeID == employee && o.OrderDate != null), operation: "Query INDEX ByEmployee");
    }

    [Fact]
    public Task Global_index_partition_key_alone_reads_the_table_as_the_index_misses_items_without_its_sort_key()
    {
        var employee = Data.Orders.First(o => o.EmployeeID != null && o.OrderDate == null).EmployeeID;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.EmployeeID == employee), operation: "Scan");
    }

    [Fact]
    public Task Global_index_partition_and_sort_key_condition_is_Query_on_the_index()
    {
        var from = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.EmployeeID == 4u && o.OrderDate >= from), operation: "Query INDEX ByEmployee");
    }

    [Fact]
    public Task Global_index_partition_key_with_null_reads_the_table()
    {
        uint? employee = null;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.EmployeeID == employee), operation: "Scan");
    }

    [Fact]
    public Task Local_index_sort_key_condition_is_Query_on_the_index()
    {
        var customer = SomeOrder.CustomerID;
        var from = new DateTime(2022, 9, 1, 0, 0, 0, DateTimeKind.Utc);
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer && o.OrderDate >= from), operation: "Query INDEX ByOrderDate");
    }

    [Fact]
    public Task Local_index_sort_key_range_is_Query_on_the_index()
    {
        var customer = SomeOrder.CustomerID;
        var from = new DateTime(2022, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2023, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        return AssertQuery(
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer && o.OrderDate > from && o.OrderDate < to), operation: "Query INDEX ByOrderDate");
    }

    [Fact]
    public Task Forced_local_index_is_Query_on_the_index()
    {
        var customer = SomeOrder.CustomerID;
        return AssertQuery(
            ss => ss.Set<Order>().WithIndex("ByOrderDate").Where(o => o.CustomerID == customer),
            ss => ss.Set<Order>().Where(o => o.CustomerID == customer && o.OrderDate != null),
            operation: "Query INDEX ByOrderDate");
    }

    // Scan, where nothing pins a key

    [Fact]
    public Task Non_key_condition_is_Scan()
        => AssertQuery(ss => ss.Set<Order>().Where(o => o.ShipCountry == "Denmark"), operation: "Scan");

    [Fact]
    public Task Sort_key_alone_is_Scan()
        => AssertQuery(ss => ss.Set<Order>().Where(o => o.OrderID == ConformanceData.FirstOrderId + 7), operation: "Scan");

    public sealed record OrderKey(string CustomerID, int OrderID);
}
