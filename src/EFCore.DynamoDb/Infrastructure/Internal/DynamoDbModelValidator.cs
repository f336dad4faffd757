using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Metadata.Conventions;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Infrastructure.Internal;

/// <summary>
///     Rejects models DynamoDB cannot store, with messages that name the entity type and property, before any request is sent.
/// </summary>
public class DynamoDbModelValidator : ModelValidator
{
    /// <summary>DynamoDB's limit of global secondary indexes per table.</summary>
    public const int MaxGlobalSecondaryIndexes = 20;

    /// <summary>DynamoDB's limit of local secondary indexes per table.</summary>
    public const int MaxLocalSecondaryIndexes = 5;

    /// <summary>Creates the validator.</summary>
    public DynamoDbModelValidator(ModelValidatorDependencies dependencies)
        : base(dependencies)
    {
    }

    /// <inheritdoc />
    public override void Validate(IModel model, IDiagnosticsLogger<DbLoggerCategory.Model.Validation> logger)
    {
        // Our own rules first: they explain DynamoDB's constraints better than EF's generic messages would.
        var roots = model.GetEntityTypes().Where(e => e.BaseType == null && !e.IsOwned()).ToList();
        foreach (var entityType in roots)
        {
            ValidateKeys(entityType);
            ValidateTableName(entityType);
        }

        foreach (var table in roots.GroupBy(e => e.GetTableName()!, StringComparer.Ordinal))
        {
            ValidateSharedTable(table.Key, table.ToList());
        }

        foreach (var entityType in model.GetEntityTypes())
        {
            ValidateIndexes(entityType);
            ValidateRowVersions(entityType);
            ValidateAttributeNames(entityType);
            ValidateWritableShape(entityType);
        }

        base.Validate(model, logger);
    }

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

