using System.Runtime.CompilerServices;
using EFCore.DynamoDb.Infrastructure.Internal;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     What writing an entity type needs from the model, worked out once per type rather than once per entity: the stored
///     properties with their attribute names and type mappings, the complex and owned members, the concurrency tokens, the row
///     version, and the insert condition (the same text and names for every insert of the type).
/// </summary>
internal sealed class EntityWriteShape
{
    private static readonly ConditionalWeakTable<IEntityType, EntityWriteShape> Cache = new();

    private EntityWriteShape(IEntityType entityType)
    {
        Properties = entityType.GetProperties()
            .Where(DynamoDbModelValidator.IsStored)
            .Select(p => new StoredProperty(p, p.GetAttributeName(), (DynamoDbTypeMapping)p.GetTypeMapping()))
            .ToArray();
        ComplexProperties = entityType.GetComplexProperties().Select(p => (p, p.GetAttributeName())).ToArray();
        OwnedNavigations = entityType.GetNavigations()
            .Where(n => n.ForeignKey.IsOwnership && !n.IsOnDependent)
            .Select(n => (n, n.TargetEntityType.GetContainingAttributeName()!))
            .ToArray();
        ConcurrencyTokens = entityType.GetProperties().Where(p => p.IsConcurrencyToken && DynamoDbModelValidator.IsStored(p)).ToArray();
        RowVersion = entityType.GetProperties().FirstOrDefault(IsRowVersion);
        AttributeCount = Properties.Length + ComplexProperties.Length + OwnedNavigations.Length;
        IndexKeyProperties = entityType.GetIndexes()
            .SelectMany(i => new[] { (i, Property: i.GetIndexPartitionKeyProperty(), Role: "partition key"), (i, Property: i.GetIndexSortKeyProperty(), Role: "sort key") })
            .Where(k => k.Property != null)
            .Select(k => (k.i, k.Property!, k.Role, k.Property!.GetAttributeName()))
            .ToArray();
        // One per attribute (overloaded indexes share one), and only those of indexes this type's items are in.
        IndexKeyTemplates = DynamoDbKeyParts.IndexTemplates(entityType)
            .DistinctBy(p => p.Part.AttributeName)
            .Where(p => p.Index.DeclaringEntityType.IsAssignableFrom(entityType))
            .ToArray();

        if (entityType.FindOwnership() == null && entityType.GetPartitionKeyAttributeName() is { } partitionKey)
        {
            PartitionKeyAttribute = partitionKey;
            // Built once with the same placeholder rules as every other request, so the logged condition reads the same.
            var expression = new DynamoDbExpressionBuilder();
            InsertCondition = $"attribute_not_exists({expression.Name(PartitionKeyAttribute)})";
            InsertNames = expression.Names;
        }
    }

    public static EntityWriteShape For(IEntityType entityType) => Cache.GetValue(entityType, static e => new EntityWriteShape(e));

    /// <summary>A stored property, its attribute and its mapping.</summary>
    public readonly record struct StoredProperty(IProperty Property, string AttributeName, DynamoDbTypeMapping Mapping);

    public StoredProperty[] Properties { get; }

    public (IComplexProperty Property, string AttributeName)[] ComplexProperties { get; }

    public (INavigation Navigation, string AttributeName)[] OwnedNavigations { get; }

    /// <summary>
    ///     The index keys built from key templates that items of the type carry (GSI overloading); empty for models without index
    ///     templates, so their writes skip this part.
    /// </summary>
    public (IReadOnlyIndex Index, DynamoDbKeyPart Part)[] IndexKeyTemplates { get; }

    /// <summary>The key properties of the type's indexes (inherited ones included), each with its role and attribute name.</summary>
    public (IIndex Index, IReadOnlyProperty Property, string Role, string AttributeName)[] IndexKeyProperties { get; }

    /// <summary>How many top-level attributes an item of the type has at most (to size its dictionary).</summary>
    public int AttributeCount { get; }

    /// <summary>The concurrency tokens the item's writes check (the row version included).</summary>
    public IReadOnlyList<IProperty> ConcurrencyTokens { get; }

    /// <summary>The provider-managed row version (an int or long <c>IsRowVersion()</c> property), if any.</summary>
    public IProperty? RowVersion { get; }

    /// <summary>The partition key's attribute name (root types only).</summary>
    public string? PartitionKeyAttribute { get; }

    /// <summary>The condition of every insert: the key must not exist. Shared by all inserts of the type; never modified.</summary>
    public string? InsertCondition { get; }

    /// <summary>The names of <see cref="InsertCondition" />. Shared and read-only: requests only read it.</summary>
    public Dictionary<string, string>? InsertNames { get; }

    private static bool IsRowVersion(IProperty property)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        return property.IsConcurrencyToken
            && property.ValueGenerated == ValueGenerated.OnAddOrUpdate
            && DynamoDbModelValidator.IsStored(property)
            && (type == typeof(int) || type == typeof(long));
    }
}
