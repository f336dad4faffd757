using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EFCore.DynamoDb.FunctionalTests.Query.Shapes;

/// <summary>
///     Operators DynamoDB cannot apply run on the client over the rows the requests read: aggregates, Where and OrderBy after
///     Take or Skip (on the window read), Reverse of a window. The answers are LINQ-to-Objects' over the same rows.
/// </summary>
public class ClientOperatorTests(ShapeFixture fixture) : ShapeTestBase(fixture)
{
    private IEnumerable<ShapeOrder> Partition(string customer) => Fixture.Orders.Where(o => o.CustomerId == customer);

    [Fact]
    public async Task Sum_Average_Min_Max_over_a_partition()
    {
        await using var context = Fixture.CreateContext();
        var orders = context.Orders.Where(o => o.CustomerId == "C3");
        Assert.Equal(Partition("C3").Sum(o => o.Int16), await orders.SumAsync(o => o.Int16));
        Assert.Equal(Partition("C3").Average(o => o.Int16), await orders.AverageAsync(o => o.Int16));
        Assert.Equal(Partition("C3").Min(o => o.OrderDate), await orders.MinAsync(o => o.OrderDate));
        Assert.Equal(Partition("C3").Max(o => o.PostedBy), await orders.MaxAsync(o => o.PostedBy));
        Assert.Equal(Partition("C3").Sum(o => (long?)o.ReportsTo), await orders.SumAsync(o => (long?)o.ReportsTo));
    }

    [Fact]
    public async Task Aggregates_of_a_projection_and_with_a_captured_value()
    {
        await using var context = Fixture.CreateContext();
        var bonus = 10;
        Assert.Equal(
            Partition("C4").Select(o => o.OrderId + bonus).Max(),
            await context.Orders.Where(o => o.CustomerId == "C4").Select(o => o.OrderId + bonus).MaxAsync());
    }

    [Fact]
    public async Task Max_over_no_rows_throws_as_LINQ_does_and_nullable_Max_is_null()
    {
        await using var context = Fixture.CreateContext();
        var none = context.Orders.Where(o => o.CustomerId == "nobody");
        await Assert.ThrowsAsync<InvalidOperationException>(() => none.MaxAsync(o => o.OrderId));
        Assert.Null(await none.MaxAsync(o => (int?)o.OrderId));
        Assert.Equal(0, await none.SumAsync(o => o.OrderId));
    }

    [Fact]
    public async Task An_aggregate_over_a_scan_is_an_implicit_scan()
    {
        await using var context = Fixture.CreateContext();
        Fixture.Logs.Clear();
        Assert.Equal(Fixture.Orders.Sum(o => o.OrderId), await context.Orders.SumAsync(o => o.OrderId));
        Assert.Contains(Fixture.Logs.Entries, e => e.Id.Id == DynamoDbEventId.ImplicitScan.Id);
    }

    [Fact]
    public Task Where_after_Take_filters_the_window_read()
        => AssertQuery<ShapeOrder, int>(
            q => q.Where(o => o.CustomerId == "C5").OrderBy(o => o.OrderId).Take(6).Where(o => o.Channel == "web").Select(o => o.OrderId),
            ordered: true);

    [Fact]
    public Task OrderBy_a_non_key_attribute_after_Take_orders_the_window_read()
        => AssertQuery<ShapeOrder, string>(
            q => q.Where(o => o.CustomerId == "C6").OrderBy(o => o.OrderId).Skip(2).Take(5).OrderBy(o => o.Int16).ThenBy(o => o.OrderId)
                .Select(o => o.CustomerId + "/" + o.OrderId),
            ordered: true);

    [Fact]
    public Task Reverse_of_a_window()
        => AssertQuery<ShapeOrder, int>(
            q => q.Where(o => o.CustomerId == "C7").OrderBy(o => o.OrderId).Take(4).Reverse().Select(o => o.OrderId), ordered: true);

    [Fact]
    public async Task Count_and_First_after_a_client_operator()
    {
        await using var context = Fixture.CreateContext();
        var window = context.Orders.Where(o => o.CustomerId == "C8").OrderBy(o => o.OrderId).Take(5);
        var expected = Partition("C8").OrderBy(o => o.OrderId).Take(5).ToList();
        Assert.Equal(expected.Count(o => o.Int16 > 0), await window.Where(o => o.Int16 > 0).CountAsync());
        Assert.Equal(expected.OrderBy(o => o.Int16).First().OrderId, (await window.OrderBy(o => o.Int16).FirstAsync()).OrderId);
        Assert.Equal(expected.Any(o => o.Channel == "shop"), await window.Distinct().AnyAsync(o => o.Channel == "shop"));
    }

    [Fact]
    public async Task ToQueryString_shows_the_client_tail()
    {
        await using var context = Fixture.CreateContext();
        var plan = context.Orders.Where(o => o.CustomerId == "C1").Select(o => o.Channel).Distinct().ToQueryString();
        QueryAssertions.AssertOperation(plan, "Query");
        Assert.Contains("on the client", plan, StringComparison.Ordinal);
        Assert.Contains("Distinct()", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_tail_reads_tracked_entities_once()
    {
        await using var context = Fixture.CreateContext();
        var orders = await context.Orders.Where(o => o.CustomerId == "C2").OrderBy(o => o.OrderId).Take(3).Reverse().ToListAsync();
        Assert.Equal([3, 2, 1], orders.Select(o => o.OrderId));
        Assert.Equal(3, context.ChangeTracker.Entries<ShapeOrder>().Count());
        Assert.Same(orders[0], await context.Orders.FindAsync("C2", 3));
    }
    [Fact]
    public Task GroupBy_is_refused_naming_the_explicit_client_evaluation()
        => AssertRefused(c => c.Orders.Where(o => o.CustomerId == "C2").GroupBy(o => o.Channel).Select(g => g.Key).ToListAsync(),
            "GroupBy", "AsAsyncEnumerable()");

    [Fact]
    public Task OrderBy_on_an_attribute_no_index_sorts_by_is_refused_naming_the_explicit_client_evaluation()
        => AssertRefused(c => c.Orders.Where(o => o.CustomerId == "C2").OrderBy(o => o.Int16).ToListAsync(), "AsAsyncEnumerable()");

    [Fact]
    public async Task AsAsyncEnumerable_is_the_explicit_opt_in_to_group_and_order_on_the_client_what_one_Query_reads()
    {
        await using var context = Fixture.CreateContext();
        var query = context.Orders.AsNoTracking().Where(o => o.CustomerId == "C2");
        QueryAssertions.AssertOperation(query.ToQueryString(), "Query");

        var groups = await query.AsAsyncEnumerable()
            .GroupBy(o => o.Channel)
            .Select(g => $"{g.Key}:{g.Count()}:{g.Sum(o => o.Int16)}")
            .OrderBy(t => t, StringComparer.Ordinal)
            .ToListAsync();
        var ordered = await query.AsAsyncEnumerable().OrderBy(o => o.Int16).ThenBy(o => o.OrderId).Select(o => o.OrderId).ToListAsync();

        Assert.Equal(
            Partition("C2").GroupBy(o => o.Channel).Select(g => $"{g.Key}:{g.Count()}:{g.Sum(o => o.Int16)}").OrderBy(t => t, StringComparer.Ordinal),
            groups);
        Assert.Equal(Partition("C2").OrderBy(o => o.Int16).ThenBy(o => o.OrderId).Select(o => o.OrderId), ordered);
        Assert.True(groups.Count > 1, "the partition should hold orders of several channels");
    }
}
