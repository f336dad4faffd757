namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>Exponential backoff with full jitter, as AWS recommends for retrying unprocessed batch items.</summary>
internal static class Backoff
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(5);

    public static TimeSpan Delay(int attempt)
    {
        var ceiling = Math.Min(Cap.TotalMilliseconds, Base.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
