using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query.Shapes;

/// <summary>
///     With the partition key pinned, a condition on (or an ordering by) a local index's sort key queries that index when it
///     holds every item the query can match.
/// </summary>
public class IndexChoiceShapeTests(ShapeFixture fixture) : ShapeTestBase(fixture)
{
    [Fact]
    public async Task Equality_on_a_local_index_sort_key_queries_the_index()
    {
        await AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.CustomerId == "C3" && o.PostedBy == "ann"), "Query");
        await using var context = Fixture.CreateContext();
        var plan = context.Orders.Where(o => o.CustomerId == "C3" && o.PostedBy == "ann").ToQueryString();
        Assert.StartsWith($"Query {Fixture.Prefix}Orders INDEX ByPostedBy", plan, StringComparison.Ordinal);
        Assert.Contains("KeyConditionExpression: #CustomerId = :v0 AND #PostedBy = :v1", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartsWith_on_a_local_index_sort_key_queries_the_index()
    {
        // LINQ-to-Objects needs the null check that the provider's begins_with implies.
        await AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.CustomerId == "C4" && o.PostedBy != null && o.PostedBy.StartsWith("b")));
        await using var context = Fixture.CreateContext();
        var plan = context.Orders.Where(o => o.CustomerId == "C4" && o.PostedBy!.StartsWith("b")).ToQueryString();
        Assert.StartsWith($"Query {Fixture.Prefix}Orders INDEX ByPostedBy", plan, StringComparison.Ordinal);
        Assert.Contains("begins_with(#PostedBy, :v1)", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_table_sort_key_wins_when_both_have_conditions()
    {
        await using var context = Fixture.CreateContext();
        var plan = context.Orders.Where(o => o.CustomerId == "C4" && o.OrderId > 3 && o.PostedBy == "bob").ToQueryString();
        Assert.StartsWith($"Query {Fixture.Prefix}Orders{Environment.NewLine}", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderBy_a_required_local_index_sort_key_queries_the_index()
    {
        await AssertQuery<ShapeOrder, string>(
            q => q.Where(o => o.CustomerId == "C5").OrderBy(o => o.Channel).Select(o => o.Channel), "Query", ordered: true);
        await using var context = Fixture.CreateContext();
        var plan = context.Orders.Where(o => o.CustomerId == "C5").OrderByDescending(o => o.Channel).ToQueryString();
        Assert.StartsWith($"Query {Fixture.Prefix}Orders INDEX ByChannel", plan, StringComparison.Ordinal);
        Assert.Contains("ScanIndexForward: false", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderBy_an_optional_local_index_sort_key_with_a_presence_condition_queries_the_index()
    {
        var actual = await AssertQuery<ShapeOrder, string?>(
            q => q.Where(o => o.CustomerId == "C6" && o.PostedBy != null).OrderBy(o => o.PostedBy).Select(o => o.PostedBy), "Query", ordered: true);
        Assert.NotEmpty(actual);
    }

    [Fact]
    public Task OrderBy_an_optional_local_index_sort_key_says_which_items_the_index_lacks()
        => AssertRefused(
            c => c.Orders.Where(o => o.CustomerId == "C6").OrderBy(o => o.PostedBy).ToListAsync(),
            "ByPostedBy", "PostedBy != null");
}
