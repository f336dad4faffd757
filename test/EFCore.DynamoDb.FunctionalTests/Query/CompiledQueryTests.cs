using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EFCore.DynamoDb.FunctionalTests.Query;

/// <summary>
///     Compiled queries (<c>EF.CompileAsyncQuery</c>), what README advises for hot queries: the plan is chosen once, each call
///     binds its own parameter values, and the answers equal LINQ-to-Objects for every set of values, on plain and pooled contexts.
/// </summary>
public class CompiledQueryTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private static readonly Func<QueryContext, string, int, Task<Record?>> RecordByKey =
        EF.CompileAsyncQuery((QueryContext c, string pk, int sk) => c.Records.AsNoTracking().FirstOrDefault(r => r.Pk == pk && r.Sk == sk));

    private static readonly Func<QueryContext, string, int, IAsyncEnumerable<Record>> PartitionFrom =
        EF.CompileAsyncQuery<QueryContext, string, int, Record>((c, pk, from) => c.Records.AsNoTracking().Where(r => r.Pk == pk && r.Sk >= from).OrderBy(r => r.Sk));

    private static readonly Func<QueryContext, string, Task<int>> CountInPartition =
        EF.CompileAsyncQuery((QueryContext c, string pk) => c.Records.Count(r => r.Pk == pk));

    private static readonly Func<QueryContext, string[], int, IAsyncEnumerable<Record>> ByPartitionsAtSortKey =
        EF.CompileAsyncQuery((QueryContext c, string[] pks, int sk) => c.Records.AsNoTracking().Where(r => pks.Contains(r.Pk) && r.Sk == sk));

    private static readonly Func<QueryContext, string, int, Task<Record?>> TrackedRecordByKey =
        EF.CompileAsyncQuery((QueryContext c, string pk, int sk) => c.Records.FirstOrDefault(r => r.Pk == pk && r.Sk == sk));

    [Fact]
    public async Task Compiled_point_read_is_one_GetItem_per_call_with_each_calls_values()
    {
        // Keys that exist, one whose partition exists but not the sort key, and one whose partition does not exist.
        (string Pk, int Sk)[] keys = [("P1", 40), ("P3", 0), ("P5", fixture.Records.Where(r => r.Pk == "P5").Max(r => r.Sk)), ("P1", -7), ("nope", 40)];
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        foreach (var (pk, sk) in keys)
        {
            var actual = await RecordByKey(context, pk, sk);
            var expected = fixture.Records.FirstOrDefault(r => r.Pk == pk && r.Sk == sk);
            Assert.Equal(expected == null ? null : RecordSnapshot.Of(expected), actual == null ? null : RecordSnapshot.Of(actual));
        }

        var operations = fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest).Select(m => m.Split(' ')[2]).ToList();
        Assert.Equal(Enumerable.Repeat("GetItem", keys.Length), operations);
    }

    [Fact]
    public async Task Compiled_partition_query_binds_partition_and_range_per_call()
    {
        await using var context = fixture.CreateContext();
        foreach (var (pk, from) in new[] { ("P0", 0), ("P2", 55), ("P4", 1_000_000), ("P9", 0) })
        {
            fixture.Logs.Clear();
            var actual = await PartitionFrom(context, pk, from).Select(RecordSnapshot.Of).ToListAsync();
            var expected = fixture.Records.Where(r => r.Pk == pk && r.Sk >= from).OrderBy(r => r.Sk).Select(RecordSnapshot.Of).ToList();

            Assert.Equal(expected, actual);
            var executed = Assert.Single(fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest));
            Assert.StartsWith($"Executed DynamoDB Query on '{fixture.Prefix}Records'", executed);
        }
    }

    [Fact]
    public async Task Compiled_count_and_list_parameter_queries_match_linq_to_objects()
    {
        await using var context = fixture.CreateContext();
        foreach (var pk in new[] { "P0", "P3", "absent" })
        {
            Assert.Equal(fixture.Records.Count(r => r.Pk == pk), await CountInPartition(context, pk));
        }

        foreach (var pks in new[] { new[] { "P0", "P2" }, new[] { "P5" }, new[] { "absent", "P1", "P1" } })
        {
            var sk = fixture.Records.First(r => r.Pk == pks.Last()).Sk;
            fixture.Logs.Clear();
            var actual = await ByPartitionsAtSortKey(context, pks, sk).Select(RecordSnapshot.Of).ToListAsync();
            var expected = fixture.Records.Where(r => pks.Contains(r.Pk) && r.Sk == sk).Select(RecordSnapshot.Of).ToList();

            Assert.Equal(expected.OrderBy(r => r.ToString()), actual.OrderBy(r => r.ToString()));
            Assert.All(
                fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest),
                m => Assert.StartsWith("Executed DynamoDB BatchGetItem", m));
        }
    }

    [Fact]
    public async Task Compiled_tracking_query_on_pooled_contexts_tracks_in_the_renting_context_only()
    {
        var pool = new PooledDbContextFactory<QueryContext>(fixture.Options);
        for (var i = 0; i < 3; i++)
        {
            await using var context = await pool.CreateDbContextAsync();
            Assert.Empty(context.ChangeTracker.Entries());

            var record = await TrackedRecordByKey(context, "P2", fixture.Records.Where(r => r.Pk == "P2").ElementAt(i).Sk);

            Assert.NotNull(record);
            var entry = Assert.Single(context.ChangeTracker.Entries<Record>());
            Assert.Same(record, entry.Entity);
            Assert.Equal(EntityState.Unchanged, entry.State);
            Assert.Same(record, await TrackedRecordByKey(context, record.Pk, record.Sk));
        }
    }
}
