namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Exponential backoff with full jitter, as AWS recommends, before resending what DynamoDB left unprocessed (the
///     UnprocessedItems of a BatchWriteItem, the UnprocessedKeys of a BatchGetItem; it returns them under throttling or past
///     16 MB, and resending at once would meet the same limit): a random wait between 0 and min(5 s, 50 ms × 2^attempt).
///     Failed requests are retried by the execution strategy, with its own delays.
/// </summary>
internal static class Backoff
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public static TimeSpan Delay(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
