using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using static EFCore.DynamoDb.FunctionalTests.Query.QueryAssertions;

namespace EFCore.DynamoDb.FunctionalTests.Query;

/// <summary>Take, First, Single, Any, All, Count and friends, under DynamoDB's evaluate-then-filter Limit.</summary>
public class QueryOperatorTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private IQueryable<Record> Records => fixture.CreateContext().Records.AsNoTracking();

    private IQueryable<Record> Expected => fixture.Records.AsQueryable();

    [Fact]
    public async Task Take_counts_matching_items_not_evaluated_ones()
    {
        // The filter matches few items of the partition: a Limit of 3 evaluated items would return fewer than 3.
        var actual = await Records.Where(r => r.Pk == "P1" && r.Rank >= 7).OrderBy(r => r.Sk).Take(3).Select(r => r.Sk).ToListAsync();
        var expected = Expected.Where(r => r.Pk == "P1" && r.Rank >= 7).OrderBy(r => r.Sk).Take(3).Select(r => r.Sk).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(3, actual.Count);
    }

    [Fact]
    public async Task Skip_and_Take_page_through_an_ordered_partition()
    {
        var actual = await Records.Where(r => r.Pk == "P0").OrderByDescending(r => r.Sk).Skip(5).Take(4).Select(r => r.Sk).ToListAsync();
        Assert.Equal(Expected.Where(r => r.Pk == "P0").OrderByDescending(r => r.Sk).Skip(5).Take(4).Select(r => r.Sk).ToList(), actual);
    }

    [Fact]
    public async Task First_and_FirstOrDefault()
    {
        Assert.Equal(
            Expected.Where(r => r.Pk == "P4").OrderByDescending(r => r.Sk).First(r => r.Flag).Sk,
            (await Records.Where(r => r.Pk == "P4").OrderByDescending(r => r.Sk).FirstAsync(r => r.Flag)).Sk);
        Assert.Null(await Records.FirstOrDefaultAsync(r => r.Pk == "P4" && r.Rank > 100));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Records.FirstAsync(r => r.Pk == "nope"));
    }

    [Fact]
    public async Task Last_reverses_the_sort_key_order()
        => Assert.Equal(
            Expected.Where(r => r.Pk == "P4").OrderBy(r => r.Sk).Last().Sk,
            (await Records.Where(r => r.Pk == "P4").OrderBy(r => r.Sk).LastAsync()).Sk);

    [Fact]
    public async Task Single_and_SingleOrDefault()
    {
        Assert.Equal(10, (await Records.SingleAsync(r => r.Pk == "P5" && r.Sk == 10)).Sk);
        Assert.Null(await Records.SingleOrDefaultAsync(r => r.Pk == "P5" && r.Sk == 11));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Records.SingleAsync(r => r.Pk == "P5"));
    }

    [Fact]
    public async Task Count_and_LongCount_sum_every_page()
    {
        Assert.Equal(Expected.Count(r => r.Rank > 4), await Records.CountAsync(r => r.Rank > 4));
        Assert.Equal(Expected.LongCount(r => r.Pk == "P2" && r.Sk > 0), await Records.LongCountAsync(r => r.Pk == "P2" && r.Sk > 0));
        Assert.Equal(Expected.Count(), await Records.CountAsync());
        Assert.Equal(1, await Records.CountAsync(r => r.Pk == "P2" && r.Sk == 0));
    }

    [Fact]
    public async Task Count_and_Any_after_Take_and_Skip_count_within_the_window()
    {
        Assert.Equal(
            Expected.Where(r => r.Pk == "P2").Skip(15).Take(10).Count(),
            await Records.Where(r => r.Pk == "P2").Skip(15).Take(10).CountAsync());
        Assert.Equal(3, await Records.Where(r => r.Rank > 0).Take(3).CountAsync());
        Assert.False(await Records.Where(r => r.Pk == "P2").Skip(20).AnyAsync());
        Assert.True(await Records.Where(r => r.Pk == "P2").Skip(19).AnyAsync());
    }

    [Fact]
    public async Task Count_uses_Select_COUNT()
    {
        fixture.Logs.Clear();
        await Records.CountAsync(r => r.Pk == "P2" && r.Rank > 4);
        Assert.Contains(fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest), m => m.Contains("Select: COUNT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Any_and_All()
    {
        Assert.Equal(Expected.Any(r => r.Rank == 9), await Records.AnyAsync(r => r.Rank == 9));
        Assert.False(await Records.AnyAsync(r => r.Rank == 99));
        Assert.True(await Records.AnyAsync());
        Assert.Equal(Expected.All(r => r.Rank < 9), await Records.AllAsync(r => r.Rank < 9));
        Assert.True(await Records.AllAsync(r => r.Rank < 100));
        Assert.Equal(Expected.Where(r => r.Pk == "P1").All(r => r.Score != null), await Records.Where(r => r.Pk == "P1").AllAsync(r => r.Score != null));
    }

    [Fact]
    public async Task Tracking_queries_resolve_identities()
    {
        await using var context = fixture.CreateContext();
        var first = await context.Records.Where(r => r.Pk == "P1").ToListAsync();
        var second = await context.Records.Where(r => r.Pk == "P1" && r.Sk < 0).ToListAsync();
        Assert.All(second, r => Assert.Contains(r, first));
        Assert.Equal(first.Count, context.ChangeTracker.Entries<Record>().Count());
        Assert.All(context.ChangeTracker.Entries<Record>(), e => Assert.Equal(EntityState.Unchanged, e.State));
    }

    [Fact]
    public async Task No_tracking_queries_track_nothing()
    {
        await using var context = fixture.CreateContext();
        var records = await context.Records.AsNoTracking().Where(r => r.Pk == "P1").ToListAsync();
        Assert.NotEmpty(records);
        Assert.Empty(context.ChangeTracker.Entries());

        var resolved = await context.Records.AsNoTrackingWithIdentityResolution().Where(r => r.Pk == "P1").ToListAsync();
        Assert.Equal(records.Count, resolved.Count);
        Assert.Empty(context.ChangeTracker.Entries());
    }

    [Fact]
    public async Task AsAsyncEnumerable_streams_without_reading_further_pages()
    {
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        await foreach (var record in context.Records.AsNoTracking().Where(r => r.Pk == "P3").AsAsyncEnumerable())
        {
            Assert.Equal("P3", record.Pk);
            break;
        }

        Assert.Single(fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest), m => m.Contains("Query", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Query_with_a_GSI_refuses_consistent_reads()
    {
        await using var context = fixture.CreateContext();
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.Records.Where(r => r.Category == "c1").WithIndex("ByCategory").WithConsistentRead().ToListAsync());
        Assert.Contains("ByCategory", exception.Message);
    }

    [Fact]
    public async Task WithConsistentRead_is_sent()
    {
        await using var context = fixture.CreateContext();
        Assert.Contains("ConsistentRead: true", context.Records.Where(r => r.Pk == "P1").WithConsistentRead().ToQueryString());
        Assert.Equal(20, (await context.Records.Where(r => r.Pk == "P1").WithConsistentRead().ToListAsync()).Count);
    }

    [Fact]
    public async Task WithIndex_forces_the_index()
    {
        await using var context = fixture.CreateContext();
        var query = context.Records.AsNoTracking().Where(r => r.Category == "c0").WithIndex("ByCategory");
        Assert.StartsWith($"Query {fixture.Prefix}Records INDEX ByCategory", query.ToQueryString());
        Assert.Equal(Expected.Count(r => r.Category == "c0"), (await query.ToListAsync()).Count);

        var scan = context.Records.AsNoTracking().Where(r => r.Rank == 1).WithIndex("ByCategory");
        Assert.StartsWith($"Scan {fixture.Prefix}Records INDEX ByCategory", scan.ToQueryString());

        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Records.WithIndex("Nope").ToListAsync());
        Assert.Contains("ByCategory", unknown.Message);
    }

    [Fact]
    public async Task ToPageAsync_returns_full_pages_and_a_url_safe_token()
    {
        await using var context = fixture.CreateContext();
        var query = context.Records.AsNoTracking().Where(r => r.Rank >= 3);
        var all = new List<Record>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await query.ToPageAsync(7, token);
            token = page.ContinuationToken;
            pages++;
            if (token != null)
            {
                Assert.Equal(7, page.Values.Count);
                Assert.Matches("^[A-Za-z0-9_-]+$", token);
            }

            all.AddRange(page.Values);
        }
        while (token != null);

        var expected = Expected.Where(r => r.Rank >= 3).Select(RecordSnapshot.Of).OrderBy(r => r.ToString()).ToList();
        Assert.Equal(expected, all.Select(RecordSnapshot.Of).OrderBy(r => r.ToString()).ToList());
        Assert.True(pages >= expected.Count / 7);
    }

    [Fact]
    public async Task ToPageAsync_over_a_list_of_keys()
    {
        await using var context = fixture.CreateContext();
        var keys = new[] { "P0", "P1", "P2", "P3" };
        var query = context.Records.AsNoTracking().Where(r => keys.Contains(r.Pk) && r.Sk == 10);
        var first = await query.ToPageAsync(3, null);
        var second = await query.ToPageAsync(3, first.ContinuationToken);
        Assert.Equal(3, first.Values.Count);
        Assert.Single(second.Values);
        Assert.Null(second.ContinuationToken);
        Assert.Equal(keys, first.Values.Concat(second.Values).Select(r => r.Pk).Order().ToArray());
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        await using var context = fixture.CreateContext();
        await Assert.ThrowsAsync<ArgumentException>(() => context.Records.Where(r => r.Pk == "P1").ToPageAsync(2, "not-a-token"));
    }
}
