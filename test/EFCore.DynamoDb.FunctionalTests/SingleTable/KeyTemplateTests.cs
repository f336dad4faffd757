using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EFCore.DynamoDb.FunctionalTests.SingleTable;

/// <summary>Key templates: what is stored, how it reads back, and which key conditions conditions on their properties become.</summary>
public class KeyTemplateTests(ShopFixture fixture) : IClassFixture<ShopFixture>
{
    private async Task<Customer> SaveAggregateAsync(string id)
    {
        var customer = ShopFixture.Aggregate(id);
        await using var context = fixture.CreateContext();
        context.Customers.Add(customer);
        fixture.Logs.Clear();
        await context.SaveChangesAsync();
        return customer;
    }

    [Fact]
    public async Task An_aggregate_is_saved_in_one_transaction_as_PK_SK_items_without_a_discriminator()
    {
        await SaveAggregateAsync("c1");
        var request = Assert.Single(fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest));
        Assert.Contains("TransactWriteItems", request, StringComparison.Ordinal);

        var items = await fixture.RawClient.QueryPartitionAsync(fixture.Table, "PK", "CUSTOMER#c1");
        Assert.Equal(14, items.Count);
        Assert.Contains(items, i => i["SK"].S == "CUSTOMER#c1" && i["Name"].S == "Customer c1");
        var order = Assert.Single(items, i => i["SK"].S == "ORDER#2026-01-17#00001001");
        Assert.Equal("STATUS#Shipped", order["GSI1PK"].S);
        Assert.Equal("2026-01-17#00001001", order["GSI1SK"].S);
        Assert.False(order.ContainsKey("CustomerId"));
        Assert.False(order.ContainsKey("OrderId"));
        Assert.Contains(items, i => i["SK"].S == "LINE#00001002#004" && i["Product"].S == "product-2-4");
        Assert.All(items, i => Assert.False(i.ContainsKey("Discriminator")));
    }

    [Fact]
    public async Task Properties_read_back_from_the_keys()
    {
        var saved = await SaveAggregateAsync("c2");
        await using var context = fixture.CreateContext();
        var orders = await context.Orders.AsNoTracking().Where(o => o.CustomerId == "c2").OrderBy(o => o.OrderDate).ToListAsync();
        Assert.Equal(saved.Orders.Select(o => o.ToString()), orders.Select(o => o.ToString()));
        Assert.All(orders, o => Assert.Equal(DateTimeKind.Utc, o.OrderDate.Kind));
        var lines = await context.Lines.AsNoTracking().Where(l => l.CustomerId == "c2").ToListAsync();
        Assert.Equal(10, lines.Count);
        Assert.Equal(saved.Orders.SelectMany(o => o.Lines).Select(l => l.ToString()).Order(), lines.Select(l => l.ToString()).Order());
    }

    [Fact]
    public async Task A_partition_query_of_one_type_is_a_key_condition_with_the_type_prefix()
    {
        await SaveAggregateAsync("c3");
        await using var context = fixture.CreateContext();
        var plan = context.Orders.Where(o => o.CustomerId == "c3").ToQueryString();
        Assert.StartsWith($"Query {fixture.Table}{Environment.NewLine}", plan, StringComparison.Ordinal);
        Assert.Contains("KeyConditionExpression: #PK = :v0 AND begins_with(#SK, :v1)", plan, StringComparison.Ordinal);
        Assert.Contains(":v0 = S \"CUSTOMER#c3\"", plan, StringComparison.Ordinal);
        Assert.Contains(":v1 = S \"ORDER#\"", plan, StringComparison.Ordinal);
        Assert.Equal(3, await context.Orders.CountAsync(o => o.CustomerId == "c3"));
        Assert.Equal(1, await context.Customers.CountAsync(c => c.Id == "c3"));
    }

    [Fact]
    public async Task A_full_key_is_a_GetItem_and_FindAsync_finds_it()
    {
        await SaveAggregateAsync("c4");
        await using var context = fixture.CreateContext();
        var date = new DateTime(2026, 1, 24, 0, 0, 0, DateTimeKind.Utc);
        var plan = context.Orders.Where(o => o.CustomerId == "c4" && o.OrderDate == date && o.OrderId == 1002).ToQueryString();
        Query.QueryAssertions.AssertOperation(plan, "GetItem");
        Assert.Contains("SK = S \"ORDER#2026-01-24#00001002\"", plan, StringComparison.Ordinal);
        var order = await context.Orders.FindAsync("c4", date, 1002);
        Assert.NotNull(order);
        Assert.Equal(31.5m, order.Total);
        Assert.NotNull(await context.Customers.FindAsync("c4"));
    }

    [Fact]
    public async Task A_date_range_is_a_sort_key_range()
    {
        await SaveAggregateAsync("c5");
        await using var context = fixture.CreateContext();
        var from = new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 1, 31, 0, 0, 0, DateTimeKind.Utc);
        var query = context.Orders.Where(o => o.CustomerId == "c5" && o.OrderDate >= from && o.OrderDate <= to);
        var plan = query.ToQueryString();
        Assert.Contains("KeyConditionExpression: #PK = :v0 AND #SK BETWEEN :v1 AND :v2", plan, StringComparison.Ordinal);
        Assert.Contains("\"ORDER#2026-01-15\"", plan, StringComparison.Ordinal);
        Assert.Equal([1001, 1002], (await query.Select(o => o.OrderId).ToListAsync()).Order());
    }

    [Fact]
    public async Task Pinned_leading_holes_are_a_begins_with_of_their_text()
    {
        await SaveAggregateAsync("c11");
        await using var context = fixture.CreateContext();
        var date = new DateTime(2026, 1, 17, 0, 0, 0, DateTimeKind.Utc);
        var orders = context.Orders.Where(o => o.CustomerId == "c11" && o.OrderDate == date);
        var plan = orders.ToQueryString();
        Assert.Contains("KeyConditionExpression: #PK = :v0 AND begins_with(#SK, :v1)", plan, StringComparison.Ordinal);
        Assert.Contains(":v1 = S \"ORDER#2026-01-17#\"", plan, StringComparison.Ordinal);
        fixture.Logs.Clear();
        Assert.Equal(1001, (await orders.SingleAsync()).OrderId);
        Assert.Contains(", 1 item(s)", Assert.Single(fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest)), StringComparison.Ordinal);

        var lines = context.Lines.Where(l => l.CustomerId == "c11" && l.OrderId == 1002);
        Assert.Contains(":v1 = S \"LINE#00001002#\"", lines.ToQueryString(), StringComparison.Ordinal);
        fixture.Logs.Clear();
        Assert.Equal([1, 2, 3, 4], (await lines.Select(l => l.LineNumber).ToListAsync()).Order());
        Assert.Contains(", 4 item(s)", Assert.Single(fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_condition_on_a_later_hole_is_checked_on_the_client()
    {
        await SaveAggregateAsync("c6");
        await using var context = fixture.CreateContext();
        var query = context.Orders.Where(o => o.CustomerId == "c6" && o.OrderId == 1001);
        var plan = query.ToQueryString();
        Assert.Contains("begins_with(#SK, :v1)", plan, StringComparison.Ordinal);
        Assert.Contains("-- Checked on the client", plan, StringComparison.Ordinal);
        Assert.Equal(1001, (await query.SingleAsync()).OrderId);
    }

    [Fact]
    public async Task Orders_by_status_use_the_overloaded_index()
    {
        await SaveAggregateAsync("c7");
        await using var context = fixture.CreateContext();
        var query = context.Orders.Where(o => o.Status == OrderStatus.Delivered && o.CustomerId == "c7");
        var plan = context.Orders.Where(o => o.Status == OrderStatus.Delivered).ToQueryString();
        Assert.True(plan.StartsWith($"Query {fixture.Table} INDEX GSI1", StringComparison.Ordinal), plan);
        Assert.StartsWith($"Query {fixture.Table} INDEX GSI1", plan, StringComparison.Ordinal);
        Assert.Contains(":v0 = S \"STATUS#Delivered\"", plan, StringComparison.Ordinal);
        var delivered = await query.ToListAsync();
        Assert.Equal(1002, Assert.Single(delivered).OrderId);
    }

    [Fact]
    public async Task An_item_without_the_index_attributes_is_read_by_queries_of_the_table()
    {
        // Another writer that does not maintain GSI1: the order is not in the index, but it is in the table, and every read of
        // the table finds it. Conditions derived from the index's key templates must not become filters of the table's reads.
        await fixture.RawClient.PutItemAsync(new PutItemRequest
        {
            TableName = fixture.Table,
            Item = new()
            {
                ["PK"] = new() { S = "CUSTOMER#g1" }, ["SK"] = new() { S = "ORDER#2026-04-02#00000077" },
                ["Status"] = new() { N = "1" }, ["Total"] = new() { N = "7" },
            },
        });
        await using var context = fixture.CreateContext();
        var from = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 4, 30, 0, 0, 0, DateTimeKind.Utc);

        var partition = context.Orders.Where(o => o.CustomerId == "g1");
        Assert.DoesNotContain("GSI1", partition.ToQueryString(), StringComparison.Ordinal);
        Assert.Equal(77, (await partition.SingleAsync()).OrderId);
        var range = context.Orders.Where(o => o.CustomerId == "g1" && o.OrderDate >= from && o.OrderDate <= to);
        Assert.DoesNotContain("GSI1", range.ToQueryString(), StringComparison.Ordinal);
        Assert.Equal(77, (await range.SingleAsync()).OrderId);
        var scan = context.Orders.WithScan().Where(o => o.OrderDate >= from && o.OrderDate <= to && o.Total == 7);
        Assert.DoesNotContain("GSI1", scan.ToQueryString(), StringComparison.Ordinal);
        Assert.Equal(77, (await scan.SingleAsync()).OrderId);
    }

    [Fact]
    public async Task Updates_and_deletes_address_the_templated_keys()
    {
        await SaveAggregateAsync("c8");
        await using (var context = fixture.CreateContext())
        {
            var order = await context.Orders.SingleAsync(o => o.CustomerId == "c8" && o.OrderId == 1000);
            order.Status = OrderStatus.Delivered;
            order.Total = 99m;
            var line = await context.Lines.SingleAsync(l => l.CustomerId == "c8" && l.OrderId == 1000 && l.LineNumber == 2);
            context.Remove(line);
            await context.SaveChangesAsync();
        }

        var items = await fixture.RawClient.QueryPartitionAsync(fixture.Table, "PK", "CUSTOMER#c8");
        var stored = Assert.Single(items, i => i["SK"].S == "ORDER#2026-01-10#00001000");
        Assert.Equal("99", stored["Total"].N);
        Assert.Equal("STATUS#Delivered", stored["GSI1PK"].S);
        Assert.DoesNotContain(items, i => i["SK"].S == "LINE#00001000#002");
        Assert.Equal(13, items.Count);
    }

    [Fact]
    public async Task A_value_that_would_not_read_back_is_refused_naming_it()
    {
        await using var context = fixture.CreateContext();
        context.Orders.Add(new Order { CustomerId = "c9", OrderDate = new DateTime(2026, 2, 1, 13, 30, 0, DateTimeKind.Utc), OrderId = 1 });
        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        Assert.Contains("OrderDate", exception.Message, StringComparison.Ordinal);
        Assert.Contains("ORDER#{0:yyyy-MM-dd}#{1:D8}", exception.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.RawClient.QueryPartitionAsync(fixture.Table, "PK", "CUSTOMER#c9"));
    }
}
