using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace EFCore.DynamoDb.TestUtilities;

/// <summary>What the proxy does with one request.</summary>
public enum Fault
{
    /// <summary>Forward the request and return DynamoDB's response.</summary>
    None,

    /// <summary>Answer 400 ProvisionedThroughputExceededException without forwarding (nothing applied).</summary>
    Throttle,

    /// <summary>Answer 500 InternalServerError without forwarding (nothing applied).</summary>
    ServerError,

    /// <summary>Close the connection without forwarding (nothing applied; the client sees a dropped connection).</summary>
    DropBeforeForwarding,

    /// <summary>Forward the request, then close the connection without answering (applied, but the client cannot know).</summary>
    DropAfterForwarding,

    /// <summary>For BatchWriteItem: forward only half of the writes and report the rest as UnprocessedItems.</summary>
    PartialBatch,

    /// <summary>
    ///     Answer 400 without forwarding, as DynamoDB does when an item is being changed by another transaction: a
    ///     TransactionCanceledException with a TransactionConflict reason for TransactWriteItems, a TransactionConflictException
    ///     for other operations (nothing applied).
    /// </summary>
    TransactionConflict,

    /// <summary>Answer 400 ValidationException without forwarding: a request DynamoDB refuses (not retryable, nothing applied).</summary>
    ValidationError,
}

