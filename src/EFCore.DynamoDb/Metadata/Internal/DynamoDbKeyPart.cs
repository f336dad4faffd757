using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Metadata.Internal;

/// <summary>
///     One key attribute of a table or index (its partition or sort key) and what it holds: one property stored as it is, or
///     the text of a key template over several properties (single-table design: <c>PK = "CUSTOMER#{0}"</c>).
/// </summary>
internal sealed class DynamoDbKeyPart
{
    public DynamoDbKeyPart(string attributeName, IReadOnlyList<IReadOnlyProperty> properties, DynamoDbKeyTemplate? template)
    {
        AttributeName = attributeName;
        Properties = properties;
        Template = template;
    }

    /// <summary>The attribute's name in the item.</summary>
    public string AttributeName { get; }

    /// <summary>The template's properties by hole number, or the one property stored in the attribute.</summary>
    public IReadOnlyList<IReadOnlyProperty> Properties { get; }

    /// <summary>The key template, or null when the attribute holds one property as it is.</summary>
    public DynamoDbKeyTemplate? Template { get; }

    /// <summary>The property stored as it is, when there is no template.</summary>
    public IReadOnlyProperty? Property => Template == null ? Properties[0] : null;

    /// <summary>The key text of these property values (model values, by hole number).</summary>
    public string Format(IReadOnlyList<object> values)
        => Template!.Format(values.Select((v, i) => KeyComponentFormatter.ToText(Properties[i], v, FormatOf(i))).ToList());

    /// <summary>The format of the hole holding property <paramref name="propertyIndex" />.</summary>
    public string? FormatOf(int propertyIndex)
    {
        for (var i = 0; i < Template!.Holes.Count; i++)
        {
            if (Template.Holes[i] == propertyIndex)
            {
                return Template.Formats[i];
            }
        }

        return null;
    }

    /// <summary>The position of property <paramref name="propertyIndex" />'s hole in the template.</summary>
    public int HoleOf(int propertyIndex)
    {
        for (var i = 0; i < Template!.Holes.Count; i++)
        {
            if (Template.Holes[i] == propertyIndex)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The property values a key text holds (by hole number), or null when it does not have the template's form.</summary>
    public object[]? TryParse(string keyText)
    {
        if (Template!.TryParse(keyText) is not { } texts)
        {
            return null;
        }

        var values = new object[Properties.Count];
        for (var i = 0; i < values.Length; i++)
        {
            try
            {
                values[i] = KeyComponentFormatter.FromText(Properties[i], texts[i], FormatOf(i));
            }
            catch (Exception exception) when (exception is FormatException or OverflowException or ArgumentException)
            {
                return null;
            }
        }

        return values;
    }

    public override string ToString()
        => Template == null ? AttributeName : $"{AttributeName} = \"{Template.Text}\" of {string.Join(", ", Properties.Select(p => p.Name))}";
}
