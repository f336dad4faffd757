using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.Runtime;
using EFCore.DynamoDb.Benchmarks.Model;
using EFCore.DynamoDb.Benchmarks.Transport;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EFCore.DynamoDb.Benchmarks.Infrastructure;

public enum TransportKind
{
    /// <summary>Real HTTP to DynamoDB Local on this machine: end-to-end cost, server included.</summary>
    DynamoDbLocal,

    /// <summary>In-process recorded responses: client-side CPU and allocations only.</summary>
    Recorded,
}

/// <summary>
///     The three layers over ONE shared SDK client (same config, same transport): the raw client, DynamoDBContext
///     (long-lived, as the SDK recommends) and EF options (a new DbContext per operation, as an app does per request).
/// </summary>
public sealed class Layers : IDisposable
{
    private Layers(AmazonDynamoDBClient client, RecordedResponsesHandler? handler)
    {
        Client = client;
        Handler = handler;
        ReadContext = BuildContext(client, DataSet.ReadPrefix);
        WriteContext = BuildContext(client, DataSet.WritePrefix);
        ReadOptions = BuildOptions(client, DataSet.ReadPrefix);
        WriteOptions = BuildOptions(client, DataSet.WritePrefix);
        ReadPool = new PooledDbContextFactory<BenchContext>(ReadOptions);
    }

    public AmazonDynamoDBClient Client { get; }

    /// <summary>The transport of the recorded mode (null over DynamoDB Local).</summary>
    public RecordedResponsesHandler? Handler { get; }

    public IDynamoDBContext ReadContext { get; }

    public IDynamoDBContext WriteContext { get; }

    public DbContextOptions<BenchContext> ReadOptions { get; }

    public DbContextOptions<BenchContext> WriteOptions { get; }

    /// <summary>Pooled contexts over <see cref="ReadOptions" />, as <c>AddDbContextPool</c> gives an application.</summary>
    public PooledDbContextFactory<BenchContext> ReadPool { get; }

    private static readonly Dictionary<TransportKind, Task<Layers>> Shared = [];

    /// <summary>
    ///     The process's layers for <paramref name="transport" />, created on first use. Shared by every benchmark in a
    ///     process (in process, BenchmarkDotNet makes an instance per benchmark): one client also means one EF service
    ///     provider, as in an application (EF refuses to build more than 20).
    /// </summary>
    public static Task<Layers> GetAsync(TransportKind transport)
    {
        lock (Shared)
        {
            if (!Shared.TryGetValue(transport, out var layers))
            {
                Shared[transport] = layers = CreateAsync(transport);
            }

            return layers;
        }
    }

    private static async Task<Layers> CreateAsync(TransportKind transport)
    {
        var url = await DynamoDbLocalServer.GetServiceUrlAsync();
        var config = new AmazonDynamoDBConfig { ServiceURL = url, AuthenticationRegion = DynamoDbLocalServer.Region };
        RecordedResponsesHandler? handler = null;
        if (transport == TransportKind.Recorded)
        {
            handler = new RecordedResponsesHandler { Recording = true };
            config.HttpClientFactory = new HandlerHttpClientFactory(handler);
        }

        var client = new AmazonDynamoDBClient(
            new BasicAWSCredentials(DynamoDbLocalServer.AccessKey, DynamoDbLocalServer.SecretKey), config);
        return new Layers(client, handler);
    }

    private static IDynamoDBContext BuildContext(IAmazonDynamoDB client, string prefix)
        => new DynamoDBContextBuilder()
            .WithDynamoDBClient(() => client)
            .ConfigureContext(c =>
            {
                c.TableNamePrefix = prefix;
                // The key schema comes from the [DynamoDBHashKey]/[DynamoDBRangeKey] attributes instead of a
                // DescribeTable call, so DynamoDBContext sends exactly the requests the others send.
                c.DisableFetchingTableMetadata = true;
                c.RetrieveDateTimeInUtc = true;
            })
            .Build();

    private static DbContextOptions<BenchContext> BuildOptions(IAmazonDynamoDB client, string prefix)
        => new DbContextOptionsBuilder<BenchContext>()
            .UseDynamoDb(client, b => b.TableNamePrefix(prefix))
            .Options;

    public void Dispose()
    {
        ReadContext.Dispose();
        WriteContext.Dispose();
        Client.Dispose();
        Handler?.Dispose();
    }
}
