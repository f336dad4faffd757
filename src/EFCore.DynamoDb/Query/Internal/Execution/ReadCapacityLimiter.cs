namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     Paces the requests of one query execution so that the read capacity they consume stays within a number of units per
///     second (PynamoDB's rate-limited scan): before each request it waits until the capacity consumed so far fits the time
///     elapsed. An export or a backfill then does not throttle the table's other readers.
/// </summary>
internal sealed class ReadCapacityLimiter(double unitsPerSecond, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private double _consumed;

    /// <summary>The capacity consumed so far.</summary>
    public double Consumed => Volatile.Read(ref _consumed);

    /// <summary>Waits until the capacity consumed so far is within the limit for the time elapsed.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var due = TimeSpan.FromSeconds(Consumed / unitsPerSecond);
        var elapsed = time.GetElapsedTime(_started);
        return due > elapsed ? Task.Delay(due - elapsed, time, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Records what a response consumed.</summary>
    public void Record(double? capacityUnits)
    {
        if (capacityUnits is not > 0)
        {
            return;
        }

        double current, updated;
        do
        {
            current = Volatile.Read(ref _consumed);
            updated = current + capacityUnits.Value;
        }
        while (Interlocked.CompareExchange(ref _consumed, updated, current) != current);
    }
}
