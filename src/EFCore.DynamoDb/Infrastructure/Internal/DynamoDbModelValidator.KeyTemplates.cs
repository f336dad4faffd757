using EFCore.DynamoDb.Metadata.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Infrastructure.Internal;

// The validator's rules for key templates (single-table design).
public partial class DynamoDbModelValidator
{
    /// <summary>Whether the entity type's table keys are key templates.</summary>
    private static bool HasKeyTemplates(IReadOnlyEntityType entityType)
        => entityType.GetRootType()[DynamoDbAnnotationNames.PartitionKeyTemplate] != null
            || entityType.GetRootType()[DynamoDbAnnotationNames.SortKeyTemplate] != null;

    /// <summary>Whether the index's keys are key templates.</summary>
    private static bool HasKeyTemplates(IReadOnlyIndex index)
        => index[DynamoDbAnnotationNames.IndexPartitionKeyTemplate] != null || index[DynamoDbAnnotationNames.IndexSortKeyTemplate] != null;

    /// <summary>
    ///     Checks the key templates of an entity type: a partition key template, its properties and formats, and EF's key equal
    ///     to the properties the table's keys are built from.
    /// </summary>
    protected virtual void ValidateKeyTemplates(IEntityType entityType)
    {
        var type = entityType.DisplayName();
        var partitionKey = DynamoDbKeyParts.PartitionKey(entityType);
        if (partitionKey?.Template == null)
        {
            throw new InvalidOperationException(
                $"The entity type '{type}' has a sort key template but no partition key template. Call HasPartitionKey(\"PK\", x => x.Id, "
                + "\"PREFIX#{0}\") too: a table whose sort key is a template has a partition key built the same way.");
        }

        ValidateKeyPart(type, partitionKey, "partition key");
        var sortKey = DynamoDbKeyParts.SortKey(entityType);
        if (sortKey?.Template != null)
        {
            ValidateKeyPart(type, sortKey, "sort key");
            if (sortKey.AttributeName == partitionKey.AttributeName)
            {
                throw new InvalidOperationException(
                    $"The partition and sort keys of '{type}' are both stored in the attribute '{sortKey.AttributeName}'; give them two "
                    + "attributes, such as PK and SK.");
            }
        }
        else if (sortKey?.Property is IProperty sortKeyProperty)
        {
            ValidateKeyAttributeType(entityType, sortKeyProperty, "sort key");
        }

        var expected = partitionKey.Properties.Concat(sortKey?.Properties ?? []).Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
        var key = entityType.FindPrimaryKey();
        if (key == null || !key.Properties.Select(p => p.Name).Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)))
        {
            throw new InvalidOperationException(
                $"The EF key of '{type}' ({(key == null ? "none" : Names(key.Properties))}) is not the set of properties its key templates "
                + $"are built from ({string.Join(", ", expected.Select(n => "'" + n + "'"))}): EF's key must identify the item its keys "
                + "address. Remove the HasKey call, or build the keys from the key's properties.");
        }
    }

    /// <summary>Checks one templated key part: the properties can be written into it and read back with their formats.</summary>
    private static void ValidateKeyPart(string type, DynamoDbKeyPart part, string role)
    {
        var template = part.Template!;
        for (var i = 0; i < part.Properties.Count; i++)
        {
            var property = part.Properties[i];
            if (!KeyComponentFormatter.Supports(KeyComponentFormatter.StoredType(property)))
            {
                throw new InvalidOperationException(
                    $"The property '{type}.{property.Name}' of type '{property.ClrType.ShortDisplayName()}' is part of the key template "
                    + $"'{template.Text}' of the {role} '{part.AttributeName}', but key templates hold strings, integers, Guids, dates "
                    + "and times, DateOnly and enums (or a property converted to one of those).");
            }

            if (property.IsNullable)
            {
                throw new InvalidOperationException(
                    $"The property '{type}.{property.Name}' is part of the key template '{template.Text}' of the {role} "
                    + $"'{part.AttributeName}' but is nullable; every item needs its key. Make it required.");
            }

            var format = part.FormatOf(i);
            if (format != null && !FormatRoundTrips(property, format))
            {
                throw new InvalidOperationException(
                    $"The format '{format}' of the property '{type}.{property.Name}' in the key template '{template.Text}' of the {role} "
                    + $"'{part.AttributeName}' does not write text that reads back as a value of type "
                    + $"'{KeyComponentFormatter.StoredType(property).ShortDisplayName()}'.");
            }
        }
    }

    /// <summary>Whether a sample value of the property's type survives the format.</summary>
    private static bool FormatRoundTrips(IReadOnlyProperty property, string format)
    {
        var type = KeyComponentFormatter.StoredType(property);
        object sample = type == typeof(string) ? "sample"
            : type == typeof(DateTime) ? new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc)
            : type == typeof(DateTimeOffset) ? new DateTimeOffset(2024, 2, 29, 0, 0, 0, TimeSpan.Zero)
            : type == typeof(DateOnly) ? new DateOnly(2024, 2, 29)
            : type == typeof(Guid) ? Guid.Empty
            : type.IsEnum ? Enum.GetValues(type).GetValue(0)!
            : Convert.ChangeType(7, type, System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var converter = property.GetValueConverter();
            var model = converter == null ? sample : converter.ConvertFromProvider(sample)!;
            var text = KeyComponentFormatter.ToText(property, model, format);
            var back = KeyComponentFormatter.FromText(property, text, format);
            return Equals(converter == null ? back : converter.ConvertToProvider(back), sample);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException or InvalidCastException)
        {
            return false;
        }
    }

    /// <summary>Checks the key templates of an index: its properties can be written into its keys, which differ from the table's.</summary>
    protected virtual void ValidateIndexKeyTemplates(IEntityType entityType, IIndex index)
    {
        var type = entityType.DisplayName();
        var name = index.GetIndexName();
        var partitionKey = DynamoDbKeyParts.IndexPartitionKey(index);
        var sortKey = DynamoDbKeyParts.IndexSortKey(index);
        if (partitionKey == null)
        {
            throw new InvalidOperationException($"The index '{name}' of '{type}' has a sort key template but no partition key.");
        }

        foreach (var (part, role) in new[] { (partitionKey, "partition key"), (sortKey, "sort key") })
        {
            if (part?.Template != null)
            {
                ValidateKeyPart(type, part, $"{role} of index '{name}'");
                if (part.AttributeName == entityType.GetPartitionKeyAttributeName() || part.AttributeName == entityType.GetSortKeyAttributeName())
                {
                    throw new InvalidOperationException(
                        $"The index '{name}' of '{type}' writes its {role} into '{part.AttributeName}', which is a key attribute of the "
                        + "table. Give the index attributes of its own (GSI1PK, GSI1SK...).");
                }
            }
        }
    }

    /// <summary>
    ///     Checks that the entity types of a table without discriminators can be told apart by the literal prefixes of their key
    ///     templates: no prefix may begin another, or an item would read as two types.
    /// </summary>
    protected virtual void ValidateKeyPrefixes(string tableName, IReadOnlyList<IEntityType> entityTypes)
    {
        if (entityTypes.Count < 2 || entityTypes.Any(e => e.FindDiscriminatorProperty() != null))
        {
            return;
        }

        var prefixes = entityTypes.Select(e => (Type: e, Key: Query.Internal.Translation.DiscriminatorFilters.KeyPrefix(e))).ToList();
        foreach (var (entityType, key) in prefixes)
        {
            if (key == null)
            {
                throw new InvalidOperationException(
                    $"The entity type '{entityType.DisplayName()}' shares the table '{tableName}' with {Names(entityTypes.Where(e => e != entityType))}, "
                    + "whose items are told apart by the literal prefixes of their key templates, but its keys have none. Give its sort "
                    + "key template a prefix such as \"TYPE#{0}\", or give the types a discriminator with HasDiscriminator.");
            }
        }

        for (var i = 0; i < prefixes.Count; i++)
        {
            for (var j = 0; j < prefixes.Count; j++)
            {
                var (a, ka) = prefixes[i];
                var (b, kb) = prefixes[j];
                if (i != j && ka!.Value.Attribute == kb!.Value.Attribute && kb.Value.Prefix.StartsWith(ka.Value.Prefix, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"The entity types '{a.DisplayName()}' and '{b.DisplayName()}' share the table '{tableName}', and the key prefix "
                        + $"'{kb.Value.Prefix}' of '{b.DisplayName()}' begins with the prefix '{ka.Value.Prefix}' of '{a.DisplayName()}' "
                        + $"(attribute {ka.Value.Attribute}): an item of '{b.DisplayName()}' would also read as '{a.DisplayName()}'. Use prefixes "
                        + "that do not begin one another (ORDER# and LINE#), or a discriminator.");
                }
            }
        }
    }
}
