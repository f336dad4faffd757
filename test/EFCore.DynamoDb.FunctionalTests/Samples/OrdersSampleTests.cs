using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Orders;

namespace EFCore.DynamoDb.FunctionalTests.Samples;

/// <summary>
///     The Orders sample (samples/Orders) does what it prints: one transaction for the whole aggregate, one Query to read it
///     back, key conditions for a date range, the overloaded index for a status, and items of the raw SDK read as entities. The
///     expected answers are computed from the objects written, as LINQ-to-Objects would compute them.
/// </summary>
public class OrdersSampleTests(OrdersSampleFixture fixture) : IClassFixture<OrdersSampleFixture>
{
    private OrdersWalkthroughResult Result => fixture.Result;

    [Fact]
    public async Task The_table_is_created_with_generic_keys_and_the_overloaded_index()
    {
        Assert.True(Result.Created.Value);
        Assert.Contains(Result.Created.Requests, r => r.Operation == "CreateTable" && r.Table == fixture.Table);

        var table = (await fixture.RawClient.DescribeTableAsync(fixture.Table)).Table;
        Assert.Equal(["PK HASH", "SK RANGE"], table.KeySchema.Select(k => k.AttributeName + " " + k.KeyType.Value));
        var index = Assert.Single(table.GlobalSecondaryIndexes);
        Assert.Equal("GSI1", index.IndexName);
        Assert.Equal(["GSI1PK HASH", "GSI1SK RANGE"], index.KeySchema.Select(k => k.AttributeName + " " + k.KeyType.Value));
        Assert.All(table.AttributeDefinitions, a => Assert.Equal("S", a.AttributeType.Value));
    }

