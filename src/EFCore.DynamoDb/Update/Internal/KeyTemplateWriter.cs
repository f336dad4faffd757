using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     Writes the attributes key templates build from an entity's properties: the table's partition and sort keys
///     (<c>PK = "CUSTOMER#42"</c>) and the keys of overloaded indexes (<c>GSI1PK = "STATUS#Shipped"</c>). A value whose text would
///     not read back as the same value (a separator inside a string, a time of day a date format drops) is refused before
///     anything is sent: the key would address another item, or read back as another entity.
/// </summary>
internal static class KeyTemplateWriter
{
    /// <summary>The key text of a table key template, from the entry's current or original values.</summary>
    public static AttributeValue ComposeKey(WriteCommand command, InternalEntityEntry entry, DynamoDbKeyPart part, string role, bool original)
    {
        var values = new object[part.Properties.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var property = (IProperty)part.Properties[i];
            values[i] = (original ? entry.GetOriginalValue(property) : entry.GetCurrentValue(property))
                ?? throw new DbUpdateException(
                    $"Cannot save {command.Description}: its {role} '{part.AttributeName}' is built from '{property.Name}', which is null. "
                    + "Every DynamoDB item needs a value for each key attribute.",
                    (Exception?)null,
                    [entry]);
        }

        return new AttributeValue { S = Compose(command, entry, part, values, role) };
    }

    /// <summary>
    ///     The key attribute of an index whose key is a template (one of <see cref="EntityWriteShape.IndexKeyTemplates" />), as the
    ///     entity's current values make it; null when a property it is built from is null (the item is then not in that sparse index).
    /// </summary>
    public static AttributeValue? IndexAttribute(WriteCommand command, InternalEntityEntry entry, IReadOnlyIndex index, DynamoDbKeyPart part)
    {
        var values = new object[part.Properties.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (entry.GetCurrentValue((IProperty)part.Properties[i]) is not { } value)
            {
                return null;
            }

            values[i] = value;
        }

        return new AttributeValue { S = Compose(command, entry, part, values, $"key of index '{index.GetIndexName()}'") };
    }

    /// <summary>Whether any property an index key template is built from changed: its attribute must be written again.</summary>
    public static bool IndexAttributeChanged(InternalEntityEntry entry, DynamoDbKeyPart part)
    {
        foreach (var property in part.Properties)
        {
            if (entry.IsModified((IProperty)property))
            {
                return true;
            }
        }

        return false;
    }

    private static string Compose(WriteCommand command, InternalEntityEntry entry, DynamoDbKeyPart part, IReadOnlyList<object> values, string role)
        => CheckedText(part, values, role, out var text, out var inner) is { } problem
            ? throw new DbUpdateException($"Cannot save {command.Description}: {problem}", inner, [entry])
            : text;

    /// <summary>
    ///     The key text of <paramref name="values" /> (model values by hole number) and null, or what is wrong with it: a value
    ///     the template cannot write, or one that would not read back as itself, an empty key, a key over DynamoDB's size limit.
    /// </summary>
    internal static string? CheckedText(DynamoDbKeyPart part, IReadOnlyList<object> values, string role, out string text, out Exception? inner)
    {
        inner = null;
        try
        {
            text = part.Format(values);
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException)
        {
            text = "";
            inner = exception;
            return $"its {role} '{part.AttributeName}' (template '{part.Template!.Text}') cannot be written: {exception.Message}";
        }

        // The text must read back as the very values it was made of.
        var parsed = part.TryParse(text);
        for (var i = 0; i < values.Count; i++)
        {
            var property = (IProperty)part.Properties[i];
            if (parsed == null || !property.GetKeyValueComparer().Equals(parsed[i], values[i]))
            {
                return $"the value {EntryDescriber.Format(values[i])} of '{property.DeclaringType.DisplayName()}.{property.Name}' does not "
                    + $"survive the key template '{part.Template!.Text}' of its {role} '{part.AttributeName}': the text '{text}' reads back as "
                    + $"{(parsed == null ? "nothing" : EntryDescriber.Format(parsed[i]))}. A string may not contain the literal text that "
                    + "follows it in the template, and a date format must hold the whole value. Nothing was written.";
            }

            if (KeyComponentFormatter.IsInteger(KeyComponentFormatter.StoredType(property))
                && part.FormatOf(i) is ['D' or 'd', ..] && Convert.ToDecimal(values[i], System.Globalization.CultureInfo.InvariantCulture) < 0)
            {
                return $"'{property.DeclaringType.DisplayName()}.{property.Name}' is {values[i]}, but the key template '{part.Template!.Text}' "
                    + "writes it zero-padded so that keys sort like numbers, which negative numbers do not. Nothing was written.";
            }
        }

        if (text.Length == 0)
        {
            return $"its {role} '{part.AttributeName}' would be an empty string, which DynamoDB key attributes cannot be.";
        }

        var isSortKey = role.Contains("sort", StringComparison.Ordinal);
        var limit = isSortKey ? DynamoDbKeyLimits.MaxSortKeyBytes : DynamoDbKeyLimits.MaxPartitionKeyBytes;
        var size = System.Text.Encoding.UTF8.GetByteCount(text);
        if (size > limit)
        {
            return $"its {role} '{part.AttributeName}' would be {size:N0} bytes long ('{text[..Math.Min(40, text.Length)]}…'); DynamoDB "
                + $"limits it to {limit:N0} bytes (strings counted in UTF-8). Nothing was written.";
        }

        return null;
    }
}
