using EFCore.DynamoDb.Storage.Internal.Codecs;
using System.Globalization;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Storage.ValueConversion.Internal;

/// <summary>
///     Stores a DateTime as its UTC instant in a configured format (<c>HasDateTimeFormat</c>), for tables other tools share:
///     DynamoDBContext writes <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, PynamoDB <c>yyyy-MM-ddTHH:mm:ss.ffffff+0000</c>. Reading accepts
///     that format and, for items other writers stored differently, any ISO-8601 text.
/// </summary>
// Kinds are handled as by the default converter: Local is converted, Unspecified is taken as UTC, values read back are Utc.
// A value the format cannot hold exactly (more fraction digits than it keeps) is refused rather than cut: a cut value
// would differ from the tracked entity's, so the same item could be tracked twice under two keys, and a key lookup with
// the value the application holds would name another key than the one stored.
internal sealed class DateTimeToFormattedStringConverter : ValueConverter<DateTime, string>, IDateTimeTextConverter
{
    public DateTimeToFormattedStringConverter(DateTimeTextFormat format)
        : base(v => ToProvider(v, format), v => FromProvider(v, format))
        => TextFormat = format;

    public DateTimeTextFormat TextFormat { get; }

    public DateTime ToUtc(object modelValue) => ToUtc((DateTime)modelValue);

    public object FromUtc(DateTime utc) => utc;

    public static string ToProvider(DateTime value, DateTimeTextFormat format) => WriteExactly(ToUtc(value), format);

    public static DateTime FromProvider(string text, DateTimeTextFormat format)
        => format.TryRead(text, out var utc) ? utc : DateTimeToSortableStringConverter.FromProvider(text);

    private static DateTime ToUtc(DateTime value)
        => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>The text of <paramref name="utc" />; refuses a value the format would not give back unchanged.</summary>
    internal static string WriteExactly(DateTime utc, DateTimeTextFormat format)
    {
        var text = format.Write(utc);
        if (!format.TryRead(text, out var read) || read.Ticks != utc.Ticks)
        {
            throw new UnstorableValueException(
                $"the date and time format '{format.Format}' holds it only as '{text}'"
                + (read == default ? "" : $" ({read.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'", CultureInfo.InvariantCulture)} when read back)")
                + ", and the provider does not cut values; truncate it to what the format holds before saving (e.g. to whole "
                + "milliseconds: value.AddTicks(-(value.Ticks % TimeSpan.TicksPerMillisecond))), or configure a format with more "
                + "digits");
        }

        return text;
    }
}
