using System.Net;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using EFCore.DynamoDb.Infrastructure.Internal;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Creates the SDK client once per options set. The SDK client is thread-safe and pools its HTTP connections, so
///     sharing it across every context of the application is what AWS recommends. The client the provider creates reports
///     its retries to the update pipeline (<see cref="ObservedDynamoDbClient" />); a client the application supplies is used
///     as it is.
/// </summary>
internal sealed class DynamoDbClientProvider : IDynamoDbClientProvider, IDisposable
{
    /// <summary>The region signed into requests for endpoints that are not AWS (DynamoDB Local ignores it).</summary>
    public const string LocalRegion = "us-east-1";

    private readonly IDynamoDbSingletonOptions _options;
    private readonly Lazy<IAmazonDynamoDB> _client;
    private bool _ownsClient;

    /// <summary>Creates the provider; the client itself is created lazily.</summary>
    public DynamoDbClientProvider(IDynamoDbSingletonOptions options)
    {
        _options = options;
        _client = new Lazy<IAmazonDynamoDB>(CreateClient, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    public IAmazonDynamoDB Client => _client.Value;

    private IAmazonDynamoDB CreateClient()
    {
        if (_options.Client != null)
        {
            return _options.Client;
        }

        var config = new AmazonDynamoDBConfig();
        if (_options.ServiceUrl != null)
        {
            config.ServiceURL = _options.ServiceUrl;
            config.AuthenticationRegion = _options.Region ?? LocalRegion;
        }
        else if (_options.Region != null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(_options.Region);
        }

        _options.ConfigureClient?.Invoke(config);

        var credentials = _options.Credentials
            ?? (IsLoopback(_options.ServiceUrl)
                // DynamoDB Local does not check signatures; placeholder keys spare the user any AWS setup.
                ? new BasicAWSCredentials("local", "local")
                : null);

        _ownsClient = true;

        // An ordinary client whose attempts the update pipeline can see: it must know when the SDK re-sent a conditional write
        // whose first attempt may have been applied (see SdkAttemptLog).
        return credentials == null ? new ObservedDynamoDbClient(config) : new ObservedDynamoDbClient(credentials, config);
    }

    internal static bool IsLoopback(string? serviceUrl)
    {
        if (serviceUrl == null || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback
            || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Disposes the client when the provider created it; a client the application supplied stays open.</summary>
    public void Dispose()
    {
        if (_ownsClient && _client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}