/// <summary>
///     An HTTP/1.1 proxy on loopback in front of DynamoDB Local that injects the failures DynamoDB produces in production:
///     throttling, 500s, dropped connections before and after the request was applied, and partial batches. A test points the
///     provider at <see cref="Url" /> and decides per request, by operation name, which fault to inject.
/// </summary>
public sealed class FaultInjectingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly HttpClient _upstream;
    private readonly Func<string, Fault> _policy;
    private readonly Func<string, TimeSpan>? _latency;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _faults;

    /// <param name="upstreamUrl">DynamoDB Local's URL.</param>
    /// <param name="policy">Chooses the fault for a request, given its operation (e.g. "PutItem").</param>
    /// <param name="latency">How long to hold a request, given its operation, before handling it (a slow network).</param>
    public FaultInjectingProxy(string upstreamUrl, Func<string, Fault> policy, Func<string, TimeSpan>? latency = null)
    {
        _upstream = new HttpClient { BaseAddress = new Uri(upstreamUrl) };
        _policy = policy;
        _latency = latency;
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>A policy injecting a fault into a fraction of requests, chosen with a seeded random so runs repeat.</summary>
    public static Func<string, Fault> Random(double rate, int seed, params Fault[] faults)
    {
        var random = new Random(seed);
        return _ =>
        {
            lock (random)
            {
                return random.NextDouble() < rate ? faults[random.Next(faults.Length)] : Fault.None;
            }
        };
    }

    /// <summary>
    ///     A policy injecting <paramref name="faults" /> into a fraction of the requests of the given operations only (e.g. only
    ///     writes), seeded so runs repeat.
    /// </summary>
    public static Func<string, Fault> Random(double rate, int seed, IReadOnlyCollection<string> operations, params Fault[] faults)
    {
        var random = Random(rate, seed, faults);
        return operation => operations.Contains(operation) ? random(operation) : Fault.None;
    }

    public string Url { get; }

    /// <summary>How many faults were injected so far.</summary>
    public int FaultCount => Volatile.Read(ref _faults);

    /// <summary>Every request received, by operation, with the fault chosen for it, in arrival order.</summary>
    public ConcurrentQueue<(string Operation, Fault Fault)> Received { get; } = new();

    /// <summary>The requests DynamoDB Local actually received (after a partial batch was trimmed), in the order they were forwarded.</summary>
    public ConcurrentQueue<(string Operation, string Body)> Forwarded { get; } = new();

    /// <summary>How many requests of <paramref name="operation" /> reached DynamoDB Local.</summary>
    public int ForwardedCount(string operation) => Forwarded.Count(f => f.Operation == operation);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            try
            {
                while (await ReadRequestAsync(stream) is { } request)
                {
                    if (!await HandleAsync(stream, request))
                    {
                        return;
                    }
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Answers one request; false means the connection must be closed (a dropped connection).</summary>
    private async Task<bool> HandleAsync(NetworkStream stream, (string Target, Dictionary<string, string> Headers, byte[] Body) request)
    {
        var operation = request.Target.Contains('.') ? request.Target[(request.Target.LastIndexOf('.') + 1)..] : request.Target;
        if (_latency?.Invoke(operation) is { } latency && latency > TimeSpan.Zero)
        {
            // Ends with the proxy: a test may hold a request for longer than it lives.
            await Task.Delay(latency, _stop.Token);
        }

        var fault = _policy(operation);
        if (fault == Fault.PartialBatch && operation != "BatchWriteItem")
        {
            fault = Fault.None;
        }

        if (fault != Fault.None)
        {
            Interlocked.Increment(ref _faults);
        }

        Received.Enqueue((operation, fault));

        switch (fault)
        {
            case Fault.Throttle:
                await WriteResponseAsync(stream, 400, """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"Injected throttling"}""");
                return true;
            case Fault.ServerError:
                await WriteResponseAsync(stream, 500, """{"__type":"com.amazon.coral.service#InternalFailure","message":"Injected failure"}""");
                return true;
            case Fault.ValidationError:
                await WriteResponseAsync(stream, 400, """{"__type":"com.amazon.coral.validate#ValidationException","message":"Injected validation error"}""");
                return true;
            case Fault.TransactionConflict:
                await WriteResponseAsync(stream, 400, operation == "TransactWriteItems"
                    ? TransactionConflictCancellation(request.Body)
                    : """{"__type":"com.amazonaws.dynamodb.v20120810#TransactionConflictException","message":"Injected conflict: the item is being changed by a transaction"}""");
                return true;
            case Fault.DropBeforeForwarding:
                return false;
            case Fault.DropAfterForwarding:
                await ForwardAsync(request.Target, request.Body);
                return false;
            case Fault.PartialBatch:
                var (forward, unprocessed) = SplitBatch(request.Body);
                var (status, body) = await ForwardAsync(request.Target, forward);
                await WriteResponseAsync(stream, status, status == 200 ? AddUnprocessed(body, unprocessed) : body);
                return true;
            default:
                var (okStatus, okBody) = await ForwardAsync(request.Target, request.Body);
                await WriteResponseAsync(stream, okStatus, okBody);
                return true;
        }
    }

    private static string TransactionConflictCancellation(byte[] requestBody)
    {
        var actions = JsonNode.Parse(requestBody)?["TransactItems"]?.AsArray().Count ?? 1;
        var reasons = new JsonArray();
        for (var i = 0; i < actions; i++)
        {
            reasons.Add(i == 0
                ? new JsonObject { ["Code"] = "TransactionConflict", ["Message"] = "Injected conflict" }
                : new JsonObject { ["Code"] = "None" });
        }

        return new JsonObject
        {
            ["__type"] = "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
            ["Message"] = "Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]",
            ["CancellationReasons"] = reasons,
        }.ToJsonString();
    }

    private async Task<(int Status, string Body)> ForwardAsync(string target, byte[] body)
    {
        var operation = target.Contains('.') ? target[(target.LastIndexOf('.') + 1)..] : target;
        Forwarded.Enqueue((operation, Encoding.UTF8.GetString(body)));
        using var message = new HttpRequestMessage(HttpMethod.Post, "/");
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.0");
        message.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        message.Headers.TryAddWithoutValidation(
            "Authorization", "AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await _upstream.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static (byte[] Forward, JsonObject Unprocessed) SplitBatch(byte[] body)
    {
        var request = JsonNode.Parse(body)!.AsObject();
        var unprocessed = new JsonObject();
        foreach (var (table, writes) in request["RequestItems"]!.AsObject().ToList())
        {
            var list = writes!.AsArray();
            var keep = (list.Count + 1) / 2;
            var moved = new JsonArray();
            while (list.Count > keep)
            {
                var last = list[^1]!;
                list.RemoveAt(list.Count - 1);
                moved.Insert(0, last);
            }

            if (moved.Count > 0)
            {
                unprocessed[table] = moved;
            }
        }

        return (Encoding.UTF8.GetBytes(request.ToJsonString()), unprocessed);
    }

    private static string AddUnprocessed(string body, JsonObject unprocessed)
    {
        var response = JsonNode.Parse(body)!.AsObject();
        response["UnprocessedItems"] = unprocessed;
        return response.ToJsonString();
    }

    private static async Task<(string Target, Dictionary<string, string> Headers, byte[] Body)?> ReadRequestAsync(NetworkStream stream)
    {
        var header = new StringBuilder();
        var buffer = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer) == 0)
            {
                return null;
            }

            header.Append((char)buffer[0]);
        }

        var lines = header.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return (headers.GetValueOrDefault("X-Amz-Target") ?? "", headers, body);
    }

    private static async Task WriteResponseAsync(NetworkStream stream, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var reason = status switch { 200 => "OK", 400 => "Bad Request", _ => "Internal Server Error" };
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: {bytes.Length}\r\n"
            + $"x-amzn-RequestId: {Guid.NewGuid()}\r\n\r\n";

        // One write: a head and a body sent separately meet Nagle's algorithm and the client's delayed ACK, which costs
        // some 40 ms per response on Linux loopback.
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(bytes).ToArray());
        await stream.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _upstream.Dispose();
        _stop.Dispose();
    }
}
