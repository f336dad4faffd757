using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Storage.ValueConversion.Internal;

/// <summary>
///     Stores a DateOnly as yyyy-MM-dd, whose text order is date order.
/// </summary>
internal sealed class DateOnlyToSortableStringConverter : ValueConverter<DateOnly, string>
{
    private const string Format = "yyyy'-'MM'-'dd";

    public DateOnlyToSortableStringConverter()
        : base(v => ToProvider(v), v => FromProvider(v))
    {
    }

    public static string ToProvider(DateOnly value) => value.ToString(Format, CultureInfo.InvariantCulture);

    public static DateOnly FromProvider(string text)
        => DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a date in the form yyyy-MM-dd.");
}
