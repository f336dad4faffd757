namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     The provider's one backoff: exponential with full jitter, as AWS recommends. Before retry number <c>attempt + 1</c>
///     (attempt counts from 0) it waits a random time between 0 and min(cap, 50 ms × 2^attempt): up to 50 ms, 100 ms, 200 ms
///     and so on. Used by the execution strategy (<see cref="Microsoft.EntityFrameworkCore.Storage.DynamoDbRetryingExecutionStrategy" />,
///     capped at its maximum retry delay) and before resending what DynamoDB left unprocessed (the UnprocessedItems of a
///     BatchWriteItem, the UnprocessedKeys of a BatchGetItem; it returns them under throttling or past 16 MB, and resending at
///     once would meet the same limit), capped at <see cref="DefaultMaxDelay" />.
/// </summary>
internal static class Backoff
{
    /// <summary>The first retry's ceiling; each further retry doubles it.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait by default: the execution strategy's default maximum retry delay.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(10);

    public static TimeSpan Delay(int attempt) => Delay(attempt, DefaultMaxDelay);

    public static TimeSpan Delay(int attempt, TimeSpan maxDelay)
        => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Ceiling(attempt, maxDelay).TotalMilliseconds);

    /// <summary>The longest wait before retry number <paramref name="attempt" /> + 1.</summary>
    public static TimeSpan Ceiling(int attempt, TimeSpan maxDelay)
        => TimeSpan.FromMilliseconds(
            Math.Min(maxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 16))));
}
