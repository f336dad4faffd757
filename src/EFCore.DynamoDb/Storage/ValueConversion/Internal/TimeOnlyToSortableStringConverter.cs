using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Storage.ValueConversion.Internal;

/// <summary>
///     Stores a TimeOnly as fixed-width HH:mm:ss.fffffff, whose text order is time order.
/// </summary>
internal sealed class TimeOnlyToSortableStringConverter : ValueConverter<TimeOnly, string>
{
    private const string Format = "HH':'mm':'ss'.'fffffff";

    // Shorter forms written by other tools ("12:30", "12:30:05", "12:30:05.5") are read too.
    private static readonly string[] ReadFormats = [Format, "HH':'mm", "HH':'mm':'ss", "HH':'mm':'ss'.'FFFFFFF"];

    public TimeOnlyToSortableStringConverter()
        : base(v => ToProvider(v), v => FromProvider(v))
    {
    }

    public static string ToProvider(TimeOnly value) => value.ToString(Format, CultureInfo.InvariantCulture);

    public static TimeOnly FromProvider(string text)
        => TimeOnly.TryParseExact(text, ReadFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a time of day in the form HH:mm:ss.fffffff.");
}
