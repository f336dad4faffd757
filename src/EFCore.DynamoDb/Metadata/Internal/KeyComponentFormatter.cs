using System.Globalization;
using EFCore.DynamoDb.Internal;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Metadata.Internal;

/// <summary>
///     Writes one property's value into a key template's hole and reads it back: strings as they are, numbers in invariant
///     culture (with the hole's format, e.g. <c>D10</c>), dates and times in the hole's format (UTC; ISO-8601 when none),
///     Guids lowercase, enums by name (by number with <c>D</c>). A property with a value converter is written as its provider
///     value.
/// </summary>
internal static class KeyComponentFormatter
{
    /// <summary>The sortable, fixed-width text of a DateTime hole without a format.</summary>
    public const string DefaultDateTimeFormat = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    private const string DefaultDateOnlyFormat = "yyyy-MM-dd";

    /// <summary>Whether values of this CLR type can be a template hole.</summary>
    public static bool Supports(Type clrType)
    {
        var type = clrType.UnwrapNullableType();
        return type == typeof(string) || type == typeof(Guid) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
            || type == typeof(DateOnly) || type.IsEnum || IsInteger(type);
    }

    /// <summary>The CLR type the hole's text is written from: the provider type of a property's own value converter, if any.</summary>
    public static Type StoredType(IReadOnlyProperty property)
        => (property.GetValueConverter()?.ProviderClrType ?? property.ClrType).UnwrapNullableType();

    /// <summary>The text of <paramref name="value" /> (a model value of <paramref name="property" />) in a hole.</summary>
    public static string ToText(IReadOnlyProperty property, object value, string? format)
    {
        var converter = property.GetValueConverter();
        var stored = converter == null ? value : converter.ConvertToProvider(value)!;
        return stored switch
        {
            string s => s,
            Guid g => g.ToString(format ?? "D", CultureInfo.InvariantCulture),
            DateTime d => ToUtc(d).ToString(format ?? DefaultDateTimeFormat, CultureInfo.InvariantCulture),
            DateTimeOffset o => o.UtcDateTime.ToString(format ?? DefaultDateTimeFormat, CultureInfo.InvariantCulture),
            DateOnly d => d.ToString(format ?? DefaultDateOnlyFormat, CultureInfo.InvariantCulture),
            Enum e => format == null ? e.ToString() : e.ToString(format),
            IFormattable number => number.ToString(format, CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException(
                $"The property '{property.DeclaringType.DisplayName()}.{property.Name}' of type '{stored.GetType().Name}' cannot be part of a key template."),
        };
    }

    /// <summary>The model value a hole's text holds, or throws <see cref="FormatException" />.</summary>
    public static object FromText(IReadOnlyProperty property, string text, string? format)
    {
        var type = StoredType(property);
        object stored;
        if (type == typeof(string))
        {
            stored = text;
        }
        else if (type == typeof(Guid))
        {
            stored = Guid.ParseExact(text, format ?? "D");
        }
        else if (type == typeof(DateTime))
        {
            stored = DateTime.ParseExact(
                text, format ?? DefaultDateTimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        }
        else if (type == typeof(DateTimeOffset))
        {
            stored = new DateTimeOffset(DateTime.SpecifyKind(
                DateTime.ParseExact(
                    text, format ?? DefaultDateTimeFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                DateTimeKind.Utc));
        }
        else if (type == typeof(DateOnly))
        {
            stored = DateOnly.ParseExact(text, format ?? DefaultDateOnlyFormat, CultureInfo.InvariantCulture);
        }
        else if (type.IsEnum)
        {
            stored = Enum.Parse(type, text);
        }
        else
        {
            stored = Convert.ChangeType(
                decimal.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), type, CultureInfo.InvariantCulture);
        }

        var converter = property.GetValueConverter();
        return converter == null ? stored : converter.ConvertFromProvider(stored)!;
    }

    /// <summary>
    ///     Whether the hole's text sorts like the property's values, so that a range of values is a range of key texts: fixed
    ///     width (a zero-padded format of a non-negative number, a date format) or the last hole of a string.
    /// </summary>
    public static bool IsOrderPreserving(IReadOnlyProperty property, string? format, bool isLastHole)
    {
        var type = StoredType(property);
        if (type == typeof(string))
        {
            return isLastHole;
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return format == null || IsSortableDateFormat(format);
        }

        if (type == typeof(DateOnly))
        {
            return format == null || IsSortableDateFormat(format);
        }

        return IsInteger(type) && format is ['D' or 'd', .. var width] && width.Length > 0;
    }

    /// <summary>Whether a number is one of the integer types.</summary>
    public static bool IsInteger(Type type)
        => Type.GetTypeCode(type) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32
            or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64;

    private static DateTime ToUtc(DateTime value)
        => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    // A date format sorts like time when its fields run from the most significant down, at fixed width: yyyy, MM, dd, HH, mm,
    // ss, f... with literal separators between them.
    private static bool IsSortableDateFormat(string format)
    {
        string[] order = ["yyyy", "MM", "dd", "HH", "mm", "ss"];
        var position = 0;
        var next = 0;
        while (position < format.Length)
        {
            var c = format[position];
            if (char.IsAsciiLetter(c))
            {
                if (next < order.Length && string.CompareOrdinal(format, position, order[next], 0, order[next].Length) == 0)
                {
                    position += order[next].Length;
                    next++;
                    continue;
                }

                if (c == 'f' && next == order.Length)
                {
                    position++;
                    continue;
                }

                if (c is 'T' or 'Z')
                {
                    position++;
                    continue;
                }

                return false;
            }

            position++;
        }

        return next > 0;
    }
}
