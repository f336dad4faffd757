using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EFCore.DynamoDb.FunctionalTests.Query.Shapes;

/// <summary>
///     A Scan the user did not ask for is logged as a warning, and with <c>ScanBehavior(Disallow)</c> refused before any
///     request; <c>WithScan()</c> asks for one explicitly.
/// </summary>
public class ScanBehaviorTests(ShapeFixture fixture) : ShapeTestBase(fixture)
{
    [Fact]
    public async Task An_implicit_scan_is_logged_as_a_warning()
    {
        await using var context = Fixture.CreateContext();
        Fixture.Logs.Clear();
        await context.Orders.Where(o => o.Channel == "web").ToListAsync();
        var warning = Assert.Single(Fixture.Logs.Entries, e => e.Id.Id == DynamoDbEventId.ImplicitScan.Id);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Orders", warning.Message, StringComparison.Ordinal);
        Assert.Contains("WithScan", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_query_logs_no_scan_warning()
    {
        await using var context = Fixture.CreateContext();
        Fixture.Logs.Clear();
        await context.Orders.Where(o => o.CustomerId == "C1" && o.Channel == "web").ToListAsync();
        Assert.DoesNotContain(Fixture.Logs.Entries, e => e.Id.Id == DynamoDbEventId.ImplicitScan.Id);
    }

    [Fact]
    public async Task An_explicit_scan_logs_no_warning()
    {
        await using var context = Fixture.CreateContext();
        Fixture.Logs.Clear();
        var actual = await context.Orders.WithScan().Where(o => o.Channel == "web").CountAsync();
        Assert.Equal(Fixture.Orders.Count(o => o.Channel == "web"), actual);
        Assert.DoesNotContain(Fixture.Logs.Entries, e => e.Id.Id == DynamoDbEventId.ImplicitScan.Id);
    }

    [Fact]
    public async Task Disallow_refuses_an_implicit_scan_before_any_request()
    {
        await using var context = Fixture.CreateContext(o => o.UseDynamoDb(d => d.ScanBehavior(DynamoDbScanBehavior.Disallow)));
        Fixture.Logs.Clear();
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Orders.Where(o => o.Channel == "web").ToListAsync());
        Assert.Contains("Scan", exception.Message, StringComparison.Ordinal);
        Assert.Contains("WithScan()", exception.Message, StringComparison.Ordinal);
        Assert.Contains("ShapeOrder", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.Logs.Entries, e => e.Id.Id == DynamoDbEventId.ExecutingRequest.Id);
    }

    [Fact]
    public async Task Disallow_refuses_an_implicit_scan_for_Count_and_Any_too()
    {
        await using var context = Fixture.CreateContext(o => o.UseDynamoDb(d => d.ScanBehavior(DynamoDbScanBehavior.Disallow)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.Orders.CountAsync(o => o.Int16 > 0));
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.Customers.AnyAsync());
    }

    [Fact]
    public async Task Disallow_allows_key_lookups_queries_and_explicit_scans()
    {
        await using var context = Fixture.CreateContext(o => o.UseDynamoDb(d => d.ScanBehavior(DynamoDbScanBehavior.Disallow)));
        Assert.NotNull(await context.Customers.FindAsync("C2"));
        Assert.Equal(12, await context.Orders.CountAsync(o => o.CustomerId == "C2"));
        Assert.Equal(2, await context.Orders.CountAsync(o => (o.CustomerId == "C1" && o.OrderId == 1) || (o.CustomerId == "C2" && o.OrderId == 2)));
        Assert.Equal(Fixture.Customers.Count, await context.Customers.WithScan().CountAsync());
    }

    [Fact]
    public async Task ToQueryString_marks_an_implicit_scan()
    {
        await using var context = Fixture.CreateContext();
        var plan = context.Orders.Where(o => o.Channel == "web").ToQueryString();
        Assert.Contains("implicit Scan", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("implicit Scan", context.Orders.WithScan().Where(o => o.Channel == "web").ToQueryString(), StringComparison.Ordinal);
    }
}
