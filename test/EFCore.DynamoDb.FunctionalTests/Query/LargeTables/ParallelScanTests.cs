using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EFCore.DynamoDb.FunctionalTests.Query.LargeTables;

/// <summary>WithParallelScan: the Scan in segments read in parallel returns exactly the Scan's items, pages and counts.</summary>
public class ParallelScanTests(LargeTableFixture fixture) : IClassFixture<LargeTableFixture>
{
    private static List<string> Keys(IEnumerable<DeviceEvent> events) => events.Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task A_parallel_scan_returns_exactly_the_scans_items()
    {
        await using var context = fixture.CreateContext();
        var scanned = await context.Events.AsNoTracking().WithScan().Where(e => e.Kind != "reading").ToListAsync();
        fixture.Logs.Clear();
        var parallel = await context.Events.AsNoTracking().WithParallelScan(4).Where(e => e.Kind != "reading").ToListAsync();
        Assert.Equal(Keys(fixture.Events.Where(e => e.Kind != "reading")), Keys(scanned));
        Assert.Equal(Keys(scanned), Keys(parallel));

        // Every segment was read: the requests carry Segment 0..3 of TotalSegments 4.
        var requests = fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest);
        Assert.All(requests, r => Assert.Contains("TotalSegments: 4", r, StringComparison.Ordinal));
        for (var segment = 0; segment < 4; segment++)
        {
            Assert.Contains(requests, r => r.Contains($"Segment: {segment}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Count_and_Any_over_a_parallel_scan()
    {
        await using var context = fixture.CreateContext();
        Assert.Equal(fixture.Events.Count(e => e.Value > 500), await context.Events.WithParallelScan(3).CountAsync(e => e.Value > 500));
        Assert.True(await context.Events.WithParallelScan(3).AnyAsync(e => e.Kind == "alarm"));
        Assert.False(await context.Events.WithParallelScan(3).AnyAsync(e => e.Kind == "nothing"));
    }

    [Fact]
    public async Task Pages_of_a_parallel_scan_hold_every_item_once()
    {
        await using var context = fixture.CreateContext();
        var seen = new List<DeviceEvent>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await context.Events.AsNoTracking().WithParallelScan(4).WithPageSize(90).Where(e => e.Value < 400 || e.Kind == "alarm")
                .ToPageAsync(137, token);
            Assert.True(page.Values.Count == 137 || page.ContinuationToken == null, "only the last page may be short");
            seen.AddRange(page.Values);
            token = page.ContinuationToken;
            pages++;
        }
        while (token != null);

        Assert.Equal(Keys(fixture.Events.Where(e => e.Value < 400 || e.Kind == "alarm")), Keys(seen));
        Assert.True(pages > 2);
    }

    [Fact]
    public async Task Take_stops_a_parallel_scan_early()
    {
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        var some = await context.Events.AsNoTracking().WithParallelScan(2).WithPageSize(50).Take(30).ToListAsync();
        Assert.Equal(30, some.Count);
        Assert.Equal(30, some.Select(e => e.ToString()).Distinct().Count());
        Assert.True(fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest).Count <= 2, "one round of two requests is enough");
    }

    [Fact]
    public async Task A_parallel_scan_hint_leaves_key_lookups_alone()
    {
        await using var context = fixture.CreateContext();
        var plan = context.Events.WithParallelScan(4).Where(e => e.Device == "D01").ToQueryString();
        QueryAssertions.AssertOperation(plan, "Query");
        Assert.Equal(
            fixture.Events.Count(e => e.Device == "D01"),
            await context.Events.WithParallelScan(4).CountAsync(e => e.Device == "D01"));
    }

    [Fact]
    public async Task ToQueryString_shows_the_segments()
    {
        await using var context = fixture.CreateContext();
        var plan = context.Events.WithParallelScan(8).Where(e => e.Kind == "alarm").ToQueryString();
        QueryAssertions.AssertOperation(plan, "Scan");
        Assert.Contains("TotalSegments: 8", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("implicit Scan", plan, StringComparison.Ordinal);
    }
}
