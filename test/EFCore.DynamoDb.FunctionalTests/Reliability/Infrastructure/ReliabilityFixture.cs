using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace EFCore.DynamoDb.FunctionalTests.Reliability.Infrastructure;

/// <summary>
///     The reliability tables of one test class, under a prefix of its own, and contexts that reach them directly or through a
///     <see cref="FaultInjectingProxy" />. The execution strategy retries quickly (at most 20 ms between attempts) so that
///     hundreds of injected faults cost little time; the SDK keeps its default configuration unless a test says otherwise.
/// </summary>
public class ReliabilityFixture : IAsyncLifetime
{
    public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix("Reliability");

    public string ServiceUrl { get; private set; } = null!;

    public IAmazonDynamoDB Raw { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        ServiceUrl = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        Raw = DynamoDbLocalServer.CreateClient(ServiceUrl);
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        await using var context = CreateContext();
        await context.Database.EnsureDeletedAsync();
        Raw.Dispose();
    }

    /// <summary>A context straight to DynamoDB Local, for arranging data.</summary>
    public ReliabilityContext CreateContext() => CreateContext(ServiceUrl);

    /// <summary>A context whose provider-created client sends to <paramref name="url" /> (usually a proxy's).</summary>
    public ReliabilityContext CreateContext(
        string url,
        Action<DynamoDbDbContextOptionsBuilder>? dynamoDb = null,
        ILoggerFactory? loggerFactory = null)
        => new(Options(url, dynamoDb, loggerFactory));

    /// <summary>
    ///     Options whose provider-created client sends to <paramref name="url" />. Contexts made from equal options share one EF
    ///     service provider and one SDK client (and its connection pool), as an application's contexts do.
    /// </summary>
    public DbContextOptions<ReliabilityContext> Options(
        string url,
        Action<DynamoDbDbContextOptionsBuilder>? dynamoDb = null,
        ILoggerFactory? loggerFactory = null)
    {
        var builder = new DbContextOptionsBuilder<ReliabilityContext>()
            .UseDynamoDb(url, o =>
            {
                o.TableNamePrefix(Prefix);
                o.EnableRetryOnFailure(maxRetryCount: 10, maxRetryDelay: TimeSpan.FromMilliseconds(20));
                dynamoDb?.Invoke(o);
            })
            .EnableSensitiveDataLogging()
            .AllowManyServiceProviders();
        if (loggerFactory != null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        return builder.Options;
    }

    public string Table(string name) => Prefix + name;

    /// <summary>Every item of a table, read with consistent raw Scans.</summary>
    public Task<List<Dictionary<string, AttributeValue>>> ScanAsync(string table) => Raw.ScanAllAsync(Table(table));

    /// <summary>Every item of one partition, read with consistent raw Queries.</summary>
    public Task<List<Dictionary<string, AttributeValue>>> PartitionAsync(string table, string partitionKey, string value)
        => Raw.QueryPartitionAsync(Table(table), partitionKey, value);

    public Task<Dictionary<string, AttributeValue>?> GetAsync(string table, Dictionary<string, AttributeValue> key)
        => Raw.GetConsistentAsync(Table(table), key);

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
