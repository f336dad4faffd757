using System.Runtime.CompilerServices;
using Amazon.Runtime;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     What the AWS SDK did with one request, attempt by attempt: whether an attempt failed in a way that leaves its outcome
///     unknown (the connection dropped after the request was sent, a timeout, a 5xx) before the SDK retried it on its own.
/// </summary>
/// <remarks>
///     The SDK retries a request after such a failure without telling its caller (both its ordinary retries and its
///     "stale connection" retries, which happen even with <c>MaxErrorRetry = 0</c>). For a conditional write that matters: if
///     the first attempt was applied and only its response was lost, the retry's condition fails on the write's own effect.
///     The update pipeline asks this log whether that can have happened before it reads a failed condition as an "already
///     applied" write; without the log it could only report a false duplicate or conflict.
/// </remarks>
internal sealed class SdkAttemptLog
{
    private static readonly ConditionalWeakTable<AmazonWebServiceRequest, SdkAttemptLog> Logs = new();

    private int _attempts;
    private int _unknownOutcomes;

    /// <summary>Attempts the SDK made so far (0 when the client cannot be observed).</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Whether an attempt that failed may nevertheless have been applied.</summary>
    public bool HadUnknownOutcome => Volatile.Read(ref _unknownOutcomes) > 0;

    /// <summary>Starts observing <paramref name="request" />; its attempts are recorded if the client is the provider's own.</summary>
    public static SdkAttemptLog Observe(AmazonWebServiceRequest request)
    {
        var log = new SdkAttemptLog();
        Logs.AddOrUpdate(request, log);
        return log;
    }

    internal static void Record(AmazonWebServiceRequest request, Exception? failure)
    {
        if (Logs.TryGetValue(request, out var log))
        {
            Interlocked.Increment(ref log._attempts);
            if (failure != null && DynamoDbTransientErrors.IsOutcomeUnknown(failure))
            {
                Interlocked.Increment(ref log._unknownOutcomes);
            }
        }
    }
}
