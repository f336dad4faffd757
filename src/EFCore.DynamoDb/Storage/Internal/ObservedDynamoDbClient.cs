using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace EFCore.DynamoDb.Storage.Internal;

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
