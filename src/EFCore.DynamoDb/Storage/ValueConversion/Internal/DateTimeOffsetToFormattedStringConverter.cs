using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Storage.ValueConversion.Internal;

/// <summary>
///     Stores a DateTimeOffset as its UTC instant in a configured format (<c>HasDateTimeFormat</c>); the offset is not kept, as
///     with the default form. Reading accepts that format and any ISO-8601 text.
/// </summary>
internal sealed class DateTimeOffsetToFormattedStringConverter : ValueConverter<DateTimeOffset, string>, IDateTimeTextConverter
{
    public DateTimeOffsetToFormattedStringConverter(DateTimeTextFormat format)
        : base(v => ToProvider(v, format), v => FromProvider(v, format))
        => TextFormat = format;

    public DateTimeTextFormat TextFormat { get; }

    public DateTime ToUtc(object modelValue) => ((DateTimeOffset)modelValue).UtcDateTime;

    public object FromUtc(DateTime utc) => new DateTimeOffset(utc);

    public static string ToProvider(DateTimeOffset value, DateTimeTextFormat format)
        => DateTimeToFormattedStringConverter.WriteExactly(value.UtcDateTime, format);

    public static DateTimeOffset FromProvider(string text, DateTimeTextFormat format)
        => format.TryRead(text, out var utc) ? new DateTimeOffset(utc) : DateTimeOffsetToSortableStringConverter.FromProvider(text);
}
