using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using EFCore.DynamoDb.Benchmarks.Model;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Benchmarks;

/// <summary>
///     A Scan of 100,000 items over DynamoDB Local, read one item at a time (raw: page by page, each item mapped and
///     dropped; EF: <c>AsAsyncEnumerable</c>, no tracking), in one segment and in 4 parallel segments
///     (<c>WithParallelScan(4)</c>; raw: 4 segments in flight at once). Each call takes seconds, so the job is short: one
///     warm-up and three measured calls per method.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3, id: "LargeScan")]
public class LargeScan
{
    public const string Scan100k = "Scan100k";
    private const int Items = LargeScanData.Large;

    private IAmazonDynamoDB _client = null!;
    private DbContextOptions<BenchContext> _options = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _client = DynamoDbLocalServer.CreateClient(await DynamoDbLocalServer.GetServiceUrlAsync());
        _options = LargeScanData.Options(_client, Items);
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory(Scan100k)]
    public Task<int> Scan100k_Raw() => RawScanAsync(segment: null, totalSegments: null);

    [Benchmark, BenchmarkCategory(Scan100k)]
    public async Task<int> Scan100k_RawParallel4()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(s => RawScanAsync(s, 4)));
        return counts.Sum();
    }

    [Benchmark, BenchmarkCategory(Scan100k)]
    public async Task<int> Scan100k_Ef()
    {
        await using var context = new BenchContext(_options);
        return await CountAsync(context.Threads.AsNoTracking().WithScan());
    }

    [Benchmark, BenchmarkCategory(Scan100k)]
    public async Task<int> Scan100k_EfParallel4()
    {
        await using var context = new BenchContext(_options);
        return await CountAsync(context.Threads.AsNoTracking().WithScan().WithParallelScan(4));
    }

    private static async Task<int> CountAsync(IQueryable<ForumThread> query)
    {
        var count = 0;
        await foreach (var thread in query.AsAsyncEnumerable())
        {
            count += thread.Views >= 0 ? 1 : 0;
        }

        return count;
    }

    private async Task<int> RawScanAsync(int? segment, int? totalSegments)
    {
        var count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await _client.ScanAsync(new ScanRequest
            {
                TableName = LargeScanData.Table(Items),
                Segment = segment,
                TotalSegments = totalSegments,
                ExclusiveStartKey = start,
            });
            foreach (var item in response.Items ?? [])
            {
                count += RawMapping.FromItem(item).Views >= 0 ? 1 : 0;
            }

            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start != null);

        return count;
    }
}
