using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Metadata.Internal;

/// <summary>
///     Keeps EF's primary key equal to DynamoDB's key schema: the partition key, then the sort key if there is one. Both the
///     fluent API and the <c>[PartitionKey]</c>/<c>[SortKey]</c> convention go through here.
/// </summary>
internal static class DynamoDbKeyConfiguration
{
    public static void SetPartitionKey(IConventionEntityType entityType, string propertyName, bool fromDataAnnotation)
    {
        entityType.SetAnnotation(DynamoDbAnnotationNames.PartitionKeyProperty, propertyName, fromDataAnnotation);
        ApplyPrimaryKey(entityType);
    }

    public static void SetSortKey(IConventionEntityType entityType, string propertyName, bool fromDataAnnotation)
    {
        entityType.SetAnnotation(DynamoDbAnnotationNames.SortKeyProperty, propertyName, fromDataAnnotation);
        ApplyPrimaryKey(entityType);
    }

    /// <summary>
    ///     The names EF's primary key should have: (partition key[, sort key]); null while the partition key is unknown.
    ///     Naming only one of the two keeps the other from the current EF key, so <c>HasSortKey</c> before
    ///     <c>HasPartitionKey</c>, and either after <c>HasKey(x => new { x.A, x.B })</c>, change just the key they name.
    /// </summary>
    public static string[]? KeyPropertyNames(IReadOnlyEntityType entityType)
    {
        // Key templates: EF's key is every property the partition and sort key texts are built from.
        if (entityType[DynamoDbAnnotationNames.PartitionKeyProperties] is string[] partitionKeyProperties)
        {
            var sortKeyProperties = entityType[DynamoDbAnnotationNames.SortKeyProperties] as string[]
                ?? (entityType[DynamoDbAnnotationNames.SortKeyProperty] is string sortKeyProperty ? [sortKeyProperty] : []);
            return partitionKeyProperties.Concat(sortKeyProperties).Distinct(StringComparer.Ordinal).ToArray();
        }

        var partitionKeyName = (string?)entityType[DynamoDbAnnotationNames.PartitionKeyProperty];
        var sortKeyName = (string?)entityType[DynamoDbAnnotationNames.SortKeyProperty];
        var existing = entityType.FindPrimaryKey()?.Properties;
        if (partitionKeyName == null)
        {
            if (sortKeyName == null || existing == null || existing[0].Name == sortKeyName)
            {
                return null;
            }

            partitionKeyName = existing[0].Name;
        }
        else if (sortKeyName == null && existing is { Count: 2 } && existing[1].Name != partitionKeyName)
        {
            sortKeyName = existing[1].Name;
        }

        return sortKeyName == null || sortKeyName == partitionKeyName ? [partitionKeyName] : [partitionKeyName, sortKeyName];
    }

    /// <summary>
    ///     Sets EF's primary key to (partition key[, sort key]) once the partition key is known. This runs at convention level:
    ///     a key from <c>[PartitionKey]</c>/<c>[SortKey]</c> is not a data-annotation key in EF's sense (EF refuses composite
    ///     keys from attributes other than <c>[PrimaryKey]</c>), and an explicit <c>HasKey</c> still wins, so that a conflict
    ///     reaches the model validator, which names both.
    /// </summary>
    public static void ApplyPrimaryKey(IConventionEntityType entityType)
    {
        if (entityType.BaseType != null || entityType.IsOwned() || KeyPropertyNames(entityType) is not { } names)
        {
            return;
        }

        var current = entityType.FindPrimaryKey();
        if (current != null && current.Properties.Select(p => p.Name).SequenceEqual(names))
        {
            return;
        }

        var properties = new List<IConventionProperty>(names.Length);
        foreach (var name in names)
        {
            if (entityType.FindProperty(name) is not { } property)
            {
                return;
            }

            properties.Add(property);
        }

        entityType.Builder.PrimaryKey(properties);
    }
}
