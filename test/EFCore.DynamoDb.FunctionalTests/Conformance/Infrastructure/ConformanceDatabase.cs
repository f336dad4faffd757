using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Conformance.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;

/// <summary>
///     The conformance tables, created and seeded once per test run (one table prefix) with the raw SDK from
///     <see cref="ConformanceData" />, and shared by every conformance class so that the classes can run in parallel.
/// </summary>
/// <remarks>
///     xunit 2 has no assembly fixture, so the first class to start seeds (a static lazy task) and nothing deletes the tables
///     when the last class ends: the DynamoDB Local this process starts keeps them in memory and takes them with it. Against
///     an endpoint named by <c>DYNAMODB_SERVICE_URL</c> the tables are deleted when the process exits.
/// </remarks>
public sealed class ConformanceDatabase
{
    private const int ParallelBatchWrites = 4;

    private static readonly Lazy<Task<ConformanceDatabase>> Shared = new(CreateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private ConformanceDatabase()
    {
    }

    public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix("Conformance");

    public ConformanceData Data { get; } = ConformanceData.Create();

    public static Task<ConformanceDatabase> GetAsync() => Shared.Value;

    private static async Task<ConformanceDatabase> CreateAsync()
    {
        var database = new ConformanceDatabase();
        var options = await DynamoDbTestEnvironment.CreateOptionsAsync<ConformanceContext>(database.Prefix);
        await using (var context = new ConformanceContext(options))
        {
            await context.Database.EnsureCreatedAsync();
        }

        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(DynamoDbLocalServer.ServiceUrlEnvironmentVariable)))
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteTables(options);
        }

        using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
        await Parallel.ForEachAsync(
            database.Batches(),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBatchWrites },
            async (batch, cancellationToken) => await WriteAsync(raw, batch.Table, batch.Items, cancellationToken));
        return database;
    }

    private IEnumerable<(string Table, List<Dictionary<string, AttributeValue>> Items)> Batches()
        => Data.Customers.Select(c => (Table: "Customers", Item: ConformanceItems.Of(c, Data.CustomersWithStoredNullRegion.Contains(c.CustomerID))))
            .Concat(Data.Orders.Select(o => (Table: "Orders", Item: ConformanceItems.Of(o))))
            .Concat(Data.OrderDetails.Select(d => (Table: "OrderDetails", Item: ConformanceItems.Of(d))))
            .Concat(Data.Products.Select(p => (Table: "Products", Item: ConformanceItems.Of(p))))
            .Concat(Data.Employees.Select(e => (Table: "Employees", Item: ConformanceItems.Of(e))))
            .GroupBy(w => w.Table)
            .SelectMany(g => g.Chunk(25).Select(chunk => (Table: Prefix + g.Key, Items: chunk.Select(w => w.Item).ToList())));

    private static async Task WriteAsync(
        IAmazonDynamoDB raw,
        string table,
        List<Dictionary<string, AttributeValue>> items,
        CancellationToken cancellationToken)
    {
        var pending = new Dictionary<string, List<WriteRequest>>
        {
            [table] = items.Select(i => new WriteRequest { PutRequest = new PutRequest { Item = i } }).ToList(),
        };
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            Assert.True(attempt < 10, $"DynamoDB kept {pending[table].Count} items of {table} unprocessed.");
            var response = await raw.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, cancellationToken);
            pending = response.UnprocessedItems ?? [];
        }
    }

    private static void DeleteTables(DbContextOptions<ConformanceContext> options)
    {
        using var context = new ConformanceContext(options);
        context.Database.EnsureDeletedAsync().Wait(TimeSpan.FromSeconds(30));
    }
}
