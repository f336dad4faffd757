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
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _faults;

    /// <param name="upstreamUrl">DynamoDB Local's URL.</param>
    /// <param name="policy">Chooses the fault for a request, given its operation (e.g. "PutItem").</param>
    public FaultInjectingProxy(string upstreamUrl, Func<string, Fault> policy)
    {
        _upstream = new HttpClient { BaseAddress = new Uri(upstreamUrl) };
        _policy = policy;
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

    public string Url { get; }

    /// <summary>How many faults were injected so far.</summary>
    public int FaultCount => Volatile.Read(ref _faults);

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
        var fault = _policy(operation);
        if (fault == Fault.PartialBatch && operation != "BatchWriteItem")
        {
            fault = Fault.None;
        }

        if (fault != Fault.None)
        {
            Interlocked.Increment(ref _faults);
        }

        switch (fault)
        {
            case Fault.Throttle:
                await WriteResponseAsync(stream, 400, """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"Injected throttling"}""");
                return true;
            case Fault.ServerError:
                await WriteResponseAsync(stream, 500, """{"__type":"com.amazon.coral.service#InternalFailure","message":"Injected failure"}""");
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

    private async Task<(int Status, string Body)> ForwardAsync(string target, byte[] body)
    {
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
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bytes);
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
