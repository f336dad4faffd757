using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Microsoft.EntityFrameworkCore.Storage;

/// <summary>
///     Retries what DynamoDB says is retryable (throttling, <c>ProvisionedThroughputExceeded</c>, <c>RequestLimitExceeded</c>,
///     5xx, transaction conflicts, dropped connections) with exponential backoff and full jitter. It runs on top of the AWS
///     SDK's own retries: the SDK retries each HTTP call a few times quickly; this strategy retries the whole EF operation
///     (a SaveChanges, or one page of a query) after the SDK gave up, with longer waits.
/// </summary>
public class DynamoDbRetryingExecutionStrategy : ExecutionStrategy
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(50);

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

    /// <summary>Full-jitter exponential backoff: a random delay between zero and 50 ms × 2^attempt, capped.</summary>
    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        var attempt = ExceptionsEncountered.Count - 1;
        if (attempt >= MaxRetryCount)
        {
            return null;
        }

        var ceiling = Math.Min(MaxRetryDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt + 1));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.NextDouble() / 2));
    }
}
