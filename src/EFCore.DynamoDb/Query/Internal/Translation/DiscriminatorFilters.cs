using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>
///     The condition that keeps a query to the items of its entity type (and derived types) when a table holds items of
///     several types: single-table design or an inheritance hierarchy.
/// </summary>
internal static class DiscriminatorFilters
{
    /// <summary>The filter a query of <paramref name="entityType" /> needs, or null when every item of its table is one of its types.</summary>
    public static FilterNode? For(IEntityType entityType)
    {
        var root = entityType.GetRootType();
        var sharesTable = root.Model.GetEntityTypes()
            .Any(e => e.BaseType == null && !e.IsOwned() && e != root && e.GetTableName() == root.GetTableName());
        if (!sharesTable && entityType == root)
        {
            return null;
        }

        // In a single-table design without a discriminator, the key template's literal prefix tells the types apart.
        return ForTypes(entityType) ?? (sharesTable && entityType == root ? KeyPrefixFilter(root) : null);
    }

    /// <summary>
    ///     <c>begins_with(SK, "ORDER#")</c>: the items of an entity type recognized by its sort key template's literal prefix (or
    ///     its partition key template's, without a sort key template), in a shared table whose items carry no discriminator.
    /// </summary>
    public static FilterNode? KeyPrefixFilter(IEntityType root)
        => KeyPrefix(root) is var (attribute, prefix)
            ? new BeginsWithFilter(
                new PathOperand([new MapKeySegment(attribute)], null, DynamoDbValueMapping.ForText("key template text")),
                new ConstantOperand(prefix, DynamoDbValueMapping.ForText("key template text")))
            : null;

    /// <summary>The key attribute and the literal prefix an entity type's items are recognized by, if any.</summary>
    public static (string Attribute, string Prefix)? KeyPrefix(IReadOnlyEntityType root)
    {
        foreach (var part in new[] { DynamoDbKeyParts.SortKey(root), DynamoDbKeyParts.PartitionKey(root) })
        {
            if (part?.Template is { Prefix.Length: > 0 } template)
            {
                return (part.AttributeName, template.Prefix);
            }
        }

        return null;
    }

    /// <summary>The discriminator condition for <paramref name="entityType" /> and its derived types.</summary>
    public static FilterNode? ForTypes(IEntityType entityType)
    {
        var discriminator = entityType.FindDiscriminatorProperty();
        if (discriminator == null)
        {
            return null;
        }

        var values = entityType.GetConcreteDerivedTypesInclusive().Select(t => t.GetDiscriminatorValue()).ToList();
        var path = new PathOperand([new MapKeySegment(discriminator.GetAttributeName())], discriminator, DynamoDbValueMapping.ForProperty(discriminator));
        return values.Count == 1
            ? new ComparisonFilter(ComparisonOperator.Equal, path, new ConstantOperand(values[0], path.Mapping))
            : new InFilter(path, new ConstantOperand(values, path.Mapping));
    }
}
