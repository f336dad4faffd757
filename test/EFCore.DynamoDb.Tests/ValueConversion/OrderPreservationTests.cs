using System.Text;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;

namespace EFCore.DynamoDb.Tests.ValueConversion;

/// <summary>
///     DynamoDB compares S values as UTF-8 bytes, so the stored text must order exactly as the CLR values do.
/// </summary>
public class OrderPreservationTests
{
    private const int Count = 300;

    // A fixed seed keeps failures reproducible; the extremes are always included.
    private readonly Random _random = new(20240102);

    private long RandomTicks(long min, long max) => _random.NextInt64(min, max);

    [Fact]
    public void DateTime_text_orders_like_DateTime()
    {
        var values = new List<DateTime> { DateTime.MinValue, DateTime.MaxValue, DateTime.UnixEpoch, DateTime.MinValue.AddTicks(1), DateTime.MaxValue.AddTicks(-1) };
        while (values.Count < Count)
        {
            values.Add(new DateTime(RandomTicks(0, DateTime.MaxValue.Ticks), DateTimeKind.Utc));
        }

        AssertOrderPreserved(values, DateTimeToSortableStringConverter.ToProvider);
    }

    [Fact]
    public void DateTimeOffset_text_orders_like_DateTimeOffset_across_offsets()
    {
        var values = new List<DateTimeOffset> { DateTimeOffset.MinValue, DateTimeOffset.MaxValue, DateTimeOffset.UnixEpoch };
        while (values.Count < Count)
        {
            var offset = TimeSpan.FromMinutes(_random.Next(-14 * 60, 14 * 60 + 1));
            var utcTicks = RandomTicks(TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay);
            values.Add(new DateTimeOffset(utcTicks + offset.Ticks, offset));
        }

        AssertOrderPreserved(values, DateTimeOffsetToSortableStringConverter.ToProvider);
    }

    [Fact]
    public void DateOnly_text_orders_like_DateOnly()
    {
        var values = new List<DateOnly> { DateOnly.MinValue, DateOnly.MaxValue };
        while (values.Count < Count)
        {
            values.Add(DateOnly.FromDayNumber(_random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber + 1)));
        }

        AssertOrderPreserved(values, DateOnlyToSortableStringConverter.ToProvider);
    }

    [Fact]
    public void TimeOnly_text_orders_like_TimeOnly()
    {
        var values = new List<TimeOnly> { TimeOnly.MinValue, TimeOnly.MaxValue };
        while (values.Count < Count)
        {
            values.Add(new TimeOnly(RandomTicks(0, TimeOnly.MaxValue.Ticks + 1)));
        }

        AssertOrderPreserved(values, TimeOnlyToSortableStringConverter.ToProvider);
    }

    [Fact]
    public void TimeSpan_text_orders_like_TimeSpan_including_negative_values()
    {
        var values = new List<TimeSpan>
        {
            TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromTicks(-1),
            TimeSpan.MinValue + TimeSpan.FromTicks(1), TimeSpan.MaxValue - TimeSpan.FromTicks(1),
            TimeSpan.FromDays(-1), TimeSpan.FromDays(1), TimeSpan.FromHours(-25), TimeSpan.FromSeconds(-0.5),
        };
        while (values.Count < Count)
        {
            // Mix whole-range values with small ones, where sign handling matters most.
            values.Add(_random.Next(2) == 0
                ? new TimeSpan(_random.NextInt64(long.MinValue, long.MaxValue))
                : new TimeSpan(_random.NextInt64(-TimeSpan.TicksPerDay * 3, TimeSpan.TicksPerDay * 3)));
        }

        AssertOrderPreserved(values, TimeSpanToSortableStringConverter.ToProvider);
    }

    private static void AssertOrderPreserved<T>(List<T> values, Func<T, string> toProvider)
        where T : IComparable<T>
    {
        var stored = values.Select(toProvider).ToList();

        // Every pair, not just a sort: a sort can hide an inversion between values it never compares.
        for (var i = 0; i < values.Count; i++)
        {
            for (var j = 0; j < values.Count; j++)
            {
                var expected = Math.Sign(values[i].CompareTo(values[j]));
                var ordinal = Math.Sign(string.CompareOrdinal(stored[i], stored[j]));
                if (expected != ordinal)
                {
                    Assert.Fail($"{values[i]} vs {values[j]}: CLR order {expected} but text order {ordinal} ('{stored[i]}' vs '{stored[j]}')");
                }
            }
        }

        // DynamoDB orders by UTF-8 bytes; sorting by them must give the CLR order too.
        var byClr = values.Select((v, i) => (v, i)).OrderBy(p => p.v).Select(p => stored[p.i]).ToList();
        var byBytes = stored.OrderBy(s => Encoding.UTF8.GetBytes(s), Utf8BytesComparer.Instance).ToList();
        Assert.Equal(byClr, byBytes);

        // All forms are fixed width (TimeSpan: per sign), which is what makes text order work.
        Assert.True(stored.Select(s => s.TrimStart('-').Length).Distinct().Count() == 1);
    }

    private sealed class Utf8BytesComparer : IComparer<byte[]>
    {
        public static readonly Utf8BytesComparer Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