    [Fact]
    public async Task The_aggregate_is_saved_by_one_TransactWriteItems_of_14_items_without_a_discriminator()
    {
        Assert.Equal(14, Result.Saved.Value);
        var request = Assert.Single(Result.Saved.Requests);
        Assert.Equal("TransactWriteItems", request.Operation);
        Assert.Equal(14, request.Text.Split('\n').Count(l => l.StartsWith("  Put " + fixture.Table, StringComparison.Ordinal)));

        var items = await fixture.RawClient.QueryPartitionAsync(fixture.Table, "PK", "CUSTOMER#" + OrdersWalkthrough.CustomerId);
        Assert.Equal(14, items.Count);
        Assert.All(items, i => Assert.False(i.ContainsKey("Discriminator")));
        Assert.Equal(1, items.Count(i => i["SK"].S.StartsWith("CUSTOMER#", StringComparison.Ordinal)));
        Assert.Equal(3, items.Count(i => i["SK"].S.StartsWith("ORDER#", StringComparison.Ordinal)));
        Assert.Equal(10, items.Count(i => i["SK"].S.StartsWith("LINE#", StringComparison.Ordinal)));

        // The key properties live in the key text only; the index attributes are written from the status and the date.
        var order = Assert.Single(items, i => i["SK"].S == "ORDER#2026-02-14#00001002");
        Assert.Equal("Delivered", order["Status"].S);
        Assert.Equal("STATUS#Delivered", order["GSI1PK"].S);
        Assert.Equal("ORDER#2026-02-14#00001002", order["GSI1SK"].S);
        Assert.False(order.ContainsKey("CustomerId"));
        Assert.False(order.ContainsKey("OrderDate"));
        Assert.False(order.ContainsKey("OrderId"));
        var line = Assert.Single(items, i => i["SK"].S == "LINE#2026-03-20#00001003#004");
        Assert.Equal(["PK", "Product", "Quantity", "SK", "UnitPrice"], line.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_aggregate_is_read_by_one_Query_and_equals_what_was_written()
    {
        var request = Assert.Single(Result.Aggregate.Requests);
        Assert.Equal("Query", request.Operation);
        Assert.Null(request.Index);
        Assert.Equal(14, request.ItemCount);
        Assert.StartsWith($"Query {fixture.Table}{Environment.NewLine}KeyConditionExpression: #PK = :v0{Environment.NewLine}", Result.Aggregate.QueryString, StringComparison.Ordinal);
        Assert.Contains("Include Order.Lines (OrderLine): read by the same Query", Result.Aggregate.QueryString, StringComparison.Ordinal);

        var read = Result.Aggregate.Value;
        var written = Result.Written;
        Assert.Equal((written.Id, written.Name, written.Email), (read.Id, read.Name, read.Email));
        Assert.Equal(Rows(written.Orders), Rows(read.Orders));
        foreach (var order in read.Orders)
        {
            Assert.Same(read, order.Customer);
            var writtenOrder = written.Orders.Single(o => o.OrderId == order.OrderId);
            Assert.Equal(Rows(writtenOrder.Lines), Rows(order.Lines));
        }
    }

    [Fact]
    public void The_date_range_is_a_key_condition_on_SK_and_returns_exactly_the_orders_in_range()
    {
        var (from, to) = OrdersWalkthrough.DateRange;
        var plan = Result.DateRange.QueryString!;
        Assert.StartsWith($"Query {fixture.Table}{Environment.NewLine}", plan, StringComparison.Ordinal);
        Assert.Contains("KeyConditionExpression: #PK = :v0 AND #SK BETWEEN :v1 AND :v2", plan, StringComparison.Ordinal);
        Assert.Contains(":v1 = S \"ORDER#2026-02-01\"", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("FilterExpression", plan, StringComparison.Ordinal);

        var expected = Result.Written.Orders.Where(o => o.OrderDate >= from && o.OrderDate <= to).ToList();
        Assert.InRange(expected.Count, 1, Result.Written.Orders.Count - 1);
        Assert.Equal(Rows(expected), Rows(Result.DateRange.Value));

        // The key condition read only the orders in range: DynamoDB returned no more items than the answer holds.
        var request = Assert.Single(Result.DateRange.Requests);
        Assert.Equal(expected.Count, request.ItemCount);
    }

    [Fact]
    public async Task The_status_query_uses_GSI1_and_returns_exactly_the_matching_orders()
    {
        var (status, since) = OrdersWalkthrough.StatusQuery;
        var plan = Result.ByStatus.QueryString!;
        Assert.StartsWith($"Query {fixture.Table} INDEX GSI1{Environment.NewLine}", plan, StringComparison.Ordinal);
        Assert.Contains("KeyConditionExpression: #GSI1PK = :v0 AND #GSI1SK BETWEEN :v1 AND :v2", plan, StringComparison.Ordinal);
        Assert.Contains(":v0 = S \"STATUS#Shipped\"", plan, StringComparison.Ordinal);
        Assert.Equal("GSI1", Assert.Single(Result.ByStatus.Requests).Index);

        // When the step ran, the table held the one aggregate written.
        var expected = Result.Written.Orders.Where(o => o.Status == status && o.OrderDate >= since).ToList();
        Assert.InRange(expected.Count, 1, Result.Written.Orders.Count - 1);
        Assert.Equal(Rows(expected), Rows(Result.ByStatus.Value));

        // Across partitions and writers: another aggregate written by EF, and the raw SDK's orders (bob's shipped order is
        // older than `since`, so the index's sort key condition must leave it out).
        var carol = SampleData.Aggregate("carol");
        carol.Orders[0].Status = status;
        carol.Orders[1].Status = status;
        carol.Orders[2].Status = OrderStatus.Placed;
        await fixture.Walkthrough.SaveAggregateAsync(carol);
        var everyOrder = Result.Written.Orders.Concat(carol.Orders).Select(Row).Concat(RawOrderRows(Result.RawWritten.Value)).ToList();
        Assert.Contains(everyOrder, o => o.CustomerId == OrdersWalkthrough.RawCustomerId && o.Status == status && o.OrderDate < since);

        var again = await fixture.Walkthrough.OrdersByStatusAsync(status, since);
        Assert.Equal(
            everyOrder.Where(o => o.Status == status && o.OrderDate >= since).Order(),
            again.Value.Select(Row).Order());
        Assert.Equal("GSI1", Assert.Single(again.Requests).Index);
    }

    [Fact]
    public async Task Items_written_by_the_raw_SDK_without_a_discriminator_read_back_with_their_types_and_values()
    {
        var rawItems = Result.RawWritten.Value;
        Assert.Equal(6, rawItems.Count);
        Assert.All(rawItems, i => Assert.False(i.ContainsKey("Discriminator")));
        Assert.Empty(Result.RawWritten.Requests);

        var request = Assert.Single(Result.Raw.Requests);
        Assert.Equal("Query", request.Operation);
        Assert.Equal(6, request.ItemCount);

        var bob = Result.Raw.Value;
        Assert.Equal(("bob", "Bob Raw", "bob@example.org"), (bob.Id, bob.Name, bob.Email));
        Assert.Equal(
            [
                ("bob", new DateOnly(2025, 12, 1), 501, OrderStatus.Delivered, 19.90m),
                ("bob", new DateOnly(2025, 12, 20), 502, OrderStatus.Shipped, 35.00m),
            ],
            Rows(bob.Orders));
        Assert.Equal(
            [
                ("bob", new DateOnly(2025, 12, 1), 501, 1, "tea", 2, 4.95m),
                ("bob", new DateOnly(2025, 12, 1), 501, 2, "mug", 1, 10.00m),
            ],
            Rows(bob.Orders.Single(o => o.OrderId == 501).Lines));
        Assert.Equal([("bob", new DateOnly(2025, 12, 20), 502, 1, "teapot", 1, 35.00m)], Rows(bob.Orders.Single(o => o.OrderId == 502).Lines));

        // Each item is read as its own type only, told apart by its sort key prefix.
        await using var context = fixture.CreateContext();
        Assert.Equal(1, await context.Customers.CountAsync(c => c.Id == "bob"));
        Assert.Equal(2, await context.Orders.CountAsync(o => o.CustomerId == "bob"));
        Assert.Equal(3, await context.OrderLines.CountAsync(l => l.CustomerId == "bob"));
    }

    [Fact]
    public void No_step_scans_or_warns()
    {
        var steps = new[]
        {
            Result.Created.Requests, Result.Saved.Requests, Result.Aggregate.Requests, Result.DateRange.Requests,
            Result.ByStatus.Requests, Result.RawWritten.Requests, Result.Raw.Requests,
        };
        Assert.DoesNotContain(steps.SelectMany(s => s), r => r.Operation == "Scan");
        Assert.Empty(Result.Warnings);
    }

    [Fact]
    public void Each_step_prints_the_requests_EF_logged()
    {
        var output = fixture.Output.ToString();
        Assert.Contains($"DynamoDB: 1 request through EF: TransactWriteItems {fixture.Table}", output, StringComparison.Ordinal);
        Assert.Contains($"DynamoDB: 1 request through EF: Query {fixture.Table} (14 items)", output, StringComparison.Ordinal);
        Assert.Contains($"DynamoDB: 1 request through EF: Query {fixture.Table} INDEX GSI1 (2 items)", output, StringComparison.Ordinal);
        Assert.Contains("6 PutItem calls by the raw SDK", output, StringComparison.Ordinal);
        Assert.Contains("KeyConditionExpression: #PK = :v0 AND #SK BETWEEN :v1 AND :v2", output, StringComparison.Ordinal);
    }

    private static (string CustomerId, DateOnly OrderDate, int OrderId, OrderStatus Status, decimal Total) Row(Order o)
        => (o.CustomerId, o.OrderDate, o.OrderId, o.Status, o.Total);

    private static List<(string CustomerId, DateOnly OrderDate, int OrderId, OrderStatus Status, decimal Total)> Rows(IEnumerable<Order> orders)
        => orders.Select(Row).Order().ToList();

    private static List<(string CustomerId, DateOnly OrderDate, int OrderId, int LineNumber, string Product, int Quantity, decimal UnitPrice)> Rows(
        IEnumerable<OrderLine> lines)
        => lines.Select(l => (l.CustomerId, l.OrderDate, l.OrderId, l.LineNumber, l.Product, l.Quantity, l.UnitPrice)).Order().ToList();

    /// <summary>The orders the raw SDK's items hold, read from the items as the sample's key layout defines them.</summary>
    private static IEnumerable<(string CustomerId, DateOnly OrderDate, int OrderId, OrderStatus Status, decimal Total)> RawOrderRows(
        IReadOnlyList<Dictionary<string, AttributeValue>> items)
        => items.Where(i => i["SK"].S.StartsWith("ORDER#", StringComparison.Ordinal)).Select(i =>
        {
            var sk = i["SK"].S.Split('#');
            return (i["PK"].S["CUSTOMER#".Length..], DateOnly.ParseExact(sk[1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(sk[2], System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<OrderStatus>(i["Status"].S),
                decimal.Parse(i["Total"].N, System.Globalization.CultureInfo.InvariantCulture));
        });
}