    /// <summary>Checks that the entity type has a partition key and at most a sort key, both stored as S, N or B.</summary>
    protected virtual void ValidateKeys(IEntityType entityType)
    {
        var partitionKeyName = entityType.GetPartitionKeyPropertyName();
        var sortKeyName = entityType.GetSortKeyPropertyName();
        if (sortKeyName != null && partitionKeyName == null && entityType.FindPrimaryKey() == null)
        {
            throw new InvalidOperationException(
                $"The entity type '{entityType.DisplayName()}' has the sort key '{sortKeyName}' but no partition key. "
                + "A DynamoDB table needs a partition key; call HasPartitionKey or mark a property with [PartitionKey].");
        }

        var key = entityType.FindPrimaryKey();
        var partitionKey = entityType.GetPartitionKeyProperty();
        if (key == null || partitionKey == null)
        {
            throw new InvalidOperationException(
                $"The entity type '{entityType.DisplayName()}' has no partition key. Every DynamoDB item needs one: call "
                + $"HasPartitionKey(...) (and HasSortKey(...)) on '{entityType.DisplayName()}', mark a property with "
                + "[PartitionKey], or configure a key with HasKey or [Key].");
        }

        if (key.Properties.Count > 2)
        {
            throw new InvalidOperationException(
                $"The key of '{entityType.DisplayName()}' has {key.Properties.Count} properties "
                + $"({string.Join(", ", key.Properties.Select(p => p.Name))}); a DynamoDB key is a partition key and at most one sort key.");
        }

        var sortKey = entityType.GetSortKeyProperty();
        if (sortKey != null && sortKey == partitionKey)
        {
            throw new InvalidOperationException(
                $"The property '{entityType.DisplayName()}.{sortKey.Name}' cannot be both the partition key and the sort key.");
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

    /// <summary>Checks the table name against DynamoDB's naming rules.</summary>
    protected virtual void ValidateTableName(IEntityType entityType)
    {
        var name = entityType.GetTableName()!;
        if (!TableNameRules.IsValidName(name))
        {
            throw new InvalidOperationException(
                $"The table name '{name}' of entity type '{entityType.DisplayName()}' is not a valid DynamoDB table name: it must "
                + "have 3 to 255 characters, each a letter, digit, '_', '-' or '.'.");
        }
    }

    /// <summary>Checks that entity types sharing a table agree on its key schema, throughput, TTL and index limits.</summary>
    protected virtual void ValidateSharedTable(string tableName, IReadOnlyList<IEntityType> entityTypes)
    {
        var first = entityTypes[0];
        var schema = KeySchema(first);
        foreach (var other in entityTypes.Skip(1))
        {
            var otherSchema = KeySchema(other);
            if (otherSchema != schema)
            {
                throw new InvalidOperationException(
                    $"The entity types '{first.DisplayName()}' and '{other.DisplayName()}' share the table '{tableName}' but have "
                    + $"different key schemas ({schema} vs {otherSchema}). Entity types in one table must use the same partition "
                    + "and sort key attribute names and types.");
            }

            if (other.GetProvisionedThroughput() != first.GetProvisionedThroughput())
            {
                throw new InvalidOperationException(
                    $"The entity types '{first.DisplayName()}' and '{other.DisplayName()}' share the table '{tableName}' but configure "
                    + "different provisioned throughput.");
            }

            var ttl = other.GetTimeToLiveProperty()?.GetAttributeName();
            var firstTtl = first.GetTimeToLiveProperty()?.GetAttributeName();
            if (ttl != null && firstTtl != null && ttl != firstTtl)
            {
                throw new InvalidOperationException(
                    $"The entity types '{first.DisplayName()}' and '{other.DisplayName()}' share the table '{tableName}' but use "
                    + $"different time-to-live attributes ('{firstTtl}' and '{ttl}'); a table has one.");
            }
        }

        var indexes = entityTypes.SelectMany(e => e.GetDerivedTypesInclusive()).SelectMany(e => e.GetDeclaredIndexes())
            .GroupBy(i => i.GetIndexName(), StringComparer.Ordinal)
            .ToList();
        foreach (var sameName in indexes.Where(g => g.Count() > 1))
        {
            var signatures = sameName.Select(IndexSignature).Distinct().ToList();
            if (signatures.Count > 1)
            {
                throw new InvalidOperationException(
                    $"The index '{sameName.Key}' of table '{tableName}' is declared with different keys ({string.Join(" vs ", signatures)}).");
            }
        }

        var globalCount = indexes.Count(g => !g.First().IsLocalSecondaryIndex());
        var localCount = indexes.Count - globalCount;
        if (globalCount > MaxGlobalSecondaryIndexes)
        {
            throw new InvalidOperationException(
                $"The table '{tableName}' has {globalCount} global secondary indexes; DynamoDB allows at most {MaxGlobalSecondaryIndexes}.");
        }

        if (localCount > MaxLocalSecondaryIndexes)
        {
            throw new InvalidOperationException(
                $"The table '{tableName}' has {localCount} local secondary indexes; DynamoDB allows at most {MaxLocalSecondaryIndexes}.");
        }
    }

    /// <summary>Checks each secondary index: its key properties, projection, and (for local ones) the partition key.</summary>
    protected virtual void ValidateIndexes(IEntityType entityType)
    {
        foreach (var index in entityType.GetDeclaredIndexes())
        {
            var name = index.GetIndexName();
            if (entityType.IsOwned())
            {
                throw new InvalidOperationException(
                    $"The index '{name}' is declared on the owned type '{entityType.DisplayName()}'; DynamoDB indexes can only use "
                    + "top-level attributes of an item. Declare it on the owner.");
            }

            var root = entityType.GetRootType();
            var hierarchy = root.GetDerivedTypesInclusive().ToHashSet();
            foreach (var property in index.Properties)
            {
                if (property.DeclaringType is not IEntityType declaring || !hierarchy.Contains(declaring))
                {
                    throw new InvalidOperationException(
                        $"The index '{name}' of '{entityType.DisplayName()}' names the property '{property.DeclaringType.DisplayName()}."
                        + $"{property.Name}', which is not a property of '{entityType.DisplayName()}' or its hierarchy.");
                }
            }

            if (!TableNameRules.IsValidName(name))
            {
                throw new InvalidOperationException(
                    $"The index name '{name}' of '{entityType.DisplayName()}' is not a valid DynamoDB index name: it must have 3 to 255 "
                    + "characters, each a letter, digit, '_', '-' or '.'.");
            }

            if (index.Properties.Count > 2)
            {
                throw new InvalidOperationException(
                    $"The index '{name}' of '{entityType.DisplayName()}' has {index.Properties.Count} properties; a DynamoDB index has a "
                    + "partition key and at most one sort key.");
            }

            var isLocal = index.IsLocalSecondaryIndex();
            if (isLocal)
            {
                var tablePartitionKey = root.GetPartitionKeyProperty();
                if (index.Properties.Count == 2 && index.Properties[0] != tablePartitionKey)
                {
                    throw new InvalidOperationException(
                        $"The local secondary index '{name}' of '{entityType.DisplayName()}' has the partition key "
                        + $"'{index.Properties[0].Name}', but a local index must use the table's partition key "
                        + $"'{tablePartitionKey?.Name}'. Make '{tablePartitionKey?.Name}' its first property, or make it a global index.");
                }

                if (root.GetSortKeyProperty() == null)
                {
                    throw new InvalidOperationException(
                        $"The local secondary index '{name}' of '{entityType.DisplayName()}' is on a table without a sort key; DynamoDB "
                        + "only allows local indexes on tables with a sort key.");
                }
            }

            var indexPartitionKey = index.GetIndexPartitionKeyProperty()!;
            ValidateKeyAttributeType(entityType, (IProperty)indexPartitionKey, $"partition key of index '{name}'");
            if (index.GetIndexSortKeyProperty() is IProperty indexSortKey)
            {
                ValidateKeyAttributeType(entityType, indexSortKey, $"sort key of index '{name}'");
            }

            foreach (var included in index.GetIncludedProperties())
            {
                if (root.GetDerivedTypesInclusive().All(t => t.FindProperty(included) == null))
                {
                    throw new InvalidOperationException(
                        $"The index '{name}' of '{entityType.DisplayName()}' includes the property '{included}', which is not a property "
                        + $"of '{entityType.DisplayName()}' or its hierarchy.");
                }
            }
        }
    }

    /// <summary>Checks that row versions (PynamoDB's VersionAttribute) are integers the provider can increment.</summary>
    protected virtual void ValidateRowVersions(IEntityType entityType)
    {
        foreach (var property in entityType.GetDeclaredProperties())
        {
            if (property.IsConcurrencyToken && property.ValueGenerated == ValueGenerated.OnAddOrUpdate
                && !DynamoDbValueGenerationConvention.IsOwnedCollectionOrdinal(entityType, property)
                && property.ClrType.UnwrapNullableType() is var type && type != typeof(int) && type != typeof(long))
            {
                throw new InvalidOperationException(
                    $"The row version property '{entityType.DisplayName()}.{property.Name}' is of type '{property.ClrType.ShortDisplayName()}'; "
                    + "DynamoDB row versions are numbers the provider increments on each update, so use an int or long property.");
            }
        }
    }

    /// <summary>Checks that no two properties of one item (or one nested map) are stored in the same attribute.</summary>
    protected virtual void ValidateAttributeNames(IEntityType entityType)
    {
        if (entityType.BaseType != null)
        {
            return;
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in entityType.GetDerivedTypesInclusive())
        {
            foreach (var property in type.GetDeclaredProperties().Where(IsStored))
            {
                Check(property.GetAttributeName(), type.DisplayName() + "." + property.Name);
            }

            foreach (var complexProperty in type.GetDeclaredComplexProperties())
            {
                Check(complexProperty.GetAttributeName(), type.DisplayName() + "." + complexProperty.Name);
            }

            foreach (var navigation in type.GetDeclaredNavigations().Where(n => n.TargetEntityType.IsOwned() && !n.IsOnDependent))
            {
                Check(navigation.TargetEntityType.GetContainingAttributeName()!, type.DisplayName() + "." + navigation.Name);
            }
        }

        void Check(string attributeName, string member)
        {
            if (attributeName.Length == 0)
            {
                throw new InvalidOperationException($"'{member}' is mapped to an empty attribute name; DynamoDB attribute names cannot be empty.");
            }

            if (seen.TryGetValue(attributeName, out var other) && other != member)
            {
                throw new InvalidOperationException(
                    $"'{member}' and '{other}' are both stored in the attribute '{attributeName}'. Give one of them another name with "
                    + "HasAttributeName.");
            }

            seen[attributeName] = member;
        }
    }

    /// <summary>
    ///     Checks what the update pipeline cannot write faithfully: concurrency tokens inside an owner's item (an item is
    ///     written as a whole, so only the owner's tokens are checked) and complex collections (not read back yet).
    /// </summary>
    protected virtual void ValidateWritableShape(IEntityType entityType)
    {
        if (entityType.IsOwned()
            && entityType.GetDeclaredProperties().FirstOrDefault(p => p.IsConcurrencyToken) is { } ownedToken)
        {
            throw new InvalidOperationException(
                $"The property '{entityType.DisplayName()}.{ownedToken.Name}' is a concurrency token of an owned type. An owned entity is "
                + $"stored inside its owner's item and written with it, so DynamoDB checks concurrency per item: configure the token "
                + $"(or IsRowVersion()) on the owner '{entityType.FindOwnership()!.PrincipalEntityType.GetRootType().DisplayName()}'.");
        }

        foreach (var complexProperty in entityType.GetDeclaredComplexProperties())
        {
            CheckComplexProperty(complexProperty);
        }

        void CheckComplexProperty(IComplexProperty complexProperty)
        {
            var name = $"{complexProperty.DeclaringType.DisplayName()}.{complexProperty.Name}";
            if (complexProperty.IsCollection)
            {
                throw new InvalidOperationException(
                    $"The complex collection '{name}' cannot be mapped: the DynamoDB provider does not read complex collections "
                    + "back yet, so their data would be lost on the next query. Map the elements as an owned collection (OwnsMany), "
                    + "which is stored the same way (a list of maps).");
            }

            if (complexProperty.ComplexType.GetProperties().FirstOrDefault(p => p.IsConcurrencyToken) is { } complexToken)
            {
                throw new InvalidOperationException(
                    $"The property '{complexProperty.ComplexType.DisplayName()}.{complexToken.Name}' is a concurrency token inside the "
                    + $"complex property '{name}'. DynamoDB checks concurrency per item: configure the token on the entity type "
                    + $"'{entityType.GetRootType().DisplayName()}'.");
            }

            foreach (var nested in complexProperty.ComplexType.GetComplexProperties())
            {
                CheckComplexProperty(nested);
            }
        }
    }

    /// <summary>Whether a property is written to the item (owner keys and ordinals of owned types are not).</summary>
    internal static bool IsStored(IProperty property)
    {
        if (property.DeclaringType is IEntityType entityType && entityType.IsOwned())
        {
            return !property.IsKey() && !property.IsForeignKey();
        }

        return true;
    }

    private static DynamoDbAttributeType? AttributeTypeOf(IReadOnlyProperty property)
        => (property.FindTypeMapping() as DynamoDbTypeMapping)?.AttributeType;

    private static string KeySchema(IEntityType entityType)
    {
        var pk = entityType.GetPartitionKeyProperty();
        var sk = entityType.GetSortKeyProperty();
        return $"partition key {pk?.GetAttributeName()} ({(pk == null ? "?" : AttributeTypeOf(pk))})"
            + (sk == null ? ", no sort key" : $", sort key {sk.GetAttributeName()} ({AttributeTypeOf(sk)})");
    }

    private static string IndexSignature(IIndex index)
        => (index.IsLocalSecondaryIndex() ? "local " : "global ")
            + index.GetIndexPartitionKeyProperty()?.GetAttributeName() + "/" + index.GetIndexSortKeyProperty()?.GetAttributeName();
}
