namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     Exponential backoff with full jitter before resending the unprocessed items of a BatchWriteItem (DynamoDB returns them
///     under throttling; resending at once would be throttled again): a random wait between 0 and min(5 s, 50 ms × 2^attempt).
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
