namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     Exponential backoff with full jitter for the retries the update pipeline runs itself (writes without a transaction are
///     not under EF's execution strategy): a random wait between 0 and min(5 s, 50 ms × 2^attempt).
/// </summary>
internal static class Backoff
{
    /// <summary>How many times a write is sent at most when it keeps failing transiently.</summary>
    public const int MaxTransientAttempts = 8;

    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public static TimeSpan Delay(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    public static Task WaitAsync(int attempt, CancellationToken cancellationToken) => Task.Delay(Delay(attempt), cancellationToken);
}
