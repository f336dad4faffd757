using System.Collections.Concurrent;
using Amazon.Runtime;

namespace EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;

/// <summary>
///     Sits between the SDK and DynamoDB Local: records the operation of every request (from the X-Amz-Target header), and
///     can make a request's response get lost (the request reaches DynamoDB, the client sees a dropped connection), to test
///     that retried writes are idempotent.
/// </summary>
public sealed class RecordingHttpHandler : DelegatingHandler
{
    private int _responsesToLose;
    private string? _loseOperation;

    public RecordingHttpHandler()
        : base(new SocketsHttpHandler())
    {
    }

    public ConcurrentQueue<string> Operations { get; } = new();

    /// <summary>The request bodies of the operations named in <see cref="RecordBodiesOf" />.</summary>
    public ConcurrentQueue<(string Operation, string Body)> Bodies { get; } = new();

    public HashSet<string> RecordBodiesOf { get; } = [];

    /// <summary>Optional rewrite of a request/response pair: gets the operation and request body, returns the response to use.</summary>
    public Func<string, string, Func<string, Task<(HttpResponseMessage Response, string Body)>>, Task<HttpResponseMessage>>? Rewrite { get; set; }

    public void Reset()
    {
        Operations.Clear();
        Bodies.Clear();
        RecordBodiesOf.Clear();
        Rewrite = null;
        _responsesToLose = 0;
        _loseOperation = null;
    }

    /// <summary>The next <paramref name="count" /> requests of <paramref name="operation" /> are executed but their responses lost.</summary>
    public void LoseResponses(string operation, int count = 1)
    {
        _loseOperation = operation;
        Volatile.Write(ref _responsesToLose, count);
    }

    public int Count(string operation) => Operations.Count(o => o == operation);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.Headers.TryGetValues("X-Amz-Target", out var targets)
            ? targets.First().Split('.').Last()
            : "?";
        Operations.Enqueue(operation);
        if (RecordBodiesOf.Contains(operation) && request.Content != null)
        {
            Bodies.Enqueue((operation, await request.Content.ReadAsStringAsync(cancellationToken)));
        }

        if (Rewrite is { } rewrite && request.Content != null)
        {
            var body = await request.Content.ReadAsStringAsync(cancellationToken);
            return await rewrite(operation, body, async newBody =>
            {
                var forwarded = new HttpRequestMessage(request.Method, request.RequestUri) { Content = new StringContent(newBody) };
                foreach (var header in request.Headers)
                {
                    forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                forwarded.Content.Headers.ContentType = request.Content.Headers.ContentType;
                var response = await base.SendAsync(forwarded, cancellationToken);
                return (response, await response.Content.ReadAsStringAsync(cancellationToken));
            });
        }

        var result = await base.SendAsync(request, cancellationToken);
        if (operation == _loseOperation && Interlocked.Decrement(ref _responsesToLose) >= 0)
        {
            result.Dispose();
            throw new HttpRequestException("Simulated lost response: the request reached DynamoDB, the connection dropped before the answer.");
        }

        return result;
    }
}

/// <summary>Gives the SDK an HttpClient over a <see cref="RecordingHttpHandler" />.</summary>
public sealed class RecordingHttpClientFactory(RecordingHttpHandler handler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
