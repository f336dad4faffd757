using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace EFCore.DynamoDb.Tests.Reliability;

/// <summary>
///     One backoff for every wait before a retry: full jitter between zero and min(cap, 50 ms × 2^attempt), used by the
///     execution strategy (capped at its maximum retry delay) and by the resends of unprocessed batch items.
/// </summary>
public class BackoffTests
{
    private const int Samples = 500;

    [Theory]
    [InlineData(0, 50)]
    [InlineData(1, 100)]
    [InlineData(3, 400)]
    [InlineData(8, 10_000)]
    [InlineData(40, 10_000)]
    public void Delays_stay_between_zero_and_the_doubling_ceiling(int attempt, int ceilingMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(ceilingMilliseconds), Backoff.Ceiling(attempt, Backoff.DefaultMaxDelay));
        var delays = Enumerable.Range(0, Samples).Select(_ => Backoff.Delay(attempt)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMilliseconds(ceilingMilliseconds)));
        // Full jitter spreads the waits over the whole range (equal jitter would never wait less than half the ceiling).
        Assert.Contains(delays, d => d < TimeSpan.FromMilliseconds(ceilingMilliseconds / 4.0));
        Assert.Contains(delays, d => d > TimeSpan.FromMilliseconds(ceilingMilliseconds * 3 / 4.0));
    }

    [Fact]
    public void The_execution_strategy_waits_as_the_backoff_says_capped_at_its_maximum_delay()
    {
        using var context = new DbContext(new DbContextOptionsBuilder().UseDynamoDb("http://localhost:1").Options);
        var maxDelay = TimeSpan.FromMilliseconds(120);
        var ceilings = new[] { 50.0, 100.0, 120.0, 120.0 };

        var delays = Enumerable.Range(0, Samples).Select(_ =>
        {
            var strategy = new ProbingStrategy(context, maxRetryCount: ceilings.Length, maxDelay);
            return Enumerable.Range(0, ceilings.Length + 1).Select(_ => strategy.NextDelay()).ToList();
        }).ToList();

        for (var retry = 0; retry < ceilings.Length; retry++)
        {
            var ceiling = TimeSpan.FromMilliseconds(ceilings[retry]);
            var nth = delays.Select(d => d[retry]!.Value).ToList();
            Assert.All(nth, d => Assert.InRange(d, TimeSpan.Zero, ceiling));
            Assert.Contains(nth, d => d < ceiling / 4);
        }

        Assert.All(delays, d => Assert.Null(d[ceilings.Length]));
    }

    private sealed class ProbingStrategy(DbContext context, int maxRetryCount, TimeSpan maxRetryDelay)
        : DynamoDbRetryingExecutionStrategy(context, maxRetryCount, maxRetryDelay)
    {
        public TimeSpan? NextDelay()
        {
            var failure = new TimeoutException();
            ExceptionsEncountered.Add(failure);
            return GetNextDelay(failure);
        }
    }
}
