using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EFCore.DynamoDb.Benchmarks.Infrastructure;
using EFCore.DynamoDb.Benchmarks.Model;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Benchmarks;

/// <summary>
///     Every workload in each implementation: raw <see cref="IAmazonDynamoDB" /> calls with hand-written mapping
///     (the baseline of its category), DynamoDBContext, and EFCore.DynamoDb with tracking and with AsNoTracking.
///     Method names are <c>Workload_Implementation</c>; the category is the workload.
/// </summary>
/// <remarks>
///     Each EF operation creates and disposes its own DbContext, as an application does per request; that is part
///     of the measured cost, which the raw baseline does not pay. DynamoDBContext is built once and shared, as the SDK
///     recommends. All layers share one SDK client. Write workloads use fresh keys every call (a process-unique
///     prefix and a counter) so that inserts, which EF makes conditional (attribute_not_exists), never collide.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public abstract class Workloads
{
    public const string PointRead = "PointRead";
    public const string Query100 = "Query100";
    public const string QueryFilter = "QueryFilter";
    public const string Scan1000 = "Scan1000";
    public const string Count = "Count";
    public const string Insert1 = "Insert1";
    public const string Insert1000 = "Insert1000";
    public const string Update1 = "Update1";
    public const string Transaction10 = "Transaction10";

    public static readonly string[] ReadCategories = [PointRead, Query100, QueryFilter, Scan1000, Count];
    public static readonly string[] WriteCategories = [Insert1, Insert1000, Update1, Transaction10];

    /// <summary>BatchWriteItem requests in flight at once: the provider's default MaxBatchWriteParallelism.</summary>
    public const int BatchWriteParallelism = 4;

    private static readonly Dictionary<string, string> PartitionKeyName = new(1) { ["#pk"] = "ForumName" };

    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private long _sequence;

    // Fields, not constants, so that EF sees parameters (as with real input) and reuses its cached query.
    private string _forum = DataSet.QueryForum;
    private string _subject = DataSet.PointSubject;
    private int _minViews = DataSet.FilterMinViews;

    private Layers _layers = null!;
    private IAmazonDynamoDB _client = null!;
    private IDynamoDBContext _readContext = null!;
    private IDynamoDBContext _writeContext = null!;
    private ITable _readTable = null!;
    private DbContextOptions<BenchContext> _readOptions = null!;
    private DbContextOptions<BenchContext> _writeOptions = null!;
    private Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<BenchContext> _readPool = null!;

    protected abstract TransportKind Transport { get; }

    /// <summary>The layers under test (for the host's request check).</summary>
    internal Layers Layers => _layers;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _layers = await Layers.GetAsync(Transport);
        _client = _layers.Client;
        _readContext = _layers.ReadContext;
        _writeContext = _layers.WriteContext;
        _readTable = _readContext.GetTargetTable<ForumThread>();
        _readOptions = _layers.ReadOptions;
        _writeOptions = _layers.WriteOptions;
        _readPool = _layers.ReadPool;

        if (_layers.Handler is { Recording: true } handler)
        {
            // Record every read once against DynamoDB Local; from then on the handler answers in process.
            await RunReadsOnceAsync();
            handler.Recording = false;
        }

        // Checks the data (and in the recorded mode, that the recordings serve every read); also warms up.
        await RunReadsOnceAsync();
    }

    /// <summary>The layers are the process's (see <see cref="Layers.GetAsync" />) and live as long as it does.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
    }

    /// <summary>Runs every read benchmark once, checking each returns what the data set holds.</summary>
    internal async Task RunReadsOnceAsync()
    {
        foreach (var (name, run) in Benchmarks().Where(b => ReadCategories.Contains(Category(b.Name))))
        {
            var result = await run();
            var expected = Category(name) switch
            {
                PointRead => 1,
                Query100 => DataSet.ThreadsPerForum,
                QueryFilter => DataSet.FilterMatches,
                Scan1000 => DataSet.Forums * DataSet.ThreadsPerForum,
                Count => DataSet.ThreadsPerForum,
                _ => -1,
            };
            if (result != expected)
            {
                throw new InvalidOperationException($"{name} returned {result} items, expected {expected}.");
            }
        }
    }

    internal static string Category(string methodName) => methodName[..methodName.IndexOf('_')];

    /// <summary>Every benchmark method by name, as a call returning its item count (writes return what they wrote).</summary>
    internal IEnumerable<(string Name, Func<Task<int>> Run)> Benchmarks() => BenchmarksOf(this);

    /// <summary>The benchmark methods of any benchmark class instance, as <see cref="Benchmarks" /> gives them.</summary>
    internal static IEnumerable<(string Name, Func<Task<int>> Run)> BenchmarksOf(object target)
        => target.GetType().GetMethods()
            .Where(m => m.GetCustomAttributes(typeof(BenchmarkAttribute), true).Length > 0)
            .Select(m => (m.Name, (Func<Task<int>>)(async () =>
            {
                var task = m.Invoke(target, null)!;
                return task switch
                {
                    Task<int> count => await count,
                    Task<ForumThread?> one => (await one) == null ? 0 : 1,
                    Task<List<ForumThread>> list => (await list).Count,
                    _ => throw new InvalidOperationException($"{m.Name} returns {task.GetType()}"),
                };
            })));

    private string NextKey() => $"{_runId}-{Interlocked.Increment(ref _sequence):D9}";

    private static ForumThread NewThread(string forum, string subject, int views) => DataSet.Thread(forum, subject, views);

    // ------------------------------------------------------------------ point read (GetItem)

    [Benchmark(Baseline = true), BenchmarkCategory(PointRead)]
    public async Task<ForumThread?> PointRead_Raw()
    {
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = DataSet.ReadTable,
            Key = RawMapping.Key(_forum, _subject),
        });
        return response.Item is { Count: > 0 } item ? RawMapping.FromItem(item) : null;
    }

    [Benchmark, BenchmarkCategory(PointRead)]
    public Task<ForumThread?> PointRead_DynamoDBContext()
        => _readContext.LoadAsync<ForumThread?>(_forum, _subject);

    [Benchmark, BenchmarkCategory(PointRead)]
    public async Task<ForumThread?> PointRead_EfTracking()
    {
        await using var context = new BenchContext(_readOptions);
        return await context.Threads.FindAsync(_forum, _subject);
    }

    /// <summary>
    ///     FindAsync on a pooled context (AddDbContextPool / PooledDbContextFactory), the hot-path setup README advises: the
    ///     provider's finder runs the key lookup compiled once per model, so no LINQ translation or query-cache lookup per call.
    /// </summary>
    [Benchmark, BenchmarkCategory(PointRead)]
    public async Task<ForumThread?> PointRead_EfFindPooled()
    {
        await using var context = await _readPool.CreateDbContextAsync();
        return await context.Threads.FindAsync(_forum, _subject);
    }

    [Benchmark, BenchmarkCategory(PointRead)]
    public async Task<ForumThread?> PointRead_EfNoTracking()
    {
        await using var context = new BenchContext(_readOptions);
        return await context.Threads.AsNoTracking().FirstOrDefaultAsync(t => t.ForumName == _forum && t.Subject == _subject);
    }

    // ------------------------------------------------------------------ Query of 100 items in one partition

    [Benchmark(Baseline = true), BenchmarkCategory(Query100)]
    public async Task<List<ForumThread>> Query100_Raw()
    {
        var result = new List<ForumThread>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await _client.QueryAsync(new QueryRequest
            {
                TableName = DataSet.ReadTable,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = PartitionKeyName,
                ExpressionAttributeValues = new(1) { [":pk"] = new AttributeValue { S = _forum } },
                ExclusiveStartKey = start,
            });
            RawMapping.FromItems(response.Items, result);
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start != null);

        return result;
    }

    [Benchmark, BenchmarkCategory(Query100)]
    public Task<List<ForumThread>> Query100_DynamoDBContext()
        => _readContext.QueryAsync<ForumThread>(_forum).GetRemainingAsync();

    [Benchmark, BenchmarkCategory(Query100)]
    public async Task<List<ForumThread>> Query100_EfTracking()
    {
        await using var context = new BenchContext(_readOptions);
        return await context.Threads.Where(t => t.ForumName == _forum).ToListAsync();
    }

    [Benchmark, BenchmarkCategory(Query100)]
    public async Task<List<ForumThread>> Query100_EfNoTracking()
    {
        await using var context = new BenchContext(_readOptions);
        return await context.Threads.AsNoTracking().Where(t => t.ForumName == _forum).ToListAsync();
    }

    // ------------------------------------------------------------------ Query with a filter (half the partition)

    [Benchmark(Baseline = true), BenchmarkCategory(QueryFilter)]
    public async Task<List<ForumThread>> QueryFilter_Raw()
    {
        var result = new List<ForumThread>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await _client.QueryAsync(new QueryRequest
            {
                TableName = DataSet.ReadTable,
                KeyConditionExpression = "#pk = :pk",
                FilterExpression = "#v >= :v",
                ExpressionAttributeNames = new(2) { ["#pk"] = "ForumName", ["#v"] = "Views" },
                ExpressionAttributeValues = new(2)
                {
                    [":pk"] = new AttributeValue { S = _forum },
                    [":v"] = new AttributeValue { N = _minViews.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                },
                ExclusiveStartKey = start,
            });
            RawMapping.FromItems(response.Items, result);
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start != null);

        return result;
    }

    [Benchmark, BenchmarkCategory(QueryFilter)]
    public Task<List<ForumThread>> QueryFilter_DynamoDBContext()
        => _readContext.QueryAsync<ForumThread>(_forum, new QueryConfig
        {
            QueryFilter = [new ScanCondition(nameof(ForumThread.Views), ScanOperator.GreaterThanOrEqual, _minViews)],
        }).GetRemainingAsync();

    [Benchmark, BenchmarkCategory(QueryFilter)]
    public async Task<List<ForumThread>> QueryFilter_EfTracking()
    {
        await using var context = new BenchContext(_readOptions);
        return await context.Threads.Where(t => t.ForumName == _forum && t.Views >= _minViews).ToListAsync();
    }

    [Benchmark, BenchmarkCategory(QueryFilter)]
    public async Task<List<ForumThread>> QueryFilter_EfNoTracking()
    {
        await using var context = new BenchContext(_readOptions);
        return await context.Threads.AsNoTracking().Where(t => t.ForumName == _forum && t.Views >= _minViews).ToListAsync();
    }

    // ------------------------------------------------------------------ Scan of 1,000 items

    [Benchmark(Baseline = true), BenchmarkCategory(Scan1000)]
    public async Task<List<ForumThread>> Scan1000_Raw()
    {
        var result = new List<ForumThread>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await _client.ScanAsync(new ScanRequest { TableName = DataSet.ReadTable, ExclusiveStartKey = start });
            RawMapping.FromItems(response.Items, result);
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start != null);

        return result;
    }

    [Benchmark, BenchmarkCategory(Scan1000)]
    public Task<List<ForumThread>> Scan1000_DynamoDBContext()
        => _readContext.ScanAsync<ForumThread>([]).GetRemainingAsync();

    [Benchmark, BenchmarkCategory(Scan1000)]
    public async Task<List<ForumThread>> Scan1000_EfTracking()
    {
        await using var context = new BenchContext(_readOptions);
        return await context.Threads.ToListAsync();
    }

    [Benchmark, BenchmarkCategory(Scan1000)]
    public async Task<List<ForumThread>> Scan1000_EfNoTracking()
    {
        await using var context = new BenchContext(_readOptions);
        return await context.Threads.AsNoTracking().ToListAsync();
    }

    // ------------------------------------------------------------------ Count of one partition (Select COUNT)

    [Benchmark(Baseline = true), BenchmarkCategory(Count)]
    public async Task<int> Count_Raw()
    {
        var count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await _client.QueryAsync(new QueryRequest
            {
                TableName = DataSet.ReadTable,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = PartitionKeyName,
                ExpressionAttributeValues = new(1) { [":pk"] = new AttributeValue { S = _forum } },
                Select = Select.COUNT,
                ExclusiveStartKey = start,
            });
            count += response.Count ?? 0;
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start != null);

        return count;
    }

    /// <summary>
    ///     DynamoDBContext has no count. Its document model does: <c>Search.Count</c> of a Query with Select COUNT,
    ///     which the SDK sends synchronously (there is no async variant).
    /// </summary>
    [Benchmark, BenchmarkCategory(Count)]
    public Task<int> Count_DynamoDBContext()
    {
        var search = _readTable.Query(new QueryOperationConfig
        {
            KeyExpression = new Expression
            {
                ExpressionStatement = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = "ForumName" },
                ExpressionAttributeValues = new() { [":pk"] = _forum },
            },
            Select = SelectValues.Count,
        });
        return Task.FromResult(search.Count);
    }

    [Benchmark, BenchmarkCategory(Count)]
    public async Task<int> Count_Ef()
    {
        await using var context = new BenchContext(_readOptions);
        return await context.Threads.CountAsync(t => t.ForumName == _forum);
    }

    // ------------------------------------------------------------------ insert 1 item

    [Benchmark(Baseline = true), BenchmarkCategory(Insert1)]
    public async Task<int> Insert1_Raw()
    {
        // Insert, not upsert, as EF's Added state means: the same condition the provider sends.
        await _client.PutItemAsync(new PutItemRequest
        {
            TableName = DataSet.WriteTable,
            Item = RawMapping.ToItem(NewThread("Insert1", NextKey(), 1)),
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = PartitionKeyName,
        });
        return 1;
    }

    /// <summary>DynamoDBContext has no insert-only save without a version attribute: SaveAsync upserts.</summary>
    [Benchmark, BenchmarkCategory(Insert1)]
    public async Task<int> Insert1_DynamoDBContext()
    {
        await _writeContext.SaveAsync(NewThread("Insert1", NextKey(), 1));
        return 1;
    }

    [Benchmark, BenchmarkCategory(Insert1)]
    public async Task<int> Insert1_Ef()
    {
        await using var context = new BenchContext(_writeOptions);
        context.Threads.Add(NewThread("Insert1", NextKey(), 1));
        return await context.SaveChangesAsync();
    }

    // ------------------------------------------------------------------ insert 1,000 items (no transaction)

    [Benchmark(Baseline = true), BenchmarkCategory(Insert1000)]
    public async Task<int> Insert1000_Raw()
    {
        var forum = "Insert1000-" + NextKey();
        var writes = new List<WriteRequest>(1000);
        for (var i = 0; i < 1000; i++)
        {
            writes.Add(new WriteRequest { PutRequest = new PutRequest { Item = RawMapping.ToItem(NewThread(forum, DataSet.Subject(i), i)) } });
        }

        // 40 BatchWriteItem requests of 25, as many in flight as the provider allows by default.
        await Parallel.ForEachAsync(
            writes.Chunk(25),
            new ParallelOptions { MaxDegreeOfParallelism = BatchWriteParallelism },
            async (chunk, cancellationToken) =>
            {
                Dictionary<string, List<WriteRequest>>? pending = new(1) { [DataSet.WriteTable] = [.. chunk] };
                while (pending is { Count: > 0 })
                {
                    var response = await _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, cancellationToken);
                    pending = response.UnprocessedItems;
                }
            });
        return writes.Count;
    }

    [Benchmark, BenchmarkCategory(Insert1000)]
    public async Task<int> Insert1000_DynamoDBContext()
    {
        var forum = "Insert1000-" + NextKey();
        var batch = _writeContext.CreateBatchWrite<ForumThread>();
        var threads = new List<ForumThread>(1000);
        for (var i = 0; i < 1000; i++)
        {
            threads.Add(NewThread(forum, DataSet.Subject(i), i));
        }

        batch.AddPutItems(threads);
        await batch.ExecuteAsync();
        return threads.Count;
    }

    [Benchmark, BenchmarkCategory(Insert1000)]
    public async Task<int> Insert1000_Ef()
    {
        var forum = "Insert1000-" + NextKey();
        await using var context = new BenchContext(_writeOptions);
        context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        for (var i = 0; i < 1000; i++)
        {
            context.Threads.Add(NewThread(forum, DataSet.Subject(i), i));
        }

        return await context.SaveChangesAsync();
    }

    // ------------------------------------------------------------------ update 1 item (two attributes)

    [Benchmark(Baseline = true), BenchmarkCategory(Update1)]
    public async Task<int> Update1_Raw()
    {
        var views = (int)(Interlocked.Increment(ref _sequence) % 1_000_000);
        // The request EF sends for a modified entity: SET of the changed attributes, the item must exist.
        await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = DataSet.WriteTable,
            Key = RawMapping.Key(DataSet.UpdateForum, DataSet.UpdateSubject),
            UpdateExpression = "SET #v = :v, #d = :d",
            ConditionExpression = "attribute_exists(#pk)",
            ExpressionAttributeNames = new(3) { ["#pk"] = "ForumName", ["#v"] = "Views", ["#d"] = "LastPostDateTime" },
            ExpressionAttributeValues = new(2)
            {
                [":v"] = new AttributeValue { N = views.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                [":d"] = new AttributeValue { S = RawMapping.FormatDate(DataSet.BaseDate.AddSeconds(views)) },
            },
        });
        return 1;
    }

    /// <summary>DynamoDBContext saves whole objects: SaveAsync of the changed item (it sends every attribute).</summary>
    [Benchmark, BenchmarkCategory(Update1)]
    public async Task<int> Update1_DynamoDBContext()
    {
        var views = (int)(Interlocked.Increment(ref _sequence) % 1_000_000);
        var thread = NewThread(DataSet.UpdateForum, DataSet.UpdateSubject, views);
        thread.LastPostDateTime = DataSet.BaseDate.AddSeconds(views);
        await _writeContext.SaveAsync(thread);
        return 1;
    }

    /// <summary>
    ///     EF without reading first: attach the entity as it is stored, change two properties, save. One UpdateItem,
    ///     as the raw baseline (a Find before would add a GetItem).
    /// </summary>
    [Benchmark, BenchmarkCategory(Update1)]
    public async Task<int> Update1_Ef()
    {
        var views = (int)(Interlocked.Increment(ref _sequence) % 1_000_000);
        await using var context = new BenchContext(_writeOptions);
        var thread = context.Threads.Attach(NewThread(DataSet.UpdateForum, DataSet.UpdateSubject, 0)).Entity;
        thread.Views = views;
        thread.LastPostDateTime = DataSet.BaseDate.AddSeconds(views);
        return await context.SaveChangesAsync();
    }

    // ------------------------------------------------------------------ a transaction of 10 writes (inserts)

    [Benchmark(Baseline = true), BenchmarkCategory(Transaction10)]
    public async Task<int> Transaction10_Raw()
    {
        var forum = "Transaction10-" + NextKey();
        var items = new List<TransactWriteItem>(10);
        for (var i = 0; i < 10; i++)
        {
            items.Add(new TransactWriteItem
            {
                Put = new Put
                {
                    TableName = DataSet.WriteTable,
                    Item = RawMapping.ToItem(NewThread(forum, DataSet.Subject(i), i)),
                    ConditionExpression = "attribute_not_exists(#pk)",
                    ExpressionAttributeNames = PartitionKeyName,
                },
            });
        }

        await _client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items });
        return items.Count;
    }

    [Benchmark, BenchmarkCategory(Transaction10)]
    public async Task<int> Transaction10_DynamoDBContext()
    {
        var forum = "Transaction10-" + NextKey();
        var transaction = _writeContext.CreateTransactWrite<ForumThread>();
        for (var i = 0; i < 10; i++)
        {
            transaction.AddSaveItem(NewThread(forum, DataSet.Subject(i), i));
        }

        await transaction.ExecuteAsync();
        return 10;
    }

    [Benchmark, BenchmarkCategory(Transaction10)]
    public async Task<int> Transaction10_Ef()
    {
        var forum = "Transaction10-" + NextKey();
        await using var context = new BenchContext(_writeOptions);
        for (var i = 0; i < 10; i++)
        {
            context.Threads.Add(NewThread(forum, DataSet.Subject(i), i));
        }

        return await context.SaveChangesAsync();
    }
}

/// <summary>The workloads over real HTTP to DynamoDB Local: end to end, server time included.</summary>
public class OverDynamoDbLocal : Workloads
{
    protected override TransportKind Transport => TransportKind.DynamoDbLocal;
}

/// <summary>The workloads over recorded in-process responses: client-side CPU and allocations only.</summary>
public class RecordedResponses : Workloads
{
    protected override TransportKind Transport => TransportKind.Recorded;
}
