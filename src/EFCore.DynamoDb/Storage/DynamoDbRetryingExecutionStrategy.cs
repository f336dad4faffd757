using EFCore.DynamoDb.Diagnostics.Internal;
using EFCore.DynamoDb.Storage.Internal;

namespace Microsoft.EntityFrameworkCore.Storage;

/// <summary>
///     Retries what DynamoDB says is retryable (throttling, <c>ProvisionedThroughputExceeded</c>, <c>RequestLimitExceeded</c>,
///     5xx, transaction conflicts, dropped connections, timeouts) with exponential backoff and full jitter. It runs on top of
///     the AWS SDK's own retries: the SDK retries each HTTP call a few times quickly; this strategy retries the whole EF
///     operation (a SaveChanges, or one page of a query) after the SDK gave up, with longer waits.
/// </summary>
/// <remarks>
///     Before retry <c>n</c> (1, 2, ...) it waits a random time between zero and min(<c>maxRetryDelay</c>, 50 ms × 2^(n - 1)):
///     up to 50 ms, 100 ms, 200 ms and so on, never more than <c>maxRetryDelay</c>. Each retry is counted in the
///     <see cref="Microsoft.EntityFrameworkCore.Diagnostics.DynamoDbDiagnostics.RetriesMetric" /> metric.
/// </remarks>
public class DynamoDbRetryingExecutionStrategy : ExecutionStrategy
{
    /// <summary>Creates the strategy with 6 retries and at most 10 seconds between attempts.</summary>
    public DynamoDbRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies)
        : this(dependencies, DefaultMaxRetryCount, TimeSpan.FromSeconds(10))
    {
    }

    /// <summary>Creates the strategy.</summary>
    public DynamoDbRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay)
        : base(dependencies, maxRetryCount, maxRetryDelay)
    {
    }

    /// <summary>Creates the strategy for a context, for use outside of EF's service provider.</summary>
    public DynamoDbRetryingExecutionStrategy(DbContext context, int maxRetryCount, TimeSpan maxRetryDelay)
        : base(context, maxRetryCount, maxRetryDelay)
    {
    }

    /// <inheritdoc />
    protected override bool ShouldRetryOn(Exception exception) => DynamoDbTransientErrors.IsTransient(exception);

    /// <summary>
    ///     Full-jitter exponential backoff: before retry n, a random delay between zero and min(MaxRetryDelay, 50 ms × 2^(n - 1));
    ///     null once <see cref="ExecutionStrategy.MaxRetryCount" /> retries were made.
    /// </summary>
    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        var attempt = ExceptionsEncountered.Count - 1;
        return attempt >= MaxRetryCount ? null : Backoff.Delay(attempt, MaxRetryDelay);
    }

    /// <inheritdoc />
    protected override void OnRetry()
    {
        DynamoDbTelemetry.StrategyRetrying(ExceptionsEncountered[^1]);
        base.OnRetry();
    }
}
