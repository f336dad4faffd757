using System.Diagnostics;
using Amazon.Runtime;

namespace EFCore.DynamoDb.Diagnostics.Internal;

/// <summary>
///     Where a client sends its requests, as OpenTelemetry's <c>server.address</c> / <c>server.port</c> and <c>cloud.region</c>:
///     the service URL when one is configured (DynamoDB Local, a proxy, a VPC endpoint), else the region's public endpoint.
/// </summary>
internal sealed class DynamoDbServerEndpoint
{
    private DynamoDbServerEndpoint(string? address, int port, string? region)
    {
        Address = address;
        Port = port;
        Region = region;
    }

    public string? Address { get; }

    public int Port { get; }

    public string? Region { get; }

    public static DynamoDbServerEndpoint From(IClientConfig? config)
    {
        var region = config?.RegionEndpoint?.SystemName ?? config?.AuthenticationRegion;
        if (config?.ServiceURL is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return new DynamoDbServerEndpoint(uri.Host, uri.Port, region);
        }

        if (config?.RegionEndpoint is { } endpoint)
        {
            var suffix = string.IsNullOrEmpty(endpoint.PartitionDnsSuffix) ? "amazonaws.com" : endpoint.PartitionDnsSuffix;
            return new DynamoDbServerEndpoint($"dynamodb.{endpoint.SystemName}.{suffix}", 443, region);
        }

        return new DynamoDbServerEndpoint(null, 0, region);
    }

    public void AddTo(Activity activity)
    {
        if (Address != null)
        {
            activity.SetTag("server.address", Address);
            activity.SetTag("server.port", Port);
        }

        if (Region != null)
        {
            activity.SetTag("cloud.region", Region);
        }
    }
}
