using System.Text;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;

namespace EFCore.DynamoDb.Storage.Internal.Expressions;

/// <summary>
///     Collects the <c>#name</c> and <c>:value</c> placeholders of one request. Every attribute name goes through a name
///     placeholder (DynamoDB has hundreds of reserved words, and names may hold dots, '#' or ':'), every value through a value
///     placeholder. Placeholders are readable where the name allows (<c>#ForumName</c>) so logs and ToQueryString read well.
/// </summary>
internal sealed class DynamoDbExpressionBuilder
{
    private readonly Dictionary<string, string> _nameToPlaceholder = new(StringComparer.Ordinal);
    private int _valueCount;

    public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, AttributeValue> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The placeholder of an attribute name, e.g. <c>#Views</c>.</summary>
    public string Name(string attributeName)
    {
        if (_nameToPlaceholder.TryGetValue(attributeName, out var placeholder))
        {
            return placeholder;
        }

        placeholder = IsSimple(attributeName) && attributeName.Length <= 32 && !Names.ContainsKey("#" + attributeName)
            ? "#" + attributeName
            : "#n" + Names.Count;
        while (Names.ContainsKey(placeholder))
        {
            placeholder += "_";
        }

        Names[placeholder] = attributeName;
        _nameToPlaceholder[attributeName] = placeholder;
        return placeholder;
    }

    /// <summary>The document path of nested map members and list elements, e.g. <c>#Address.#City</c> or <c>#Scores[0]</c>.</summary>
    public string Path(IReadOnlyList<PathSegment> segments)
    {
        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            switch (segment)
            {
                case MapKeySegment key:
                    if (builder.Length > 0)
                    {
                        builder.Append('.');
                    }

                    builder.Append(Name(key.Name));
                    break;
                case ListIndexSegment index:
                    builder.Append('[').Append(index.Index).Append(']');
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>The placeholder of a value, e.g. <c>:v0</c>.</summary>
    public string Value(AttributeValue value)
    {
        var placeholder = ":v" + _valueCount++;
        Values[placeholder] = value;
        return placeholder;
    }

    /// <summary>The names, or null when there are none (DynamoDB rejects an empty map).</summary>
    public Dictionary<string, string>? NamesOrNull => Names.Count == 0 ? null : Names;

    /// <summary>The values, or null when there are none (DynamoDB rejects an empty map).</summary>
    public Dictionary<string, AttributeValue>? ValuesOrNull => Values.Count == 0 ? null : Values;

    private static bool IsSimple(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
