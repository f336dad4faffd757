using EFCore.DynamoDb.Metadata;
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

    /// <summary>Which attributes the index holds.</summary>
    public static DynamoDbIndexProjection GetProjection(this IReadOnlyIndex index)
        => index[DynamoDbAnnotationNames.IndexProjection] as DynamoDbIndexProjection?
            ?? (index[DynamoDbAnnotationNames.IndexIncludedProperties] != null ? DynamoDbIndexProjection.Include : DynamoDbIndexProjection.All);

    /// <summary>The properties an INCLUDE projection copies into the index besides the keys.</summary>
    public static IReadOnlyList<string> GetIncludedProperties(this IReadOnlyIndex index)
        => index[DynamoDbAnnotationNames.IndexIncludedProperties] as string[] ?? [];

    /// <summary>The provisioned throughput of a global secondary index on a provisioned table (defaults to the table's).</summary>
    public static ProvisionedThroughput? GetProvisionedThroughput(this IReadOnlyIndex index)
        => index[DynamoDbAnnotationNames.IndexProvisionedThroughput] as ProvisionedThroughput
            ?? index.DeclaringEntityType.GetProvisionedThroughput();

    /// <summary>
    ///     The index's partition key property: for a global index its first property; for a local index the table's partition
    ///     key.
    /// </summary>
    public static IReadOnlyProperty? GetIndexPartitionKeyProperty(this IReadOnlyIndex index)
        => index.IsLocalSecondaryIndex() ? index.DeclaringEntityType.GetPartitionKeyProperty() : index.Properties[0];

    /// <summary>
    ///     The index's sort key property, if it has one: the second property; for a local index declared with a single
    ///     property, that property.
    /// </summary>
    public static IReadOnlyProperty? GetIndexSortKeyProperty(this IReadOnlyIndex index)
        => index.Properties.Count >= 2
            ? index.Properties[1]
            : index.IsLocalSecondaryIndex() ? index.Properties[0] : null;
}
