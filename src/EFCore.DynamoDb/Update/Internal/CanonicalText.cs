using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     A deterministic text form of attribute values (map keys and set members sorted), to compare item keys and to tell
///     whether a retried save sends exactly the requests of the attempt before it.
/// </summary>
internal static class CanonicalText
{
    public static string Of(IReadOnlyDictionary<string, AttributeValue> map)
    {
        var builder = new StringBuilder();
        Append(builder, map);
        return builder.ToString();
    }

    /// <summary>A table and key, e.g. for finding an unprocessed batch item's command.</summary>
    public static string OfKey(string tableName, IReadOnlyDictionary<string, AttributeValue> key)
    {
        // Made for every write of a save (the one-write-per-item check and the batch writer's bookkeeping use it): the usual key,
        // one or two string or number attributes, is formatted straight into its string, exactly as Append would format it.
        if (key is Dictionary<string, AttributeValue> { Count: 1 or 2 } dictionary && TryOfScalarKey(tableName, dictionary) is { } text)
        {
            return text;
        }

        var builder = new StringBuilder(tableName.Length + 128).Append(tableName).Append('|');
        Append(builder, key);
        return builder.ToString();
    }

    private static string? TryOfScalarKey(string tableName, Dictionary<string, AttributeValue> key)
    {
        string? first = null, second = null;
        foreach (var name in key.Keys)
        {
            if (first == null)
            {
                first = name;
            }
            else
            {
                second = name;
            }
        }

        if (second != null && string.CompareOrdinal(first, second) > 0)
        {
            (first, second) = (second, first);
        }

        var firstValue = key[first!];
        var secondValue = second == null ? null : key[second];
        if (!IsScalarText(firstValue) || (secondValue != null && !IsScalarText(secondValue)))
        {
            return null;
        }

        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        text.AppendFormatted(tableName);
        text.AppendLiteral("|{");
        AppendAttribute(ref text, first!, firstValue);
        if (secondValue != null)
        {
            AppendAttribute(ref text, second!, secondValue);
        }

        text.AppendLiteral("}");
        return text.ToStringAndClear();

        static bool IsScalarText(AttributeValue value) => value.S != null || value.N != null;

        static void AppendAttribute(ref DefaultInterpolatedStringHandler text, string name, AttributeValue value)
        {
            AppendString(ref text, name);
            text.AppendLiteral(":");
            if (value.S != null)
            {
                text.AppendLiteral("S");
                AppendString(ref text, value.S);
            }
            else
            {
                text.AppendLiteral("N");
                text.AppendFormatted(value.N);
            }

            text.AppendLiteral(",");
        }

        static void AppendString(ref DefaultInterpolatedStringHandler text, string value)
        {
            text.AppendFormatted(value.Length);
            text.AppendLiteral("\"");
            text.AppendFormatted(value);
        }
    }

    public static void Append(StringBuilder builder, IReadOnlyDictionary<string, AttributeValue>? map)
    {
        if (map == null)
        {
            builder.Append('-');
            return;
        }

        builder.Append('{');
        foreach (var name in SortedNames(map.Keys, map.Count))
        {
            AppendString(builder, name);
            builder.Append(':');
            Append(builder, map[name]);
            builder.Append(',');
        }

        builder.Append('}');
    }

    /// <summary>The names in ordinal order, sorted in place (this runs for every written item's key: no LINQ sort).</summary>
    private static string[] SortedNames(IEnumerable<string> names, int count)
    {
        var sorted = new string[count];
        var i = 0;
        foreach (var name in names)
        {
            sorted[i++] = name;
        }

        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    public static void Append(StringBuilder builder, IReadOnlyDictionary<string, string>? names)
    {
        if (names == null)
        {
            builder.Append('-');
            return;
        }

        foreach (var placeholder in SortedNames(names.Keys, names.Count))
        {
            AppendString(builder, placeholder);
            builder.Append('=');
            AppendString(builder, names[placeholder]);
            builder.Append(',');
        }
    }

    public static void Append(StringBuilder builder, AttributeValue value)
    {
        if (value.S != null)
        {
            builder.Append("S");
            AppendString(builder, value.S);
        }
        else if (value.N != null)
        {
            builder.Append('N').Append(value.N);
        }
        else if (value.B != null)
        {
            builder.Append('B').Append(Convert.ToBase64String(value.B.ToArray()));
        }
        else if (value.BOOL.HasValue)
        {
            builder.Append(value.BOOL.Value ? "T" : "F");
        }
        else if (value.NULL == true)
        {
            builder.Append("0");
        }
        else if (value.IsSSSet)
        {
            builder.Append("SS[");
            foreach (var member in value.SS.Order(StringComparer.Ordinal))
            {
                AppendString(builder, member);
            }

            builder.Append(']');
        }
        else if (value.IsNSSet)
        {
            builder.Append("NS[").AppendJoin(',', value.NS.Order(StringComparer.Ordinal)).Append(']');
        }
        else if (value.IsBSSet)
        {
            builder.Append("BS[").AppendJoin(',', value.BS.Select(b => Convert.ToBase64String(b.ToArray())).Order(StringComparer.Ordinal))
                .Append(']');
        }
        else if (value.IsLSet)
        {
            builder.Append("L[");
            foreach (var element in value.L)
            {
                Append(builder, element);
                builder.Append(',');
            }

            builder.Append(']');
        }
        else if (value.IsMSet)
        {
            builder.Append('M');
            Append(builder, value.M);
        }
        else
        {
            builder.Append('?');
        }
    }

    private static void AppendString(StringBuilder builder, string text)
        => builder.Append(CultureInfo.InvariantCulture, $"{text.Length}").Append('"').Append(text);
}
