using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Metadata.Internal;

/// <summary>
///     The key attributes of a table and its indexes as <see cref="DynamoDbKeyPart" />s: from key templates when the model has
///     them (<c>HasPartitionKey("PK", x => x.Id, "CUSTOMER#{0}")</c>), else from the key properties. Computed once per entity
///     type of a finished model.
/// </summary>
internal static class DynamoDbKeyParts
{
    private static readonly ConditionalWeakTable<IReadOnlyEntityType, TableKey> TableKeys = new();
    private static readonly ConditionalWeakTable<IReadOnlyEntityType, (IReadOnlyIndex Index, DynamoDbKeyPart Part)[]> IndexTemplateCache = new();
    private static readonly ConcurrentDictionary<string, DynamoDbKeyTemplate> Templates = new(StringComparer.Ordinal);

    /// <summary>The table's partition key of the hierarchy of <paramref name="entityType" />.</summary>
    public static DynamoDbKeyPart? PartitionKey(IReadOnlyEntityType entityType) => Of(entityType).PartitionKey;

    /// <summary>The table's sort key of the hierarchy of <paramref name="entityType" />, if it has one.</summary>
    public static DynamoDbKeyPart? SortKey(IReadOnlyEntityType entityType) => Of(entityType).SortKey;

    /// <summary>An index's partition key: its key template, the table's partition key for a local index, else its first property.</summary>
    public static DynamoDbKeyPart? IndexPartitionKey(IReadOnlyIndex index)
        => FromAnnotations(
                index, index.DeclaringEntityType, DynamoDbAnnotationNames.IndexPartitionKeyAttribute,
                DynamoDbAnnotationNames.IndexPartitionKeyTemplate, DynamoDbAnnotationNames.IndexPartitionKeyProperties)
            ?? (index.IsLocalSecondaryIndex()
                ? PartitionKey(index.DeclaringEntityType)
                : index.GetIndexPartitionKeyProperty() is { } property ? new DynamoDbKeyPart(property.GetAttributeName(), [property], null) : null);

    /// <summary>An index's sort key, if it has one: its key template, else its sort key property.</summary>
    public static DynamoDbKeyPart? IndexSortKey(IReadOnlyIndex index)
        => FromAnnotations(
                index, index.DeclaringEntityType, DynamoDbAnnotationNames.IndexSortKeyAttribute, DynamoDbAnnotationNames.IndexSortKeyTemplate,
                DynamoDbAnnotationNames.IndexSortKeyProperties)
            ?? (index.GetIndexSortKeyProperty() is { } property ? new DynamoDbKeyPart(property.GetAttributeName(), [property], null) : null);

    /// <summary>
    ///     The key parts of the indexes of the hierarchy of <paramref name="entityType" /> whose key templates hold properties,
    ///     computed once per hierarchy of a finished model (every write of an entity reads them, so it must not walk the indexes each time).
    /// </summary>
    public static IReadOnlyList<(IReadOnlyIndex Index, DynamoDbKeyPart Part)> IndexTemplates(IReadOnlyEntityType entityType)
    {
        var root = entityType.GetRootType();
        return root is IMutableEntityType ? ComputeIndexTemplates(root) : IndexTemplateCache.GetValue(root, ComputeIndexTemplates);
    }

    /// <summary>Whether the property is held by a key template of its table (it has no attribute of its own).</summary>
    public static bool IsTemplateComponent(IReadOnlyProperty property)
        => property.DeclaringType is IReadOnlyEntityType entityType && !entityType.IsOwned()
            && Of(entityType) is var key
            && (key.PartitionKey?.Template != null && key.PartitionKey.Properties.Contains(property)
                || key.SortKey?.Template != null && key.SortKey.Properties.Contains(property));

