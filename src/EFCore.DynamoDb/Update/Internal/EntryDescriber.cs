using System.Collections;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Update;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     Names entities, keys and values in error messages. Values appear only with sensitive data logging enabled
///     (<c>EnableSensitiveDataLogging</c>), as in EF's own messages; otherwise the message says they are hidden.
/// </summary>
internal sealed class EntryDescriber(bool sensitive)
{
    private const int MaxValueLength = 80;
    private const int MaxElements = 10;

    public const string HiddenHint = "key values hidden; call EnableSensitiveDataLogging to see them";

    public bool Sensitive { get; } = sensitive;

    /// <summary>"'Thread' with key (ForumName='a', Subject='b')" for the entry's root entity type.</summary>
    public string Describe(IUpdateEntry entry, bool original = false)
    {
        var entityType = entry.EntityType;
        var key = entityType.FindPrimaryKey();
        if (key == null)
        {
            return $"'{entityType.DisplayName()}'";
        }

        if (!Sensitive)
        {
            return $"'{entityType.DisplayName()}' with key ({string.Join(", ", key.Properties.Select(p => p.Name))}; {HiddenHint})";
        }

        var parts = key.Properties.Select(p =>
            p.Name + "=" + Format(original && entry.CanHaveOriginalValue(p) ? entry.GetOriginalValue(p) : entry.GetCurrentValue(p)));
        return $"'{entityType.DisplayName()}' with key ({string.Join(", ", parts)})";
    }

    /// <summary>"the value NaN" with sensitive data logging, else "a value".</summary>
    public string TheValue(object? value) => Sensitive ? "the value " + Format(value) : "a value";

    /// <summary>A value as it reads in a message, or "(hidden)".</summary>
    public string Value(object? value) => Sensitive ? Format(value) : "(hidden)";

    public static string Format(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case string text:
                return "'" + Truncate(text) + "'";
            case byte[] bytes:
                return bytes.Length <= 32 ? "0x" + Convert.ToHexString(bytes) : $"0x{Convert.ToHexString(bytes, 0, 32)}... ({bytes.Length} bytes)";
            case char c:
                return "'" + c + "'";
            case DateTime dateTime:
                return dateTime.ToString("O", CultureInfo.InvariantCulture);
            case DateTimeOffset dateTimeOffset:
                return dateTimeOffset.ToString("O", CultureInfo.InvariantCulture);
            case double d:
                return d.ToString("R", CultureInfo.InvariantCulture);
            case float f:
                return f.ToString("R", CultureInfo.InvariantCulture);
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            case IDictionary dictionary:
                return "{" + string.Join(", ", dictionary.Keys.Cast<object?>().Take(MaxElements).Select(k => Format(k) + ": " + Format(dictionary[k!])))
                    + (dictionary.Count > MaxElements ? ", ..." : "") + "}";
            case IEnumerable enumerable:
                var elements = enumerable.Cast<object?>().Take(MaxElements + 1).ToList();
                return "[" + string.Join(", ", elements.Take(MaxElements).Select(Format)) + (elements.Count > MaxElements ? ", ..." : "") + "]";
            default:
                return Truncate(value.ToString() ?? value.GetType().Name);
        }
    }

    /// <summary>"Thread.Views" or "Thread.Posts[2].Score" for a property reached through a path.</summary>
    public static string PropertyPath(string path, IReadOnlyPropertyBase property)
        => path.Length == 0 ? property.Name : path + "." + property.Name;

    private static string Truncate(string text)
    {
        if (text.Length <= MaxValueLength)
        {
            return text;
        }

        var builder = new StringBuilder(text, 0, MaxValueLength, MaxValueLength + 32);
        builder.Append("...(").Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters)");
        return builder.ToString();
    }
}
