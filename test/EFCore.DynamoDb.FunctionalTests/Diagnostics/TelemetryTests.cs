using System.Diagnostics;
using System.Text.Json;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EFCore.DynamoDb.FunctionalTests.Diagnostics;

/// <summary>
///     The provider's spans and metrics against DynamoDB Local, as an <see cref="ActivityListener" /> and a
///     <see cref="MeterListener" /> see them: one span per request (per page of a query, per write, per attempt of a
///     retried request), parented to the caller's activity, with OpenTelemetry's database and DynamoDB attributes; and
///     the duration, consumed capacity, throttle and retry metrics that go with them.
/// </summary>
[Collection(TelemetryCollection.Name)]
public class TelemetryTests : IAsyncLifetime
{
    private readonly string _prefix = DynamoDbTestEnvironment.NewTablePrefix("Telemetry");

    private string Table => _prefix + "Notes";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await using var context = Create(await DynamoDbTestEnvironment.GetServiceUrlAsync());
        await context.Database.EnsureDeletedAsync();
    }

    [Fact]
    public async Task A_query_is_one_span_per_page_under_the_callers_activity()
    {
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        await using var context = await CreateContextAsync(url);
        // Four items of 380 KB: DynamoDB reads at most 1 MB per page, so the query takes more than one page.
        var text = new string('x', 380_000);
        context.Notes.AddRange(Enumerable.Range(1, 4).Select(i => new Note { Owner = "p", Id = i, Text = text }));
        await context.SaveChangesAsync();

        using var recorder = new TelemetryRecorder();
        List<int> ids;
        Activity parent;
        using (parent = TelemetryRecorder.StartParent("query"))
        {
            ids = (await context.Notes.AsNoTracking().Where(n => n.Owner == "p").ToListAsync()).Select(n => n.Id).ToList();
        }

        Assert.Equal([1, 2, 3, 4], ids);
        var spans = recorder.SpansUnder(parent);
        Assert.True(spans.Count >= 2, $"{spans.Count} page(s)");
        Assert.All(spans, span =>
        {
            Assert.Equal("DynamoDB.Query", span.DisplayName);
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal(parent.TraceId, span.TraceId);
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            AssertCommonTags(span, "Query", url);
            Assert.Null(span.GetTagItem("aws.dynamodb.projection"));   // the whole entity is read
            Assert.Equal(span.GetTagItem("aws.dynamodb.count"), span.GetTagItem("aws.dynamodb.scanned_count"));
            Assert.Null(span.GetTagItem("aws.dynamodb.limit"));
        });
        Assert.Equal(Enumerable.Range(1, spans.Count), spans.Select(s => (int)s.GetTagItem("efcore.dynamodb.page_number")!));
        Assert.Equal(4, spans.Sum(s => (int)s.GetTagItem("aws.dynamodb.count")!));
        var capacities = spans.Select(ConsumedCapacity).ToList();
        Assert.All(capacities, c => Assert.True(c > 0, "a Query consumes capacity"));

        var durations = recorder.Measurements(DynamoDbDiagnostics.OperationDurationMetric, Table).Where(m => Equals(m["db.operation.name"], "Query")).ToList();
        Assert.Equal(spans.Count, durations.Count);
        Assert.All(durations, m =>
        {
            Assert.Equal("s", m.Unit);
            Assert.InRange(m.Value, double.Epsilon, 60);
            Assert.Equal("aws.dynamodb", m["db.system.name"]);
            Assert.Equal(new Uri(url).Port, m["server.port"]);
            Assert.Null(m["error.type"]);
        });
        var consumed = recorder.Measurements(DynamoDbDiagnostics.ConsumedCapacityMetric, Table).Where(m => Equals(m["db.operation.name"], "Query")).ToList();
        Assert.Equal(capacities.Sum(), consumed.Sum(m => m.Value), 6);
    }

    [Fact]
    public async Task A_single_write_and_a_transaction_are_one_span_each()
    {
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        await using var context = await CreateContextAsync(url);

        using var recorder = new TelemetryRecorder();
        Activity single;
        using (single = TelemetryRecorder.StartParent("single write"))
        {
            context.Notes.Add(new Note { Owner = "w", Id = 1, Text = "one" });
            await context.SaveChangesAsync();
        }

        Activity transaction;
        using (transaction = TelemetryRecorder.StartParent("transaction"))
        {
            context.Notes.Add(new Note { Owner = "w", Id = 2, Text = "two" });
            context.Notes.Local.Single(n => n.Id == 1).Text = "changed";
            await context.SaveChangesAsync();
        }

        var put = Assert.Single(recorder.SpansUnder(single));
        Assert.Equal("DynamoDB.PutItem", put.DisplayName);
        AssertCommonTags(put, "PutItem", url);
        var transact = Assert.Single(recorder.SpansUnder(transaction));
        Assert.Equal("DynamoDB.TransactWriteItems", transact.DisplayName);
        AssertCommonTags(transact, "TransactWriteItems", url);

        var putCapacity = ConsumedCapacity(put);
        var transactCapacity = ConsumedCapacity(transact);
        Assert.True(putCapacity > 0 && transactCapacity > putCapacity, $"PutItem {putCapacity}, TransactWriteItems {transactCapacity}");
        var consumed = recorder.Measurements(DynamoDbDiagnostics.ConsumedCapacityMetric, Table);
        Assert.Equal(putCapacity, consumed.Where(m => Equals(m["db.operation.name"], "PutItem")).Sum(m => m.Value), 6);
        Assert.Equal(transactCapacity, consumed.Where(m => Equals(m["db.operation.name"], "TransactWriteItems")).Sum(m => m.Value), 6);
        Assert.Equal(
            ["PutItem", "TransactWriteItems"],
            recorder.Measurements(DynamoDbDiagnostics.OperationDurationMetric, Table).Select(m => (string)m["db.operation.name"]!).Order());
    }

    [Fact]
    public async Task A_retried_request_is_a_failed_span_then_a_successful_one_and_counts_a_throttle_and_a_retry()
    {
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        await (await CreateContextAsync(url)).DisposeAsync();   // the table, created straight on DynamoDB Local

        var throttled = 0;
        await using var proxy = new FaultInjectingProxy(
            url, operation => operation == "PutItem" && Interlocked.Increment(ref throttled) == 1 ? Fault.Throttle : Fault.None);
        // The SDK would retry the throttle itself, inside one span; without its retries the execution strategy retries.
        await using var context = Create(proxy.Url, o => o
            .ConfigureClient(static c => c.MaxErrorRetry = 0)
            .EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromMilliseconds(20)));

        using var recorder = new TelemetryRecorder();
        Activity parent;
        using (parent = TelemetryRecorder.StartParent("retried write"))
        {
            context.Notes.Add(new Note { Owner = "r", Id = 1, Text = "retried" });
            await context.SaveChangesAsync();
        }

        var spans = recorder.SpansUnder(parent);
        Assert.Equal(2, spans.Count);
        Assert.All(spans, s => AssertCommonTags(s, "PutItem", proxy.Url));
        Assert.Equal(ActivityStatusCode.Error, spans[0].Status);
        Assert.Equal("ProvisionedThroughputExceededException", spans[0].GetTagItem("error.type"));
        Assert.Equal("400", spans[0].GetTagItem("db.response.status_code"));
        Assert.Contains(spans[0].Events, e => e.Name == "exception");
        Assert.Equal(ActivityStatusCode.Unset, spans[1].Status);
        Assert.Null(spans[1].GetTagItem("error.type"));

        var throttle = Assert.Single(recorder.Measurements(DynamoDbDiagnostics.ThrottlesMetric, Table));
        Assert.Equal(1, throttle.Value);
        Assert.Equal("PutItem", throttle["db.operation.name"]);
        var retry = Assert.Single(recorder.Measurements(DynamoDbDiagnostics.RetriesMetric));
        Assert.Equal(1, retry.Value);
        Assert.Equal("execution_strategy", retry["efcore.dynamodb.retry.source"]);
        Assert.Equal("ProvisionedThroughputExceededException", retry["error.type"]);
        var durations = recorder.Measurements(DynamoDbDiagnostics.OperationDurationMetric, Table);
        Assert.Equal(new object?[] { "ProvisionedThroughputExceededException", null }, durations.Select(m => m["error.type"]));
    }

    [Fact]
    public async Task Consumed_capacity_is_requested_only_while_someone_reads_it()
    {
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        await using (var setup = await CreateContextAsync(url))
        {
            setup.Notes.Add(new Note { Owner = "c", Id = 1 });
            await setup.SaveChangesAsync();
        }

        await using var proxy = new FaultInjectingProxy(url, _ => Fault.None);
        await using var context = Create(proxy.Url);

        async Task<bool> AsksForCapacity()
        {
            proxy.Forwarded.Clear();
            await context.Notes.AsNoTracking().Where(n => n.Owner == "c").ToListAsync();
            var (_, body) = Assert.Single(proxy.Forwarded, f => f.Operation == "Query");
            return body.Contains("\"ReturnConsumedCapacity\":\"TOTAL\"", StringComparison.Ordinal);
        }

        Assert.False(await AsksForCapacity());

        using (new TelemetryRecorder(spans: true, instruments: []))
        {
            Assert.True(await AsksForCapacity());
        }

        using (new TelemetryRecorder(spans: false, instruments: [DynamoDbDiagnostics.OperationDurationMetric]))
        {
            Assert.False(await AsksForCapacity());
        }

        using (new TelemetryRecorder(spans: false, instruments: [DynamoDbDiagnostics.ConsumedCapacityMetric]))
        {
            Assert.True(await AsksForCapacity());
        }

        Assert.False(await AsksForCapacity());
    }

    private static void AssertCommonTags(Activity span, string operation, string url)
    {
        var table = span.GetTagItem("db.collection.name") as string;
        Assert.NotNull(table);
        Assert.Equal("aws.dynamodb", span.GetTagItem("db.system.name"));
        Assert.Equal(operation, span.GetTagItem("db.operation.name"));
        Assert.Equal("aws-api", span.GetTagItem("rpc.system"));
        Assert.Equal("DynamoDB", span.GetTagItem("rpc.service"));
        Assert.Equal(operation, span.GetTagItem("rpc.method"));
        Assert.Equal([table], (string[])span.GetTagItem("aws.dynamodb.table_names")!);
        Assert.Equal(new Uri(url).Host, span.GetTagItem("server.address"));
        Assert.Equal(new Uri(url).Port, span.GetTagItem("server.port"));
    }

    /// <summary>The capacity units of a span's aws.dynamodb.consumed_capacity (the JSON of each ConsumedCapacity entry).</summary>
    private double ConsumedCapacity(Activity span)
    {
        var entries = (string[])span.GetTagItem("aws.dynamodb.consumed_capacity")!;
        return entries.Select(e => JsonDocument.Parse(e).RootElement).Sum(e =>
        {
            Assert.Equal(Table, e.GetProperty("TableName").GetString());
            return e.GetProperty("CapacityUnits").GetDouble();
        });
    }

    private async Task<TelemetryContext> CreateContextAsync(string url)
    {
        var context = Create(url);
        await context.Database.EnsureCreatedAsync();
        return context;
    }

    private TelemetryContext Create(string url, Action<DynamoDbDbContextOptionsBuilder>? dynamoDb = null)
        => new(new DbContextOptionsBuilder<TelemetryContext>()
            .UseDynamoDb(url, o =>
            {
                o.TableNamePrefix(_prefix);
                dynamoDb?.Invoke(o);
            })
            .AllowManyServiceProviders()
            .Options);
}
