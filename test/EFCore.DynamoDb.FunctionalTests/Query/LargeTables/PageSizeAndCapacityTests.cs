using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace EFCore.DynamoDb.FunctionalTests.Query.LargeTables;

/// <summary>
///     WithPageSize sets DynamoDB's Limit per request; WithReadCapacityLimit paces requests by the capacity DynamoDB reports
///     consumed. The pacing is checked against a clock the test controls: no wall-clock timing.
/// </summary>
public partial class PageSizeAndCapacityTests(LargeTableFixture fixture) : IClassFixture<LargeTableFixture>
{
    [Fact]
    public async Task WithPageSize_sends_requests_of_that_many_items()
    {
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        var events = await context.Events.AsNoTracking().Where(e => e.Device == "D07").WithPageSize(10).ToListAsync();
        Assert.Equal(fixture.Events.Count(e => e.Device == "D07"), events.Count);
        var requests = fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest);
        Assert.All(requests, r => Assert.Contains("Limit: 10", r, StringComparison.Ordinal));
        Assert.True(requests.Count >= events.Count / 10, $"{requests.Count} requests for {events.Count} items");
    }

    [Fact]
    public async Task WithPageSize_does_not_change_what_Take_returns()
    {
        await using var context = fixture.CreateContext();
        var actual = await context.Events.AsNoTracking().Where(e => e.Device == "D08" && e.Kind == "warning").OrderBy(e => e.Sequence)
            .WithPageSize(3).Take(5).Select(e => e.Sequence).ToListAsync();
        Assert.Equal(
            fixture.Events.Where(e => e.Device == "D08" && e.Kind == "warning").OrderBy(e => e.Sequence).Take(5).Select(e => e.Sequence),
            actual);
    }

    [Fact]
    public async Task The_read_capacity_limit_keeps_consumption_per_second_under_the_limit()
    {
        const double limit = 5;
        var clock = new RecordingLoggerFactory();
        await using var context = fixture.CreateContext(o => o
            .ReplaceService<TimeProvider, ManualTimeProvider>()
            .UseLoggerFactory(clock));
        clock.Time = context.GetService<TimeProvider>() as ManualTimeProvider;

        var events = await context.Events.AsNoTracking().WithScan().WithPageSize(100).WithReadCapacityLimit(limit).ToListAsync();
        Assert.Equal(LargeTableFixture.EventCount, events.Count);

        // Before each request, the capacity consumed so far fits in the time elapsed at the limit's rate.
        var consumed = 0.0;
        var requests = 0;
        foreach (var (id, message, now) in clock.Entries)
        {
            if (id == DynamoDbEventId.ExecutingRequest.Id)
            {
                requests++;
                Assert.True(consumed <= limit * now.TotalSeconds + 1e-9, $"{consumed} units consumed after {now.TotalSeconds} s");
            }
            else if (id == DynamoDbEventId.ExecutedRequest.Id)
            {
                consumed += double.Parse(CapacityPattern().Match(message).Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        Assert.True(requests >= 20, $"{requests} requests");
        Assert.True(consumed > limit, "the scan consumed more than one second's worth, so the limit had to pace it");
        Assert.True(clock.Time!.Elapsed.TotalSeconds >= (consumed - consumed / requests * 1.5) / limit, "the requests were spread out");
    }

    [GeneratedRegex(@"([0-9.]+) capacity units")]
    private static partial Regex CapacityPattern();

    /// <summary>A clock that only moves when something waits on it, by exactly the time waited.</summary>
    public sealed class ManualTimeProvider : TimeProvider
    {
        private long _ticks;

        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch + Elapsed;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                Interlocked.Add(ref _ticks, dueTime.Ticks);
            }

            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new NoTimer();
        }

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => default;
        }
    }

    /// <summary>Records each event with the manual clock's time when it was logged.</summary>
    private sealed class RecordingLoggerFactory : ILoggerFactory, ILogger
    {
        private readonly List<(int Id, string Message, TimeSpan Now)> _entries = [];

        public ManualTimeProvider? Time { get; set; }

        public IReadOnlyList<(int Id, string Message, TimeSpan Now)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return _entries.ToList();
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
            {
                _entries.Add((eventId.Id, formatter(state, exception), Time?.Elapsed ?? TimeSpan.Zero));
            }
        }
    }
}
