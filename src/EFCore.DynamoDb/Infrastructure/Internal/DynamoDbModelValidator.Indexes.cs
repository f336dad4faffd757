using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Metadata.Conventions;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Infrastructure.Internal;

// The validator's secondary index rules.
public partial class DynamoDbModelValidator
{
    /// <summary>Checks each secondary index: its key properties, name, projection, throughput and (for local ones) the table key.</summary>
    protected virtual void ValidateIndexes(IEntityType entityType)
    {
        foreach (var index in entityType.GetDeclaredIndexes())
        {
            var name = index.GetIndexName();
            var type = entityType.DisplayName();
            if (entityType.IsOwned())
            {
                throw new InvalidOperationException(
                    $"The index '{name}' is declared on the owned type '{type}'; DynamoDB indexes can only use "
                    + "top-level attributes of an item. Declare it on the owner, on a property of the owner.");
            }

            var root = entityType.GetRootType();
            var hierarchy = root.GetDerivedTypesInclusive().ToHashSet();
            foreach (var property in index.Properties)
            {
                if (property.DeclaringType is not IEntityType declaring || !hierarchy.Contains(declaring))
                {
                    throw new InvalidOperationException(
                        $"The index '{name}' of '{type}' names the property '{property.DeclaringType.DisplayName()}."
                        + $"{property.Name}', which is not a property of '{type}' or its hierarchy.");
                }
            }

            if (!TableNameRules.IsValidName(name))
            {
                throw new InvalidOperationException(
                    $"The index name '{name}' of '{type}' (on {Names(index.Properties)}) is not a valid DynamoDB index name: it must "
                    + $"have {TableNameRules.MinLength} to {TableNameRules.MaxLength} characters, each a letter, digit, '_', '-' or '.'.");
            }

            if (index.IsUnique)
            {
                throw new InvalidOperationException(
                    $"The index '{name}' of '{type}' on {Names(index.Properties)} is unique, but DynamoDB secondary indexes cannot "
                    + "enforce uniqueness. Remove IsUnique().");
            }

            if (HasKeyTemplates(index))
            {
                ValidateIndexKeyTemplates(entityType, index);
                ValidateProjection(entityType, index);
                continue;
            }

            if (index.Properties.Count > 2)
            {
                throw new InvalidOperationException(
                    $"The index '{name}' of '{type}' has {index.Properties.Count} properties ({Names(index.Properties)}); a DynamoDB "
                    + "index has a partition key and at most one sort key.");
            }

            if (index.IsLocalSecondaryIndex())
            {
                ValidateLocalIndex(entityType, index);
            }

            var indexPartitionKey = (IProperty)index.GetIndexPartitionKeyProperty()!;
            ValidateKeyAttributeType(entityType, indexPartitionKey, $"partition key of index '{name}'");
            var indexSortKey = (IProperty?)index.GetIndexSortKeyProperty();
            if (indexSortKey != null)
            {
                ValidateKeyAttributeType(entityType, indexSortKey, $"sort key of index '{name}'");
                if (indexSortKey == indexPartitionKey)
                {
                    throw new InvalidOperationException(
                        $"The property '{indexSortKey.DeclaringType.DisplayName()}.{indexSortKey.Name}' cannot be both the partition "
                        + $"key and the sort key of index '{name}' of '{type}'.");
                }
            }

            ValidateProjection(entityType, index);
        }
    }

    /// <summary>Checks a local secondary index: the table's partition key, a table with a sort key, its own sort key.</summary>
    protected virtual void ValidateLocalIndex(IEntityType entityType, IIndex index)
    {
        var name = index.GetIndexName();
        var type = entityType.DisplayName();
        var root = entityType.GetRootType();
        var tablePartitionKey = root.GetPartitionKeyProperty();
        if (index.Properties.Count == 2 && index.Properties[0] != tablePartitionKey)
        {
            throw new InvalidOperationException(
                $"The local secondary index '{name}' of '{type}' has the partition key '{index.Properties[0].Name}', but a local index "
                + $"must use the table's partition key '{tablePartitionKey?.Name}'. Make '{tablePartitionKey?.Name}' its first "
                + "property, or make it a global index (remove IsLocalSecondaryIndex).");
        }

        var tableSortKey = root.GetSortKeyProperty();
        if (tableSortKey == null)
        {
            throw new InvalidOperationException(
                $"The local secondary index '{name}' of '{type}' is on a table without a sort key; DynamoDB only allows local "
                + $"indexes on tables with a sort key. Give '{root.DisplayName()}' a sort key, or make '{name}' a global index.");
        }

        var sortKey = index.GetIndexSortKeyProperty();
        if (sortKey != null && sortKey.GetAttributeName() == tableSortKey.GetAttributeName())
        {
            throw new InvalidOperationException(
                $"The local secondary index '{name}' of '{type}' has the sort key '{sortKey.Name}', which is already the table's sort "
                + "key; a local index must sort by another attribute.");
        }

        if (index[DynamoDbAnnotationNames.IndexProvisionedThroughput] != null)
        {
            throw new InvalidOperationException(
                $"The local secondary index '{name}' of '{type}' configures provisioned throughput, but local indexes use the "
                + "table's capacity. Remove HasProvisionedThroughput from the index.");
        }
    }

    /// <summary>Checks an index's projection: INCLUDE names at least one property, and only scalar properties of its hierarchy.</summary>
    protected virtual void ValidateProjection(IEntityType entityType, IIndex index)
    {
        var name = index.GetIndexName();
        var type = entityType.DisplayName();
        var declared = DynamoDbIndexExtensions.GetDeclaredProjection(index);
        var included = index[DynamoDbAnnotationNames.IndexIncludedProperties] as string[] ?? [];
        if (declared == DynamoDbIndexProjection.Include && included.Length == 0)
        {
            throw new InvalidOperationException(
                $"The index '{name}' of '{type}' has an INCLUDE projection but includes no property. Name them with "
                + "IncludeProperties(...), or choose HasProjection(DynamoDbIndexProjection.KeysOnly).");
        }

        if (declared != DynamoDbIndexProjection.Include && included.Length > 0)
        {
            throw new InvalidOperationException(
                $"The index '{name}' of '{type}' includes the properties {string.Join(", ", included.Select(n => "'" + n + "'"))} but its "
                + $"projection is {declared}; included properties need the Include projection.");
        }

        var hierarchy = entityType.GetRootType().GetDerivedTypesInclusive().ToList();
        foreach (var propertyName in included)
        {
            if (hierarchy.All(t => t.FindProperty(propertyName) == null))
            {
                var owner = entityType.Model.GetEntityTypes().FirstOrDefault(t => !hierarchy.Contains(t) && t.FindDeclaredProperty(propertyName) != null);
                throw new InvalidOperationException(
                    $"The index '{name}' of '{type}' includes the property '{propertyName}', which is not a property of '{type}' or "
                    + "its hierarchy" + (owner == null ? "" : $" (it is a property of '{owner.DisplayName()}')")
                    + ". An index can only project attributes of the items of its own entity type.");
            }
        }
    }
}
