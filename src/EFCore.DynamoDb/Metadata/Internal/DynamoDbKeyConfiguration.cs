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
        ApplyPrimaryKey(entityType, fromDataAnnotation);
    }

    public static void SetSortKey(IConventionEntityType entityType, string propertyName, bool fromDataAnnotation)
    {
        entityType.SetAnnotation(DynamoDbAnnotationNames.SortKeyProperty, propertyName, fromDataAnnotation);
        ApplyPrimaryKey(entityType, fromDataAnnotation);
    }

    /// <summary>
    ///     The names EF's primary key should have: (partition key[, sort key]); null while the partition key is unknown.
    /// </summary>
    public static string[]? KeyPropertyNames(IReadOnlyEntityType entityType)
    {
        var partitionKeyName = (string?)entityType[DynamoDbAnnotationNames.PartitionKeyProperty];
        var sortKeyName = (string?)entityType[DynamoDbAnnotationNames.SortKeyProperty];
        if (partitionKeyName == null)
        {
            // HasSortKey before HasPartitionKey (or on top of HasKey): keep the current first key property as partition key.
            if (sortKeyName == null || entityType.FindPrimaryKey() is not { } existing || existing.Properties[0].Name == sortKeyName)
            {
                return null;
            }

            partitionKeyName = existing.Properties[0].Name;
        }

        return sortKeyName == null || sortKeyName == partitionKeyName ? [partitionKeyName] : [partitionKeyName, sortKeyName];
    }

    /// <summary>Sets EF's primary key to (partition key[, sort key]) once the partition key is known.</summary>
    public static void ApplyPrimaryKey(IConventionEntityType entityType, bool fromDataAnnotation)
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

        entityType.Builder.PrimaryKey(properties, fromDataAnnotation);
    }
}
