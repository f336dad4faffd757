using System.Collections.Concurrent;
using System.Globalization;

namespace EFCore.DynamoDb.Storage.ValueConversion.Internal;

/// <summary>
///     A .NET custom date and time format that dates are stored in (<c>HasDateTimeFormat</c>), applied to the UTC instant with
///     the invariant culture, and what follows from it: whether its text sorts like time (so that range conditions and
///     <c>OrderBy</c> can be sent to DynamoDB, which compares strings byte by byte), whether a value fits it exactly, and the
///     nearest value below one that does not fit.
/// </summary>
// A format sorts like time only when every field has a fixed number of digits and the fields run from the year down to the
// fraction: "yyyy-MM-ddTHH:mm:ss.fffZ" does; "yyyy-MM-ddTHH:mm:ss.FFFZ" does not (0.5 s is written ".5Z" and 0.52 s ".52Z",
// and 'Z' sorts after '2'), nor does "dd/MM/yyyy". Offsets ('z', 'K') are refused:
// a DateTime's 'z' is the offset of the machine the application runs on, so the same instant would be stored differently
// on two machines. Values are always UTC: write the zone as a literal ("'Z'", "'+0000'").
internal sealed class DateTimeTextFormat
{
    private static readonly ConcurrentDictionary<string, DateTimeTextFormat> Cache = new(StringComparer.Ordinal);

    /// <summary>The fields of a sortable format, most significant first, with their digit counts (0: one to seven 'f').</summary>
    private static readonly (char Letter, int Count)[] SortableOrder = [('y', 4), ('M', 2), ('d', 2), ('H', 2), ('m', 2), ('s', 2), ('f', 0)];

    private DateTimeTextFormat(string format)
    {
        Format = format;
        var fields = Tokenize(format);
        UnsortableReason = WhyNotSortable(format, fields);
    }

    /// <summary>The format string, e.g. <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public string Format { get; }

    /// <summary>Whether text in this format sorts like the instants it holds (fixed width, year to fraction).</summary>
    public bool IsSortable => UnsortableReason == null;

    /// <summary>Why text in this format does not sort like time, for messages; null when it does.</summary>
    public string? UnsortableReason { get; }

    /// <summary>
    ///     The format for <paramref name="format" />; throws <see cref="ArgumentException" /> naming the problem when it is not a
    ///     usable format (an offset specifier, or text that cannot be read back).
    /// </summary>
    public static DateTimeTextFormat Get(string format)
    {
        ArgumentException.ThrowIfNullOrEmpty(format);
        return Cache.GetOrAdd(format, static f => Validate(new DateTimeTextFormat(f)));
    }

    /// <summary>The text of a UTC instant.</summary>
    public string Write(DateTime utc) => utc.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Reads text written in exactly this format as a UTC instant.</summary>
    public bool TryRead(string text, out DateTime utc)
    {
        if (DateTime.TryParseExact(
                text,
                Format,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out utc))
        {
            utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
            return true;
        }

        return false;
    }

    /// <summary>Whether the format holds <paramref name="utc" /> exactly: its text reads back as the same instant.</summary>
    public bool Holds(DateTime utc) => TryRead(Write(utc), out var read) && read.Ticks == utc.Ticks;

    /// <summary>
    ///     For a sortable format, the greatest value it holds that is not after <paramref name="utc" />: what the text of
    ///     <paramref name="utc" /> reads back as, since such a format cuts the digits it has no room for. No value the format
    ///     holds lies between the two, so <c>x &lt; utc</c> is <c>x &lt;= below</c> and <c>x &gt; utc</c> is <c>x &gt; below</c>.
    /// </summary>
    public bool TryFloor(DateTime utc, out DateTime below)
    {
        if (IsSortable && TryRead(Write(utc), out below) && below <= utc)
        {
            return true;
        }

        below = default;
        return false;
    }

    private static DateTimeTextFormat Validate(DateTimeTextFormat format)
    {
        foreach (var (letter, _) in Tokenize(format.Format))
        {
            if (letter is 'z' or 'K')
            {
                throw new ArgumentException(
                    $"The date and time format '{format.Format}' contains the offset specifier '{letter}'. Dates are stored as their UTC "
                    + "instant, and a DateTime's offset specifier writes the offset of the machine the application runs on; write the "
                    + "zone as a literal instead, e.g. 'Z' or '+0000' in quotes (\"yyyy-MM-ddTHH:mm:ss.fff'Z'\").",
                    nameof(format));
            }
        }

        var sample = new DateTime(2024, 11, 28, 16, 28, 34, DateTimeKind.Utc);
        if (!format.TryRead(format.Write(sample), out _))
        {
            throw new ArgumentException(
                $"Text written in the date and time format '{format.Format}' cannot be read back with it (e.g. "
                + $"'{format.Write(sample)}'); use a format that DateTime.ParseExact can read.",
                nameof(format));
        }

        return format;
    }

    /// <summary>The specifier runs of a custom format (letter and repeat count), skipping literals, quotes and escapes.</summary>
    private static List<(char Letter, int Count)> Tokenize(string format)
    {
        var fields = new List<(char, int)>();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            switch (c)
            {
                case '\'' or '"':
                    // A quoted literal; a backslash inside escapes the next character.
                    for (i++; i < format.Length && format[i] != c; i++)
                    {
                        if (format[i] == '\\')
                        {
                            i++;
                        }
                    }

                    break;
                case '\\':
                    i++;
                    break;
                case '%':
                    // "%d" is the one-letter specifier d; the next iteration reads it.
                    break;
                case 'y' or 'M' or 'd' or 'H' or 'h' or 'm' or 's' or 'f' or 'F' or 't' or 'z' or 'K' or 'g':
                    var count = 1;
                    while (i + 1 < format.Length && format[i + 1] == c)
                    {
                        count++;
                        i++;
                    }

                    fields.Add((c, count));
                    break;
            }
        }

        return fields;
    }

    private static string? WhyNotSortable(string format, List<(char Letter, int Count)> fields)
    {
        var expected = 0;
        foreach (var (letter, count) in fields)
        {
            if (expected >= SortableOrder.Length || letter != SortableOrder[expected].Letter)
            {
                return $"its fields are not fixed-width digits running from the year down ({Describe(format)})";
            }

            var digits = SortableOrder[expected].Count;
            if (digits != 0 && count != digits || digits == 0 && count > 7)
            {
                return $"its field '{new string(letter, count)}' does not always have {(digits == 0 ? "the same number of" : digits.ToString(CultureInfo.InvariantCulture))} digits ({Describe(format)})";
            }

            expected++;
        }

        return expected == 0 ? $"it holds no date ({Describe(format)})" : null;
    }

    private static string Describe(string format)
        => "text in the format '" + format + "' sorts like time only with yyyy, MM, dd, HH, mm, ss and f… in that order";

    public override string ToString() => Format;
}
