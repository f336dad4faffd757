using EFCore.DynamoDb.Metadata.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>The key attributes (and projection) of a table or of one of its secondary indexes, by attribute name.</summary>
internal sealed record KeySchema(
    string? IndexName,
    bool IsLocal,
    DynamoDbKeyPart PartitionKeyPart,
    DynamoDbKeyPart? SortKeyPart,
    DynamoDbIndexProjection Projection,
    IReadOnlySet<string> IncludedAttributes)
{
    /// <summary>The partition key attribute.</summary>
    public string PartitionKey => PartitionKeyPart.AttributeName;

    /// <summary>The sort key attribute, if any.</summary>
    public string? SortKey => SortKeyPart?.AttributeName;

    public IReadOnlyList<string> KeyAttributes { get; }
        = SortKeyPart == null ? [PartitionKeyPart.AttributeName] : [PartitionKeyPart.AttributeName, SortKeyPart.AttributeName];

    public static KeySchema ForTable(IEntityType root)
        => new(
            null, false,
            DynamoDbKeyParts.PartitionKey(root)!,
            DynamoDbKeyParts.SortKey(root),
            DynamoDbIndexProjection.All,
            new HashSet<string>());

    public static KeySchema? ForIndex(IEntityType root, string indexName)
        => AllIndexes(root).FirstOrDefault(i => string.Equals(i.IndexName, indexName, StringComparison.Ordinal));

    /// <summary>Every secondary index of the table (declared anywhere in the hierarchy), once each, in name order.</summary>
    public static IEnumerable<KeySchema> AllIndexes(IEntityType root)
        => root.GetDerivedTypesInclusive()
            .SelectMany(t => t.GetDeclaredIndexes())
            .GroupBy(i => i.GetIndexName(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => FromIndex(g.First()));

    private static KeySchema FromIndex(IIndex index)
        => new(
            index.GetIndexName(),
            index.IsLocalSecondaryIndex(),
            DynamoDbKeyParts.IndexPartitionKey(index)!,
            DynamoDbKeyParts.IndexSortKey(index),
            index.GetProjection(),
            index.GetIncludedProperties()
                .Select(n => index.DeclaringEntityType.GetRootType().GetDerivedTypesInclusive().Select(t => t.FindProperty(n)).First(p => p != null)!
                    .GetAttributeName())
                .ToHashSet(StringComparer.Ordinal));
}
