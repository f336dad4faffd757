using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

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

/// <summary>
///     The SDK client the provider creates (for <c>UseDynamoDb(url)</c> and <c>UseDynamoDb(o => o.Region(...))</c>): an
///     ordinary <see cref="AmazonDynamoDBClient" /> whose pipeline also reports each attempt of an observed request to its
///     <see cref="SdkAttemptLog" />. The SDK's retry behaviour is unchanged. A client the application passes to
///     <c>UseDynamoDb(client)</c> cannot be observed.
/// </summary>
internal sealed class ObservedDynamoDbClient : AmazonDynamoDBClient
{
    public ObservedDynamoDbClient(AmazonDynamoDBConfig config)
        : base(config)
    {
    }

    public ObservedDynamoDbClient(AWSCredentials credentials, AmazonDynamoDBConfig config)
        : base(credentials, config)
    {
    }

    /// <summary>
    ///     Adds the observer right inside the SDK's retry handler, so it runs once per attempt (the handlers inside the retry
    ///     handler sign, send and unmarshal one attempt).
    /// </summary>
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        try
        {
            pipeline.AddHandlerAfter<RetryHandler>(new AttemptObserver());
        }
        catch (InvalidOperationException)
        {
            // No retry handler (a future SDK may arrange its pipeline differently): nothing is observed, and the pipeline
            // treats every failed condition as someone else's write, as it does for a client the application supplies.
        }
    }

    private sealed class AttemptObserver : PipelineHandler
    {
        public override void InvokeSync(IExecutionContext executionContext)
        {
            try
            {
                base.InvokeSync(executionContext);
            }
            catch (Exception exception)
            {
                SdkAttemptLog.Record(executionContext.RequestContext.OriginalRequest, exception);
                throw;
            }

            SdkAttemptLog.Record(executionContext.RequestContext.OriginalRequest, null);
        }

        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            T result;
            try
            {
                result = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                SdkAttemptLog.Record(executionContext.RequestContext.OriginalRequest, exception);
                throw;
            }

            SdkAttemptLog.Record(executionContext.RequestContext.OriginalRequest, null);
            return result;
        }
    }
}
