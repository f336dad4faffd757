using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Storage.ValueConversion.Internal;

/// <summary>
///     Stores a TimeSpan as fixed-width text whose byte order is the TimeSpan's order.
/// </summary>
// Non-negative values are written as dddddddd.hh:mm:ss.fffffff (eight day digits fit
// TimeSpan.MaxValue), which stays human-readable. A plain minus sign would sort -2 after -1, so a
// negative value is written as '-' followed by the same form of (MaxValue.Ticks + ticks + 1): '-'
// sorts before every digit, and the more negative the value the smaller that complement.
// TimeSpan.MinValue becomes "-00000000.00:00:00.0000000" and -1 tick "-10675199.02:48:05.4775807".
internal sealed class TimeSpanToSortableStringConverter : ValueConverter<TimeSpan, string>
{
    private const int NonNegativeLength = 25;

    public TimeSpanToSortableStringConverter()
        : base(v => ToProvider(v), v => FromProvider(v))
    {
    }

    public static string ToProvider(TimeSpan value)
    {
        var ticks = value.Ticks;
        return ticks >= 0
            ? FormatTicks(ticks, negative: false)
            : FormatTicks(long.MaxValue + ticks + 1, negative: true);
    }

    public static TimeSpan FromProvider(string text)
    {
        if (text.Length == NonNegativeLength && TryParseTicks(text, out var ticks))
        {
            return new TimeSpan(ticks);
        }

        if (text.Length == NonNegativeLength + 1 && text[0] == '-' && TryParseTicks(text.AsSpan(1), out var complement))
        {
            // Evaluated left to right this cannot overflow: complement - MaxValue is at most zero.
            return new TimeSpan(complement - long.MaxValue - 1);
        }

        // Other tools' TimeSpan text, such as "1.02:03:04" or "-00:00:05" (.NET's "c" format).
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var other)
            ? other
            : throw new FormatException($"'{text}' is not a TimeSpan in the form dddddddd.hh:mm:ss.fffffff.");
    }

    private static string FormatTicks(long ticks, bool negative)
        => string.Create(
            negative ? NonNegativeLength + 1 : NonNegativeLength,
            (ticks, negative),
            static (span, state) =>
            {
                var (t, neg) = state;
                if (neg)
                {
                    span[0] = '-';
                    span = span[1..];
                }

                WriteDigits(span[..8], t / TimeSpan.TicksPerDay);
                span[8] = '.';
                WriteDigits(span.Slice(9, 2), t / TimeSpan.TicksPerHour % 24);
                span[11] = ':';
                WriteDigits(span.Slice(12, 2), t / TimeSpan.TicksPerMinute % 60);
                span[14] = ':';
                WriteDigits(span.Slice(15, 2), t / TimeSpan.TicksPerSecond % 60);
                span[17] = '.';
                WriteDigits(span.Slice(18, 7), t % TimeSpan.TicksPerSecond);
            });

    private static void WriteDigits(Span<char> destination, long value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }

    private static bool TryParseTicks(ReadOnlySpan<char> text, out long ticks)
    {
        ticks = 0;
        if (text[8] != '.' || text[11] != ':' || text[14] != ':' || text[17] != '.'
            || !TryReadDigits(text[..8], out var days)
            || !TryReadDigits(text.Slice(9, 2), out var hours) || hours >= 24
            || !TryReadDigits(text.Slice(12, 2), out var minutes) || minutes >= 60
            || !TryReadDigits(text.Slice(15, 2), out var seconds) || seconds >= 60
            || !TryReadDigits(text.Slice(18, 7), out var fraction))
        {
            return false;
        }

        // Eight day digits can exceed TimeSpan's range ("99999999.00:00:00.0000000").
        var total = (UInt128)(ulong)days * TimeSpan.TicksPerDay
            + (ulong)(hours * TimeSpan.TicksPerHour + minutes * TimeSpan.TicksPerMinute + seconds * TimeSpan.TicksPerSecond + fraction);
        if (total > long.MaxValue)
        {
            throw new OverflowException($"'{text}' is outside the range of TimeSpan.");
        }

        ticks = (long)total;
        return true;
    }

    private static bool TryReadDigits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }
}
