using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Storage.ValueConversion.Internal;

/// <summary>
///     Stores a DateTime as fixed-width UTC text, yyyy-MM-ddTHH:mm:ss.fffffffZ.
/// </summary>
// DynamoDB compares S values byte by byte, so range conditions and sort keys only work if text
// order equals time order: hence one time zone (UTC) and fixed width (all seven fraction digits).
// Local values are converted and Unspecified ones taken as UTC, so the same instant always
// produces the same text; values read back have Kind Utc.
internal sealed class DateTimeToSortableStringConverter : ValueConverter<DateTime, string>
{
    public const int Length = 28;

    public DateTimeToSortableStringConverter()
        : base(v => ToProvider(v), v => FromProvider(v))
    {
    }

    public static string ToProvider(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

        // The round-trip format of a UTC DateTime is exactly the fixed-width form, and is fast-pathed.
        return utc.ToString("O", CultureInfo.InvariantCulture);
    }

    public static DateTime FromProvider(string text)
    {
        if (text.Length == Length
            && DateTime.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var exact)
            && exact.Kind == DateTimeKind.Utc)
        {
            return exact;
        }

        // Items written by other tools, e.g. PynamoDB's "2024-01-02T03:04:05.123456+0000".
        return IsoDateTimeText.ParseToUtc(text).UtcDateTime;
    }
}
