using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Storage.ValueConversion.Internal;

/// <summary>
///     Stores a DateTimeOffset as its UTC instant in fixed-width text, yyyy-MM-ddTHH:mm:ss.fffffff+00:00.
/// </summary>
// The offset is deliberately not kept: keeping it would make text order differ from instant order
// (10:00+02:00 is earlier than 09:00+00:00). DateTimeOffset's own equality and ordering already
// follow the instant only, so a value read back (with offset zero) is Equal to the one written.
internal sealed class DateTimeOffsetToSortableStringConverter : ValueConverter<DateTimeOffset, string>
{
    public const int Length = 33;

    public DateTimeOffsetToSortableStringConverter()
        : base(v => ToProvider(v), v => FromProvider(v))
    {
    }

    public static string ToProvider(DateTimeOffset value)
        => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset FromProvider(string text)
    {
        if (text.Length == Length
            && DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            return exact.ToUniversalTime();
        }

        return IsoDateTimeText.ParseToUtc(text);
    }
}
