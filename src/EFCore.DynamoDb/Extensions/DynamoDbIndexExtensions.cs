using EFCore.DynamoDb.Metadata.Internal;
using Microsoft.EntityFrameworkCore.Metadata;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>Reads the DynamoDB configuration of an index (<c>HasIndex</c>): a global secondary index unless marked local.</summary>
public static class DynamoDbIndexExtensions
{
    /// <summary>Whether the index is a local secondary index (same partition key as the table).</summary>
    public static bool IsLocalSecondaryIndex(this IReadOnlyIndex index)
        => index[DynamoDbAnnotationNames.IsLocalSecondaryIndex] as bool? ?? false;

    /// <summary>The name of the index in DynamoDB: the name given to <c>HasIndex</c>, else <c>IX_Type_Property1_Property2</c>.</summary>
    public static string GetIndexName(this IReadOnlyIndex index)
        => index.Name ?? "IX_" + index.DeclaringEntityType.ShortName() + "_" + string.Join("_", index.Properties.Select(p => p.Name));

    /// <summary>
    ///     Which attributes the index holds, as it is created: the projection chosen with <c>HasProjection</c> or
    ///     <c>IncludeProperties</c> (default: all). On a table whose items carry a discriminator (several entity types in one
    ///     table, or a hierarchy) a keys-only index is created as an INCLUDE of the discriminator, so that queries through the
    ///     index can still tell the entity types apart.
    /// </summary>
    public static DynamoDbIndexProjection GetProjection(this IReadOnlyIndex index)
    {
        var declared = GetDeclaredProjection(index);
        return declared == DynamoDbIndexProjection.KeysOnly && FindDiscriminatorProperty(index) != null
            ? DynamoDbIndexProjection.Include
            : declared;
    }

    /// <summary>
    ///     The properties an INCLUDE projection copies into the index besides the keys: those named with
    ///     <c>IncludeProperties</c>, plus the discriminator on a table whose items carry one (see <see cref="GetProjection" />).
    ///     Empty for an index that projects all attributes.
    /// </summary>
    public static IReadOnlyList<string> GetIncludedProperties(this IReadOnlyIndex index)
    {
        if (index.GetProjection() != DynamoDbIndexProjection.Include)
        {
            return [];
        }

        var declared = index[DynamoDbAnnotationNames.IndexIncludedProperties] as string[] ?? [];
        return FindDiscriminatorProperty(index) is { } discriminator && !declared.Contains(discriminator.Name, StringComparer.Ordinal)
            ? [.. declared, discriminator.Name]
            : declared;
    }

    /// <summary>The projection as configured, before the discriminator is added.</summary>
    internal static DynamoDbIndexProjection GetDeclaredProjection(IReadOnlyIndex index)
        => index[DynamoDbAnnotationNames.IndexProjection] as DynamoDbIndexProjection?
            ?? (index[DynamoDbAnnotationNames.IndexIncludedProperties] != null ? DynamoDbIndexProjection.Include : DynamoDbIndexProjection.All);

    private static IReadOnlyProperty? FindDiscriminatorProperty(IReadOnlyIndex index)
        => index.DeclaringEntityType.GetRootType().FindDiscriminatorProperty();

    /// <summary>
    ///     The provisioned throughput of a global secondary index on a provisioned table: its own (set with the index's
    ///     <c>HasProvisionedThroughput</c>), else the table's; null on an on-demand table.
    /// </summary>
    public static ProvisionedThroughput? GetProvisionedThroughput(this IReadOnlyIndex index)
        => index[DynamoDbAnnotationNames.IndexProvisionedThroughput] as ProvisionedThroughput
            ?? index.DeclaringEntityType.GetProvisionedThroughput();

    /// <summary>
    ///     The index's partition key property: for a global index its first property; for a local index the table's partition
    ///     key.
    /// </summary>
    public static IReadOnlyProperty? GetIndexPartitionKeyProperty(this IReadOnlyIndex index)
        => index[DynamoDbAnnotationNames.IndexPartitionKeyTemplate] != null
            ? null
            : index.IsLocalSecondaryIndex() ? index.DeclaringEntityType.GetPartitionKeyProperty() : index.Properties[0];

    /// <summary>
    ///     The index's sort key property, if it has one: the second property; for a local index declared with a single
    ///     property, that property.
    /// </summary>
    public static IReadOnlyProperty? GetIndexSortKeyProperty(this IReadOnlyIndex index)
        => index[DynamoDbAnnotationNames.IndexSortKeyTemplate] != null || index[DynamoDbAnnotationNames.IndexPartitionKeyTemplate] != null
            ? null
            : index.Properties.Count >= 2
                ? index.Properties[1]
                : index.IsLocalSecondaryIndex() ? index.Properties[0] : null;

    /// <summary>The name of the index's partition key attribute (a property's attribute, or the one a key template writes).</summary>
    public static string? GetIndexPartitionKeyAttributeName(this IReadOnlyIndex index)
        => DynamoDbKeyParts.IndexPartitionKey(index)?.AttributeName;

    /// <summary>The name of the index's sort key attribute, if it has a sort key.</summary>
    public static string? GetIndexSortKeyAttributeName(this IReadOnlyIndex index)
        => DynamoDbKeyParts.IndexSortKey(index)?.AttributeName;
}
