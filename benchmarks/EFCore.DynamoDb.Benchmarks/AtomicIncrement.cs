using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using EFCore.DynamoDb.Benchmarks.Infrastructure;
using EFCore.DynamoDb.Benchmarks.Model;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Benchmarks;

/// <summary>
///     An atomic counter increment (run with <c>--mode writes</c>): EF's ExecuteUpdateAsync, a new DbContext per call, beside
///     the raw UpdateItem it sends (<c>ADD #Views :v0</c>, the item must exist), over DynamoDB Local (end to end) and over
///     recorded responses (client CPU). Goal: EF at most 1.15x the raw request end to end.
/// </summary>
[MemoryDiagnoser]
public class AtomicIncrement
{
    private IAmazonDynamoDB _client = null!;
    private DbContextOptions<BenchContext> _options = null!;
    private Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<BenchContext> _pool = null!;

    // Fields, not constants, so that EF sees parameters (as with real input) and reuses its cached query.
    private string _forum = DataSet.UpdateForum;
    private string _subject = DataSet.UpdateSubject;

    [Params(TransportKind.DynamoDbLocal, TransportKind.Recorded)]
    public TransportKind Transport { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var layers = await Layers.GetAsync(Transport);
        _client = layers.Client;
        _options = layers.WriteOptions;
        _pool = new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<BenchContext>(_options);
        await Increment_Raw();
        await Increment_ExecuteUpdate();
        await Increment_ExecuteUpdatePooled();

        // Writes are answered in process from here on (DynamoDB's empty success answer): without this the "recorded" rows
        // would still go to DynamoDB Local.
        if (layers.Handler != null)
        {
            layers.Handler.Recording = false;
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<int> Increment_Raw()
    {
        await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = DataSet.WriteTable,
            Key = RawMapping.Key(_forum, _subject),
            UpdateExpression = "ADD #Views :v0",
            ConditionExpression = "attribute_exists(#ForumName)",
            ExpressionAttributeNames = new(2) { ["#ForumName"] = "ForumName", ["#Views"] = "Views" },
            ExpressionAttributeValues = new(1) { [":v0"] = new AttributeValue { N = "1" } },
        });
        return 1;
    }

    [Benchmark]
    public async Task<int> Increment_ExecuteUpdate()
    {
        await using var context = new BenchContext(_options);
        return await context.Threads.Where(t => t.ForumName == _forum && t.Subject == _subject)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Views, t => t.Views + 1));
    }

    /// <summary>The same on a pooled context (AddDbContextPool / PooledDbContextFactory), the setup docs/performance.md advises for hot paths.</summary>
    [Benchmark]
    public async Task<int> Increment_ExecuteUpdatePooled()
    {
        await using var context = await _pool.CreateDbContextAsync();
        return await context.Threads.Where(t => t.ForumName == _forum && t.Subject == _subject)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Views, t => t.Views + 1));
    }
}
