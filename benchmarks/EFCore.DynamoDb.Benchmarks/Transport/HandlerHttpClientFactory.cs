using Amazon.Runtime;

namespace EFCore.DynamoDb.Benchmarks.Transport;

/// <summary>
///     Plugs an <see cref="HttpMessageHandler" /> under an SDK client through <see cref="ClientConfig.HttpClientFactory" />,
///     the SDK's supported way to replace its HTTP transport.
/// </summary>
public sealed class HandlerHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
        => new(handler, disposeHandler: false);

    // The SDK keeps the client it asked for (per SDK client, since GetConfigUniqueString is null) and never disposes it.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;
}
