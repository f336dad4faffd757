using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query.Shapes;

/// <summary>WithTransactionalRead: the full keys a query pins are read as one TransactGetItems, a consistent snapshot.</summary>
public class TransactionalReadTests(ShapeFixture fixture) : ShapeTestBase(fixture)
{
    [Fact]
    public Task A_key_lookup_is_one_TransactGetItems()
        => AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.CustomerId == "C3" && o.OrderId == 4).WithTransactionalRead(), "TransactGetItems");

    [Fact]
    public async Task An_OR_of_full_keys_reads_each_key_and_leaves_out_the_keys_with_no_item()
    {
        var results = await AssertQuery<ShapeOrder, ShapeOrder>(
            q => q.Where(o => (o.CustomerId == "C1" && o.OrderId == 2) || (o.CustomerId == "C6" && o.OrderId == 7) || (o.CustomerId == "nobody" && o.OrderId == 1))
                .WithTransactionalRead(),
            "TransactGetItems");
        Assert.Equal(2, results.Count);
    }

    [Fact]
    public Task A_list_of_sort_keys_with_a_further_condition_and_a_projection()
    {
        var ids = new[] { 1, 3, 5, 7, 9, 11 };
        return AssertQuery<ShapeOrder, string>(
            q => q.Where(o => o.CustomerId == "C2" && ids.Contains(o.OrderId) && o.Channel != "phone").WithTransactionalRead().Select(o => o.Channel),
            "TransactGetItems");
    }

    [Fact]
    public async Task The_request_names_every_key_and_the_table()
    {
        await using var context = Fixture.CreateContext();
        var text = context.Orders.Where(o => o.CustomerId == "C4" && (o.OrderId == 1 || o.OrderId == 2)).WithTransactionalRead().ToQueryString();

        Assert.StartsWith("TransactGetItems", text, StringComparison.Ordinal);
        Assert.Contains("Keys: 2", text, StringComparison.Ordinal);
        Assert.Contains(context.Database.GetDynamoDbTableName<ShapeOrder>(), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tracked_results_are_the_items_read()
    {
        await using var context = Fixture.CreateContext();
        var orders = await context.Orders.Where(o => o.CustomerId == "C5" && (o.OrderId == 1 || o.OrderId == 2)).WithTransactionalRead().ToListAsync();

        Assert.Equal(
            Fixture.Orders.Where(o => o.CustomerId == "C5" && o.OrderId is 1 or 2).Select(o => o.OrderId).Order(),
            orders.Select(o => o.OrderId).Order());
        Assert.All(orders, o => Assert.Equal(EntityState.Unchanged, context.Entry(o).State));
    }

    [Fact]
    public Task A_partition_Query_is_refused()
        => AssertRefused(
            c => c.Orders.Where(o => o.CustomerId == "C1").WithTransactionalRead().ToListAsync(),
            "WithTransactionalRead", "ShapeOrder", "pins no full key", "Query");

    [Fact]
    public Task More_than_100_keys_are_refused()
    {
        var ids = Enumerable.Range(1, 101).ToArray();
        return AssertRefused(
            c => c.Orders.Where(o => o.CustomerId == "C1" && ids.Contains(o.OrderId)).WithTransactionalRead().ToListAsync(),
            "at most 100", "101 keys");
    }
}
