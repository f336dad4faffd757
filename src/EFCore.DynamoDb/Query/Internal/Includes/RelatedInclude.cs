using EFCore.DynamoDb.Metadata.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Includes;

/// <summary>How the entities of an included navigation are read.</summary>
internal enum IncludeStrategy
{
    /// <summary>
    ///     They live in their principal's partition (an item collection: the same table, the same partition key template, the
    ///     foreign key carrying the principal's partition key): read with it in one Query when the query reads whole partitions,
    ///     else with one Query per principal.
    /// </summary>
    SamePartition,

    /// <summary>They live in a partition their principal's key determines: one Query per principal.</summary>
    QueryPerPrincipal,

    /// <summary>The principal of a reference, whose full key the foreign key holds: one BatchGetItem of every key.</summary>
    BatchGetPrincipals,
}

/// <summary>
///     One included navigation to an entity type with items of its own, how its entities are read, and what is included
///     below it (ThenInclude).
/// </summary>
internal sealed class RelatedInclude
{
    private RelatedInclude(INavigation navigation, IncludeStrategy strategy, IReadOnlyList<RelatedInclude> children)
    {
        Navigation = navigation;
        Strategy = strategy;
        Children = children;
    }

    /// <summary>The navigation included.</summary>
    public INavigation Navigation { get; }

    /// <summary>The entity type read for it.</summary>
    public IEntityType Target => Navigation.TargetEntityType;

    /// <summary>How its entities are read.</summary>
    public IncludeStrategy Strategy { get; }

    /// <summary>The navigations included below it.</summary>
    public IReadOnlyList<RelatedInclude> Children { get; }

    /// <summary>Whether the navigation and every one below it live in the partition of the query's entities.</summary>
    public bool IsItemCollection => Strategy == IncludeStrategy.SamePartition && Children.All(c => c.IsItemCollection);

    /// <summary>The foreign key between the two types, and whether the navigation points from the dependent to the principal.</summary>
    public IForeignKey ForeignKey => Navigation.ForeignKey;

    public bool ToPrincipal => Navigation.IsOnDependent;

    /// <summary>
    ///     The includes of <paramref name="root" /> given as navigation paths, merged into a tree; a navigation whose entities
    ///     could only be found with a Scan is refused.
    /// </summary>
    public static IReadOnlyList<RelatedInclude> Build(IEntityType root, IEnumerable<IReadOnlyList<string>> paths)
        => BuildLevel(root, paths.Where(p => p.Count > 0).ToList());

    private static List<RelatedInclude> BuildLevel(IEntityType principal, List<IReadOnlyList<string>> paths)
    {
        var result = new List<RelatedInclude>();
        foreach (var group in paths.GroupBy(p => p[0], StringComparer.Ordinal))
        {
            var navigation = principal.GetDerivedTypesInclusive().Select(t => t.FindNavigation(group.Key)).FirstOrDefault(n => n != null)
                ?? throw new InvalidOperationException(
                    $"Include('{group.Key}'): '{principal.DisplayName()}' has no navigation '{group.Key}'.");
            var children = BuildLevel(navigation.TargetEntityType, group.Where(p => p.Count > 1).Select(p => (IReadOnlyList<string>)p.Skip(1).ToList()).ToList());
            result.Add(new RelatedInclude(navigation, StrategyOf(navigation), children));
        }

        return result;
    }

    private static IncludeStrategy StrategyOf(INavigation navigation)
    {
        var foreignKey = navigation.ForeignKey;
        var dependent = foreignKey.DeclaringEntityType;
        var principal = foreignKey.PrincipalEntityType;
        // Read with the partition, or (when the query does not read whole partitions) by key: a principal by its primary key,
        // dependents by their partition.
        if (SamePartition(foreignKey) && (!navigation.IsOnDependent || foreignKey.PrincipalKey.IsPrimaryKey()))
        {
            return IncludeStrategy.SamePartition;
        }

        if (navigation.IsOnDependent)
        {
            // The principal's table key from the foreign key's values: possible when the foreign key targets its primary key.
            if (foreignKey.PrincipalKey.IsPrimaryKey())
            {
                return IncludeStrategy.BatchGetPrincipals;
            }
        }
        else if (DependentPartitionFromPrincipal(foreignKey) != null)
        {
            return IncludeStrategy.QueryPerPrincipal;
        }

        throw new InvalidOperationException(
            $"Include('{navigation.Name}') of '{navigation.DeclaringEntityType.DisplayName()}' cannot be read without a Scan: the partition "
            + $"key of '{(navigation.IsOnDependent ? principal : dependent).DisplayName()}' is not made of the foreign key "
            + $"({string.Join(", ", foreignKey.Properties.Select(p => p.Name))}). Include navigations whose related items are found by key "
            + "(their partition key holds the foreign key), or query the related entities separately.");
    }

    /// <summary>
    ///     For each property of the dependent's partition key, the principal property its value comes from through the foreign key;
    ///     null when the foreign key does not determine the partition.
    /// </summary>
    public static IReadOnlyList<IProperty>? DependentPartitionFromPrincipal(IForeignKey foreignKey)
    {
        var partition = DynamoDbKeyParts.PartitionKey(foreignKey.DeclaringEntityType);
        if (partition == null)
        {
            return null;
        }

        var sources = new List<IProperty>();
        foreach (var property in partition.Properties)
        {
            var index = IndexOf(foreignKey.Properties, property);
            if (index < 0)
            {
                return null;
            }

            sources.Add(foreignKey.PrincipalKey.Properties[index]);
        }

        return sources;
    }

    /// <summary>
    ///     Whether dependents live in their principal's partition: one table, the same partition key template, and the foreign key
    ///     carrying the principal's partition key properties into the dependent's, hole by hole.
    /// </summary>
    private static bool SamePartition(IForeignKey foreignKey)
    {
        var dependent = foreignKey.DeclaringEntityType;
        var principal = foreignKey.PrincipalEntityType;
        if (dependent.GetRootType().GetTableName() != principal.GetRootType().GetTableName())
        {
            return false;
        }

        var dependentPartition = DynamoDbKeyParts.PartitionKey(dependent);
        var principalPartition = DynamoDbKeyParts.PartitionKey(principal);
        if (dependentPartition == null || principalPartition == null || dependentPartition.AttributeName != principalPartition.AttributeName
            || dependentPartition.Template?.Text != principalPartition.Template?.Text
            || dependentPartition.Properties.Count != principalPartition.Properties.Count)
        {
            return false;
        }

        for (var i = 0; i < dependentPartition.Properties.Count; i++)
        {
            var index = IndexOf(foreignKey.Properties, dependentPartition.Properties[i]);
            if (index < 0 || foreignKey.PrincipalKey.Properties[index].Name != principalPartition.Properties[i].Name)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The position of a property (by name) in a key's properties, or -1.</summary>
    internal static int IndexOf(IReadOnlyList<IReadOnlyProperty> properties, IReadOnlyProperty property)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i].Name == property.Name)
            {
                return i;
            }
        }

        return -1;
    }
}
