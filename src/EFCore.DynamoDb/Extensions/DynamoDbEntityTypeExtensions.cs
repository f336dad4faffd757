using EFCore.DynamoDb.Metadata.Internal;
using Microsoft.EntityFrameworkCore.Metadata;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>Reads and writes the DynamoDB configuration of an entity type.</summary>
public static class DynamoDbEntityTypeExtensions
{
    /// <summary>
    ///     The table the entity type is stored in, without the options' <c>TableNamePrefix</c>: the name set with
    ///     <c>ToTable</c> (DynamoDB's or EF relational's), else the <c>DbSet</c> property name, else the CLR type name.
    ///     Derived types share their root's table; owned types have none (they are stored inside their owner's item).
    /// </summary>
    public static string? GetTableName(this IReadOnlyEntityType entityType)
    {
        if (entityType.BaseType != null)
        {
            return entityType.GetRootType().GetTableName();
        }

        if (entityType.IsOwned())
        {
            return null;
        }

        return (string?)entityType[DynamoDbAnnotationNames.TableName]
            ?? (string?)entityType[DynamoDbAnnotationNames.RelationalTableName]
            ?? entityType.ShortName();
    }

    /// <summary>Sets the table the entity type is stored in.</summary>
    public static void SetTableName(this IMutableEntityType entityType, string? name)
        => entityType.SetOrRemoveAnnotation(DynamoDbAnnotationNames.TableName, name);

    /// <summary>Sets the table the entity type is stored in.</summary>
    public static string? SetTableName(this IConventionEntityType entityType, string? name, bool fromDataAnnotation = false)
        => (string?)entityType.SetOrRemoveAnnotation(DynamoDbAnnotationNames.TableName, name, fromDataAnnotation)?.Value;

    /// <summary>Where the table name came from.</summary>
    public static ConfigurationSource? GetTableNameConfigurationSource(this IConventionEntityType entityType)
        => entityType.FindAnnotation(DynamoDbAnnotationNames.TableName)?.GetConfigurationSource();

    /// <summary>
    ///     The partition (hash) key property: the one named with <c>HasPartitionKey</c> or <c>[PartitionKey]</c>, else the first
    ///     property of the EF primary key. Keys belong to the root of a hierarchy.
    /// </summary>
    public static IReadOnlyProperty? GetPartitionKeyProperty(this IReadOnlyEntityType entityType)
    {
        var root = entityType.GetRootType();
        if (root[DynamoDbAnnotationNames.PartitionKeyTemplate] != null)
        {
            // A key template: the attribute holds text built from several properties, not one property.
            return null;
        }

        return root[DynamoDbAnnotationNames.PartitionKeyProperty] is string name
            ? root.FindProperty(name)
            : root.FindPrimaryKey() is { Properties.Count: >= 1 } key ? key.Properties[0] : null;
    }

    /// <summary>The partition (hash) key property of a runtime entity type.</summary>
    public static IProperty? GetPartitionKeyProperty(this IEntityType entityType)
        => (IProperty?)((IReadOnlyEntityType)entityType).GetPartitionKeyProperty();

    /// <summary>
    ///     The sort (range) key property: the one named with <c>HasSortKey</c> or <c>[SortKey]</c>, else the second property of
    ///     a two-property EF primary key whose first property is the partition key, else none.
    /// </summary>
    public static IReadOnlyProperty? GetSortKeyProperty(this IReadOnlyEntityType entityType)
    {
        var root = entityType.GetRootType();
        if (root[DynamoDbAnnotationNames.SortKeyTemplate] != null)
        {
            return null;
        }

        if (root[DynamoDbAnnotationNames.SortKeyProperty] is string name)
        {
            return root.FindProperty(name);
        }

        if (root[DynamoDbAnnotationNames.PartitionKeyTemplate] != null)
        {
            // With a partition key template, a sort key is only what HasSortKey names.
            return null;
        }

        return root.FindPrimaryKey() is { Properties.Count: 2 } key && key.Properties[0] == root.GetPartitionKeyProperty()
            ? key.Properties[1]
            : null;
    }

    /// <summary>The sort (range) key property of a runtime entity type.</summary>
    public static IProperty? GetSortKeyProperty(this IEntityType entityType)
        => (IProperty?)((IReadOnlyEntityType)entityType).GetSortKeyProperty();

    /// <summary>
    ///     The name of the table's partition key attribute: the partition key property's attribute, or the attribute a key
    ///     template writes (<c>PK</c>).
    /// </summary>
    public static string? GetPartitionKeyAttributeName(this IReadOnlyEntityType entityType)
        => DynamoDbKeyParts.PartitionKey(entityType)?.AttributeName;

    /// <summary>The name of the table's sort key attribute, if the table has a sort key.</summary>
    public static string? GetSortKeyAttributeName(this IReadOnlyEntityType entityType)
        => DynamoDbKeyParts.SortKey(entityType)?.AttributeName;

    /// <summary>The key template of the table's partition key (<c>CUSTOMER#{0}</c>), if it has one.</summary>
    public static string? GetPartitionKeyTemplate(this IReadOnlyEntityType entityType)
        => (string?)entityType.GetRootType()[DynamoDbAnnotationNames.PartitionKeyTemplate];

    /// <summary>The key template of the table's sort key (<c>ORDER#{0:yyyy-MM-dd}#{1}</c>), if it has one.</summary>
    public static string? GetSortKeyTemplate(this IReadOnlyEntityType entityType)
        => (string?)entityType.GetRootType()[DynamoDbAnnotationNames.SortKeyTemplate];

    /// <summary>The name given with <c>HasPartitionKey</c>, if any.</summary>
    public static string? GetPartitionKeyPropertyName(this IReadOnlyEntityType entityType)
        => (string?)entityType.GetRootType()[DynamoDbAnnotationNames.PartitionKeyProperty];

    /// <summary>The name given with <c>HasSortKey</c>, if any.</summary>
    public static string? GetSortKeyPropertyName(this IReadOnlyEntityType entityType)
        => (string?)entityType.GetRootType()[DynamoDbAnnotationNames.SortKeyProperty];

    /// <summary>The table's provisioned throughput; null means on-demand (PAY_PER_REQUEST).</summary>
    public static ProvisionedThroughput? GetProvisionedThroughput(this IReadOnlyEntityType entityType)
        => (ProvisionedThroughput?)entityType.GetRootType()[DynamoDbAnnotationNames.ProvisionedThroughput];

    /// <summary>The property whose attribute DynamoDB's time to live reads, if any (configured on the root of a hierarchy).</summary>
    public static IReadOnlyProperty? GetTimeToLiveProperty(this IReadOnlyEntityType entityType)
    {
        var root = entityType.GetRootType();
        return root[DynamoDbAnnotationNames.TimeToLiveProperty] is string name ? root.FindProperty(name) : null;
    }

    /// <summary>The property whose attribute DynamoDB's time to live reads, if any, of a runtime entity type.</summary>
    public static IProperty? GetTimeToLiveProperty(this IEntityType entityType)
        => (IProperty?)((IReadOnlyEntityType)entityType).GetTimeToLiveProperty();

    /// <summary>
    ///     The attribute an owned entity type is stored under inside its owner's item (a map, or a list of maps for a
    ///     collection): the name set with <c>HasAttributeName</c>, else the navigation's name.
    /// </summary>
    public static string? GetContainingAttributeName(this IReadOnlyEntityType entityType)
        => entityType.FindOwnership() is { } ownership
            ? (string?)entityType[DynamoDbAnnotationNames.AttributeName] ?? ownership.PrincipalToDependent?.Name
            : null;
}
