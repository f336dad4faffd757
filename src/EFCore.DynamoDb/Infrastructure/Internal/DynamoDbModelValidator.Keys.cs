using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Metadata.Conventions;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Infrastructure.Internal;

// The validator's key schema rules.
public partial class DynamoDbModelValidator
{
    /// <inheritdoc />
    protected override void ValidateNoMutableKeys(IModel model, IDiagnosticsLogger<DbLoggerCategory.Model.Validation> logger)
    {
        // The ordinal key of an owned collection element is rewritten on every save of its owner; other keys are immutable.
        foreach (var entityType in model.GetEntityTypes())
        {
            foreach (var key in entityType.GetDeclaredKeys())
            {
                var mutable = key.Properties.FirstOrDefault(p => p.ValueGenerated.HasFlag(ValueGenerated.OnUpdate)
                    && !DynamoDbValueGenerationConvention.IsOwnedCollectionOrdinal(entityType, p));
                if (mutable != null)
                {
                    throw new InvalidOperationException(
                        $"The key property '{entityType.DisplayName()}.{mutable.Name}' is configured to be generated on update, "
                        + "but DynamoDB keys cannot change once an item is written.");
                }
            }
        }
    }

    /// <summary>
    ///     Checks that the entity type has a partition key and at most a sort key, that they agree with EF's key, and that
    ///     both are stored as S, N or B.
    /// </summary>
    protected virtual void ValidateKeys(IEntityType entityType)
    {
        if (HasKeyTemplates(entityType))
        {
            ValidateKeyTemplates(entityType);
            return;
        }

        var type = entityType.DisplayName();
        var partitionKeyName = entityType.GetPartitionKeyPropertyName();
        var sortKeyName = entityType.GetSortKeyPropertyName();
        if (partitionKeyName != null && entityType.FindProperty(partitionKeyName) == null)
        {
            throw new InvalidOperationException(
                $"The partition key of '{type}' is configured as '{partitionKeyName}', which is not a property of '{type}'. Key "
                + $"properties must be declared on the root entity type of a hierarchy.");
        }

        if (sortKeyName != null && entityType.FindProperty(sortKeyName) == null)
        {
            throw new InvalidOperationException(
                $"The sort key of '{type}' is configured as '{sortKeyName}', which is not a property of '{type}'. Key "
                + $"properties must be declared on the root entity type of a hierarchy.");
        }

        var key = entityType.FindPrimaryKey();
        if (key == null && entityType is IConventionEntityType { IsKeyless: true })
        {
            throw new InvalidOperationException(
                $"The entity type '{type}' is keyless (HasNoKey or [Keyless]), but every DynamoDB item has a key. Remove "
                + $"HasNoKey/[Keyless] and give '{type}' a partition key with HasPartitionKey(...) or [PartitionKey].");
        }

        if (key == null && sortKeyName != null && partitionKeyName == null)
        {
            throw new InvalidOperationException(
                $"The entity type '{type}' has the sort key '{sortKeyName}' but no partition key. A DynamoDB table needs a "
                + $"partition key; call HasPartitionKey on '{type}' or mark a property with [PartitionKey].");
        }

        var partitionKey = entityType.GetPartitionKeyProperty();
        if (key == null || partitionKey == null)
        {
            throw new InvalidOperationException(
                $"The entity type '{type}' has no partition key. Every DynamoDB item needs one: call HasPartitionKey(...) "
                + $"(and HasSortKey(...)) on '{type}', mark a property with [PartitionKey], or configure a key with HasKey or [Key].");
        }

        if (key.Properties.Count > 2)
        {
            throw new InvalidOperationException(
                $"The key of '{type}' has {key.Properties.Count} properties ({Names(key.Properties)}); a DynamoDB key is a "
                + "partition key and at most one sort key.");
        }

        var sortKey = entityType.GetSortKeyProperty();
        if (sortKey != null && sortKey == partitionKey)
        {
            throw new InvalidOperationException(
                $"The property '{type}.{sortKey.Name}' cannot be both the partition key and the sort key.");
        }

        IReadOnlyList<IProperty> dynamoKey = sortKey == null ? [partitionKey] : [partitionKey, sortKey];
        if (!key.Properties.SequenceEqual(dynamoKey))
        {
            throw new InvalidOperationException(
                $"The DynamoDB key of '{type}' (partition key '{partitionKey.Name}'"
                + (sortKey == null ? ", no sort key" : $", sort key '{sortKey.Name}'")
                + $") does not match its EF key ({Names(key.Properties)}) configured with HasKey, [Key] or [PrimaryKey]. Configure the "
                + "key one way: HasPartitionKey/HasSortKey (or [PartitionKey]/[SortKey]) alone, or HasKey with the partition key "
                + "first and the sort key second.");
        }

        ValidateKeyAttributeType(entityType, partitionKey, "partition key");
        if (sortKey != null)
        {
            ValidateKeyAttributeType(entityType, sortKey, "sort key");
        }
    }

    /// <summary>Checks that a key property is stored as S, N or B.</summary>
    protected virtual void ValidateKeyAttributeType(IEntityType entityType, IProperty property, string role)
    {
        var attributeType = AttributeTypeOf(property);
        if (attributeType is not (DynamoDbAttributeType.S or DynamoDbAttributeType.N or DynamoDbAttributeType.B))
        {
            throw new InvalidOperationException(
                $"The {role} property '{entityType.DisplayName()}.{property.Name}' of type '{property.ClrType.ShortDisplayName()}' "
                + $"is stored as DynamoDB type {attributeType?.ToString() ?? "(unmapped)"}; key attributes must be strings (S), "
                + "numbers (N) or binary (B). Use a string, number, Guid, date or byte[] property, or a value converter to one.");
        }
    }
}
