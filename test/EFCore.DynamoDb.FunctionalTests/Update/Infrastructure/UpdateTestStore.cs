using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;

/// <summary>
///     One test class's view of the shared DynamoDB Local: its own table prefix, a client whose requests are recorded (and can
///     lose responses), a raw client to check what was stored, and context options over them.
/// </summary>
public sealed class UpdateTestStore : IDisposable
{
    private readonly string _serviceUrl;
    private IAmazonDynamoDB? _clientWithoutSdkRetries;

    private UpdateTestStore(string serviceUrl, string prefix)
    {
        _serviceUrl = serviceUrl;
        Prefix = prefix;
        Handler = new RecordingHttpHandler();
        Client = NewClient(maxErrorRetry: null);
        Raw = DynamoDbLocalServer.CreateClient(serviceUrl);
    }

    public string Prefix { get; }

    public RecordingHttpHandler Handler { get; }

    /// <summary>The client contexts use; its requests go through <see cref="Handler" />.</summary>
    public IAmazonDynamoDB Client { get; }

    /// <summary>A client over <see cref="Handler" /> whose SDK does not retry: failures reach EF's execution strategy.</summary>
    public IAmazonDynamoDB ClientWithoutSdkRetries => _clientWithoutSdkRetries ??= NewClient(maxErrorRetry: 0);

    /// <summary>A client for assertions, outside any context.</summary>
    public IAmazonDynamoDB Raw { get; }

    public static async Task<UpdateTestStore> CreateAsync(string hint)
        => new(await DynamoDbTestEnvironment.GetServiceUrlAsync(), DynamoDbTestEnvironment.NewTablePrefix(hint));

    /// <summary>A client over <see cref="Handler" /> with its own SDK retry setting (0: failures reach EF's execution strategy).</summary>
    public IAmazonDynamoDB NewClient(int? maxErrorRetry)
    {
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = _serviceUrl,
            AuthenticationRegion = DynamoDbLocalServer.Region,
            HttpClientFactory = new RecordingHttpClientFactory(Handler),
        };
        if (maxErrorRetry != null)
        {
            config.MaxErrorRetry = maxErrorRetry.Value;
        }

        return new AmazonDynamoDBClient(new BasicAWSCredentials(DynamoDbLocalServer.AccessKey, DynamoDbLocalServer.SecretKey), config);
    }

    public DbContextOptions<TContext> Options<TContext>(
        IAmazonDynamoDB? client = null,
        bool sensitiveDataLogging = true,
        Action<DbContextOptionsBuilder<TContext>>? configure = null,
        Action<DynamoDbDbContextOptionsBuilder>? dynamoDb = null)
        where TContext : DbContext
    {
        client ??= Client;
        var builder = new DbContextOptionsBuilder<TContext>().UseDynamoDb(client, o =>
        {
            o.TableNamePrefix(Prefix);
            dynamoDb?.Invoke(o);
        });
        if (sensitiveDataLogging)
        {
            builder.EnableSensitiveDataLogging();
        }

        // Each table prefix and client is an internal service provider; a test run legitimately has many.
        builder.ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning));

        configure?.Invoke(builder);
        return builder.Options;
    }

    public string Table(string name) => Prefix + name;

    /// <summary>
    ///     The AWS SDK's DynamoDBContext over this store's tables, as applications build it (its default conversion, V1), with
    ///     this store's table prefix and consistent reads, so that it sees what EF wrote a moment before.
    /// </summary>
    public Amazon.DynamoDBv2.DataModel.IDynamoDBContext CreateDynamoDbContext()
        => new Amazon.DynamoDBv2.DataModel.DynamoDBContextBuilder()
            .WithDynamoDBClient(() => Raw)
            .ConfigureContext(c =>
            {
                c.TableNamePrefix = Prefix;
                c.ConsistentRead = true;
            })
            .Build();

    public Task<List<Dictionary<string, AttributeValue>>> ScanAsync(string table) => Raw.ScanAllAsync(Table(table));

    public Task<int> CountAsync(string table) => Raw.CountAllAsync(Table(table));

    public Task<Dictionary<string, AttributeValue>?> GetAsync(string table, params (string Name, AttributeValue Value)[] key)
        => Raw.GetConsistentAsync(Table(table), key.ToDictionary(k => k.Name, k => k.Value));

    public async Task PutRawAsync(string table, Dictionary<string, AttributeValue> item)
        => await Raw.PutItemAsync(new PutItemRequest { TableName = Table(table), Item = item });

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public void Dispose()
    {
        Client.Dispose();
        _clientWithoutSdkRetries?.Dispose();
        Raw.Dispose();
    }
}
