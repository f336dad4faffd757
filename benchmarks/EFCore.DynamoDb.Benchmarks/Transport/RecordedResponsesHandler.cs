using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace EFCore.DynamoDb.Benchmarks.Transport;

/// <summary>
///     The HTTP transport of the recorded-response mode. While <see cref="Recording" /> it forwards every request to
///     DynamoDB Local and keeps the response of each read, keyed by operation (<c>X-Amz-Target</c>) and request
///     body; afterwards it answers reads from those recordings and writes with DynamoDB's empty success answer,
///     without any socket, so a benchmark measures the client-side CPU and allocations of a layer only.
/// </summary>
/// <remarks>
///     Request bodies are deterministic for a given workload, including the follow-up pages of a paged Query or
///     Scan (their ExclusiveStartKey comes from the recorded previous page), so one recording pass per process
///     serves every later call. A read whose request was never recorded fails loudly rather than answering wrongly.
///     The same (small) cost of this handler is paid by every layer.
/// </remarks>
public sealed class RecordedResponsesHandler : HttpMessageHandler
{
    private const string TargetPrefix = "DynamoDB_20120810.";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.0");

    /// <summary>What DynamoDB answers to writes that ask for nothing back (no ReturnValues, no consumed capacity).</summary>
    private static readonly Dictionary<string, byte[]> WriteAnswers = new(StringComparer.Ordinal)
    {
        [TargetPrefix + "PutItem"] = "{}"u8.ToArray(),
        [TargetPrefix + "UpdateItem"] = "{}"u8.ToArray(),
        [TargetPrefix + "DeleteItem"] = "{}"u8.ToArray(),
        [TargetPrefix + "TransactWriteItems"] = "{}"u8.ToArray(),
        [TargetPrefix + "BatchWriteItem"] = """{"UnprocessedItems":{}}"""u8.ToArray(),
    };

    private readonly HttpMessageInvoker _server = new(new SocketsHttpHandler(), disposeHandler: true);
    private readonly ConcurrentDictionary<string, RecordedResponse> _recordings = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _log = new();

    /// <summary>True: forward to the server and record. False: answer from the recordings.</summary>
    public bool Recording { get; set; }

    /// <summary>When set, the operation of every request is appended to <see cref="TakeLog" />'s list.</summary>
    public bool LogOperations { get; set; }

    public int RecordingCount => _recordings.Count;

    /// <summary>The operations sent since the last call, in order (e.g. "Query", "Query", "GetItem").</summary>
    public List<string> TakeLog()
    {
        var list = new List<string>();
        while (_log.TryDequeue(out var operation))
        {
            list.Add(operation);
        }

        return list;
    }

    /// <summary>The SDK's synchronous calls (the document model's Search.Count makes one) come here.</summary>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        => SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.FirstOrDefault() ?? "" : "";
        if (LogOperations)
        {
            _log.Enqueue(target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target);
        }

        if (Recording)
        {
            return await RecordAsync(request, target, cancellationToken).ConfigureAwait(false);
        }

        if (WriteAnswers.TryGetValue(target, out var answer))
        {
            // The SDK has already serialized and signed the body; a socket would only copy it out.
            return Respond(request, answer, crc32: null);
        }

        var key = await KeyAsync(request, target, cancellationToken).ConfigureAwait(false);
        if (!_recordings.TryGetValue(key, out var recording))
        {
            throw new InvalidOperationException(
                $"No recorded response for {target} with body {key[(target.Length + 1)..]}. Recorded: {_recordings.Count} "
                + "requests. The workload sends a request it did not send while recording (is it deterministic?).");
        }

        return Respond(request, recording.Body, recording.Crc32);
    }

    private async Task<HttpResponseMessage> RecordAsync(HttpRequestMessage request, string target, CancellationToken cancellationToken)
    {
        // Read the body once and forward a copy: the SDK's content need not be readable twice.
        var sent = request.Content == null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var key = target + "\n" + Encoding.UTF8.GetString(sent);
        if (request.Content != null)
        {
            var content = new ByteArrayContent(sent);
            foreach (var header in request.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Content = content;
        }

        var response = await _server.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK && !WriteAnswers.ContainsKey(target))
        {
            var crc32 = response.Headers.TryGetValues("x-amz-crc32", out var crc) ? crc.FirstOrDefault() : null;
            _recordings[key] = new RecordedResponse(body, crc32);
        }

        // Hand the SDK a fresh response with the bytes we read.
        var copy = new HttpResponseMessage(response.StatusCode) { RequestMessage = request, Content = new ByteArrayContent(body) };
        foreach (var header in response.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var header in response.Content.Headers)
        {
            copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Dispose();
        return copy;
    }

    private static async Task<string> KeyAsync(HttpRequestMessage request, string target, CancellationToken cancellationToken)
    {
        var body = request.Content == null
            ? ""
            : Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        return target + "\n" + body;
    }

    private static HttpResponseMessage Respond(HttpRequestMessage request, byte[] body, string? crc32)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(body) };
        response.Content.Headers.ContentType = JsonContentType;
        response.Content.Headers.ContentLength = body.Length;
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "RECORDED0000000000000000000000000000000000000000000000");
        if (crc32 != null)
        {
            // The SDK checks the body against it, as it does for a live response.
            response.Headers.TryAddWithoutValidation("x-amz-crc32", crc32);
        }

        return response;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _server.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed record RecordedResponse(byte[] Body, string? Crc32);
}
