using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query.Shapes;

/// <summary>Several full primary keys, however the condition spells them, are one BatchGetItem: never a Scan.</summary>
public class KeyLookupShapeTests(ShapeFixture fixture) : ShapeTestBase(fixture)
{
    [Fact]
    public Task OR_of_two_full_keys_is_a_BatchGetItem()
    {
        string x = "C1", z = "C4";
        int y = 3, w = 9;
        return AssertQuery<ShapeOrder, ShapeOrder>(
            q => q.Where(o => (o.CustomerId == x && o.OrderId == y) || (o.CustomerId == z && o.OrderId == w)), "BatchGetItem");
    }

    [Fact]
    public Task OR_of_full_keys_with_constants_and_a_further_condition()
        => AssertQuery<ShapeOrder, ShapeOrder>(
            q => q.Where(o => ((o.CustomerId == "C2" && o.OrderId == 1) || (o.OrderId == 2 && o.CustomerId == "C3") || (o.CustomerId == "C3" && o.OrderId == 5))
                && o.Channel != "phone"),
            "BatchGetItem");

    [Fact]
    public Task OR_of_full_keys_with_a_condition_inside_one_disjunct()
        => AssertQuery<ShapeOrder, ShapeOrder>(
            q => q.Where(o => (o.CustomerId == "C2" && o.OrderId == 1 && o.Channel == "web") || (o.CustomerId == "C7" && o.OrderId == 12)),
            "BatchGetItem");

    [Fact]
    public Task OR_of_partition_keys_of_a_table_without_a_sort_key()
        => AssertQuery<ShapeCustomer, ShapeCustomer>(q => q.Where(c => c.CustomerId == "C1" || c.CustomerId == "C9" || c.CustomerId == "nobody"), "BatchGetItem");

    [Fact]
    public Task A_list_of_key_pairs_with_Any()
    {
        var pairs = new List<(string Customer, int Order)> { ("C0", 1), ("C5", 6), ("C9", 12), ("C9", 99) };
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => pairs.Any(p => p.Customer == o.CustomerId && p.Order == o.OrderId)), "BatchGetItem");
    }

    [Fact]
    public Task A_list_of_key_objects_with_Any()
    {
        var keys = new[] { new OrderRef("C3", 4), new OrderRef("C8", 8) };
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => keys.Any(k => o.CustomerId == k.CustomerId && o.OrderId == k.OrderId)), "BatchGetItem");
    }

    [Fact]
    public Task An_empty_list_of_key_pairs_reads_nothing()
    {
        var pairs = new List<(string Customer, int Order)>();
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => pairs.Any(p => p.Customer == o.CustomerId && p.Order == o.OrderId)), "None");
    }

    [Fact]
    public Task Any_over_a_list_with_a_non_key_condition_is_a_filter()
    {
        var minimums = new List<short> { 100, 250 };
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.CustomerId == "C4" && minimums.Any(m => o.Int16 > m)), "Query");
    }

    [Fact]
    public Task One_partition_key_and_a_list_of_sort_keys_is_a_BatchGetItem()
    {
        var ids = new[] { 2, 4, 8, 100 };
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.CustomerId == "C2" && ids.Contains(o.OrderId)), "BatchGetItem");
    }

    [Fact]
    public Task One_partition_key_and_an_OR_of_sort_keys_is_a_BatchGetItem()
        => AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.CustomerId == "C2" && (o.OrderId == 3 || o.OrderId == 11)), "BatchGetItem");

    [Fact]
    public Task Lists_of_partition_and_sort_keys_are_their_cross_product()
    {
        var customers = new[] { "C1", "C3" };
        var ids = new[] { 1, 12 };
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => customers.Contains(o.CustomerId) && ids.Contains(o.OrderId)), "BatchGetItem");
    }

    [Fact]
    public async Task Key_pairs_are_answered_tracked_and_identity_resolved()
    {
        await using var context = Fixture.CreateContext();
        var pairs = new[] { ("C1", 2), ("C1", 3) };
        var first = await context.Orders.Where(o => pairs.Any(p => p.Item1 == o.CustomerId && p.Item2 == o.OrderId)).ToListAsync();
        var second = await context.Orders.Where(o => (o.CustomerId == "C1" && o.OrderId == 2) || (o.CustomerId == "C1" && o.OrderId == 3)).ToListAsync();
        Assert.Equal(2, first.Count);
        Assert.All(second, o => Assert.Contains(o, first));
        Assert.Equal(2, context.ChangeTracker.Entries<ShapeOrder>().Count());
    }

    public sealed record OrderRef(string CustomerId, int OrderId);
}