    /// <summary>The template key part holding <paramref name="property" /> and its position in it, if any.</summary>
    public static (DynamoDbKeyPart Part, int PropertyIndex)? TemplateHolding(IReadOnlyProperty property)
    {
        if (property.DeclaringType is not IReadOnlyEntityType entityType || entityType.IsOwned())
        {
            return null;
        }

        var key = Of(entityType);
        foreach (var part in new[] { key.PartitionKey, key.SortKey })
        {
            if (part?.Template != null && FindProperty(part, property) is var index and >= 0)
            {
                return (part, index);
            }
        }

        return null;
    }

    /// <summary>The parsed template, cached by its text.</summary>
    public static DynamoDbKeyTemplate Template(string text) => Templates.GetOrAdd(text, DynamoDbKeyTemplate.Parse);

    /// <summary>A key part from annotations (attribute, template, property names), or null when they are not all there.</summary>
    public static DynamoDbKeyPart? FromAnnotations(
        IReadOnlyAnnotatable annotatable,
        IReadOnlyEntityType entityType,
        string attributeAnnotation,
        string templateAnnotation,
        string propertiesAnnotation)
    {
        if (annotatable[attributeAnnotation] is not string attribute
            || annotatable[templateAnnotation] is not string template
            || annotatable[propertiesAnnotation] is not string[] names)
        {
            return null;
        }

        var properties = new List<IReadOnlyProperty>(names.Length);
        foreach (var name in names)
        {
            var property = entityType.GetDerivedTypesInclusive().Select(t => t.FindProperty(name)).FirstOrDefault(p => p != null);
            if (property == null)
            {
                return null;
            }

            properties.Add(property);
        }

        return new DynamoDbKeyPart(attribute, properties, Template(template));
    }

    private static int FindProperty(DynamoDbKeyPart part, IReadOnlyProperty property)
    {
        for (var i = 0; i < part.Properties.Count; i++)
        {
            if (part.Properties[i].Name == property.Name && part.Properties[i].DeclaringType.ClrType.IsAssignableFrom(property.DeclaringType.ClrType))
            {
                return i;
            }
        }

        return -1;
    }

    private static TableKey Of(IReadOnlyEntityType entityType)
    {
        var root = entityType.GetRootType();

        // A model still being built can change; a finished (read-only) one is computed once.
        return root is IMutableEntityType ? Compute(root) : TableKeys.GetValue(root, Compute);
    }

    private static TableKey Compute(IReadOnlyEntityType root)
    {
        var partitionKey = FromAnnotations(
                root, root, DynamoDbAnnotationNames.PartitionKeyAttribute, DynamoDbAnnotationNames.PartitionKeyTemplate,
                DynamoDbAnnotationNames.PartitionKeyProperties)
            ?? (root.GetPartitionKeyProperty() is { } pk ? new DynamoDbKeyPart(pk.GetAttributeName(), [pk], null) : null);
        var sortKey = FromAnnotations(
                root, root, DynamoDbAnnotationNames.SortKeyAttribute, DynamoDbAnnotationNames.SortKeyTemplate,
                DynamoDbAnnotationNames.SortKeyProperties)
            ?? (root.GetSortKeyProperty() is { } sk ? new DynamoDbKeyPart(sk.GetAttributeName(), [sk], null) : null);
        return new TableKey(partitionKey, sortKey);
    }

    // Apart from the table key: a local index's partition key is the table's, so these are computed from it.
    private static (IReadOnlyIndex Index, DynamoDbKeyPart Part)[] ComputeIndexTemplates(IReadOnlyEntityType root)
        => root.GetDerivedTypesInclusive().SelectMany(t => t.GetDeclaredIndexes())
            .SelectMany(i => new[] { (i, IndexPartitionKey(i)), (i, IndexSortKey(i)) })
            .Where(p => p.Item2?.Template != null)
            .Select(p => (p.i, p.Item2!))
            .ToArray();

    private sealed record TableKey(DynamoDbKeyPart? PartitionKey, DynamoDbKeyPart? SortKey);
}
