using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Includes;

/// <summary>Reads and writes the key values of entities and items, for the provider's own loading of related entities.</summary>
internal static class ItemPropertyValues
{
    /// <summary>A property's model value in an item (from a key template's text, or its own attribute); null when absent.</summary>
    public static object? Read(IProperty property, Dictionary<string, AttributeValue> item)
    {
        if (DynamoDbKeyParts.TemplateHolding(property) is var (part, index))
        {
            return item.TryGetValue(part.AttributeName, out var key) && key.S is { } text ? part.TryParse(text)?[index] : null;
        }

        return item.TryGetValue(property.GetAttributeName(), out var value) && value.NULL != true
            ? ((DynamoDbTypeMapping)property.GetTypeMapping()).FromAttributeValue(value)
            : null;
    }

    /// <summary>A property's value on an entity instance.</summary>
    public static object? Read(IProperty property, object entity) => property.GetGetter().GetClrValueUsingContainingEntity(entity);

    /// <summary>The key attribute value of <paramref name="part" /> for these property values (by the part's property order).</summary>
    public static AttributeValue KeyValue(DynamoDbKeyPart part, IReadOnlyList<object> values)
        => part.Template != null
            ? new AttributeValue { S = part.Format(values) }
            : ((DynamoDbTypeMapping)((IProperty)part.Property!).GetTypeMapping()).ToAttributeValue(values[0])!;

    /// <summary>Text equal for equal values (numbers and strings by value), to look entities up by key.</summary>
    public static string KeyText(IEnumerable<object?> values)
        => string.Join("\u001f", values.Select(v => v switch
        {
            null => "\u0000",
            decimal d => d.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString(),
        }));
}
