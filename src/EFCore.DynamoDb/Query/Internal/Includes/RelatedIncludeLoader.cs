using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Query.Internal.Execution;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Query.Internal.Planning;
using EFCore.DynamoDb.Query.Internal.Translation;
using EFCore.DynamoDb.Storage.Internal.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Includes;

/// <summary>
///     Loads included entities of other entity types and connects them to the entities they belong to: from the items of an
///     item collection already read (one Query for a whole aggregate), or with requests of their own after the query's
///     (one Query per principal's partition, or one BatchGetItem of principals' keys) — never a Scan. Only entities related
///     to the query's results are materialized (and tracked), as with EF's Include.
/// </summary>
internal sealed class RelatedIncludeLoader(
    IReadOnlyList<RelatedInclude> includes,
    IReadOnlyDictionary<IEntityType, Func<QueryContext, Dictionary<string, AttributeValue>, object>> shapers,
    bool tracking)
{
    /// <summary>The includes.</summary>
    public IReadOnlyList<RelatedInclude> Includes => includes;

    /// <summary>What the includes read, for ToQueryString: in the query's own requests, or in requests after them.</summary>
    public string Describe(bool inTheQuery)
        => string.Join(Environment.NewLine, includes.SelectMany(i => Describe(i, 0, inTheQuery)));

    private static IEnumerable<string> Describe(RelatedInclude include, int depth, bool inTheQuery)
    {
        var how = inTheQuery
            ? "read by the same Query (its items are in the partition)"
            : include.ToPrincipal
                ? $"then one BatchGetItem of the '{include.Target.DisplayName()}' keys the foreign key holds"
                : $"then one Query per partition of '{include.Target.DisplayName()}' the results' keys make";
        yield return $"-- {new string(' ', depth * 2)}Include {include.Navigation.DeclaringEntityType.DisplayName()}.{include.Navigation.Name} ({include.Target.DisplayName()}): {how}";
        foreach (var line in include.Children.SelectMany(c => Describe(c, depth + 1, inTheQuery)))
        {
            yield return line;
        }
    }

    /// <summary>Whether every include lives in the partitions of the query's entities (so one read of those partitions serves them all).</summary>
    public bool IsItemCollection => includes.All(i => i.IsItemCollection);

    /// <summary>Connects the included entities found among <paramref name="items" /> (the whole partitions) to <paramref name="principals" />.</summary>
    public void LoadFromItems(QueryContext queryContext, IReadOnlyList<object> principals, IReadOnlyList<Dictionary<string, AttributeValue>> items)
    {
        foreach (var include in includes)
        {
            LoadFromItems(queryContext, include, principals, items);
        }
    }

    private void LoadFromItems(
        QueryContext queryContext,
        RelatedInclude include,
        IReadOnlyList<object> owners,
        IReadOnlyList<Dictionary<string, AttributeValue>> items)
    {
        var typeFilter = DiscriminatorFilters.For(include.Target);
        var candidates = items.Where(i => typeFilter == null || FilterEvaluator.Matches(typeFilter, i)).ToList();
        var loaded = Connect(queryContext, include, owners, candidates);
        foreach (var child in include.Children)
        {
            LoadFromItems(queryContext, child, loaded, items);
        }
    }

    /// <summary>Reads the included entities of <paramref name="principals" /> with requests of their own, level by level.</summary>
    public async Task LoadAsync(DynamoDbQueryContext context, IReadOnlyList<object> principals, CancellationToken cancellationToken)
    {
        foreach (var include in includes)
        {
            await LoadAsync(context, include, principals, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task LoadAsync(DynamoDbQueryContext context, RelatedInclude include, IReadOnlyList<object> owners, CancellationToken cancellationToken)
    {
        if (owners.Count == 0)
        {
            return;
        }

        var plan = Plan(context, include, owners);
        var items = new List<Dictionary<string, AttributeValue>>();
        if (plan != null)
        {
            await foreach (var page in ItemSource.ReadPagesAsync(context, plan, null, static () => null, cancellationToken).ConfigureAwait(false))
            {
                items.AddRange(page.Items);
            }
        }

        var loaded = Connect(context, include, owners, items);
        foreach (var child in include.Children)
        {
            await LoadAsync(context, child, loaded, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The requests that read the included entities of <paramref name="owners" />, or null when there is nothing to read.</summary>
    public static ReadPlan? Plan(DynamoDbQueryContext context, RelatedInclude include, IReadOnlyList<object> owners)
    {
        var target = include.Target;
        var table = context.TableNames.Resolve(target.GetRootType());
        if (include.ToPrincipal)
        {
            // The principals' full keys, from the dependents' foreign key values.
            var foreignKey = include.ForeignKey;
            var keys = new Dictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
            foreach (var owner in owners)
            {
                var values = foreignKey.Properties.Select(p => ItemPropertyValues.Read(p, owner)).ToList();
                if (values.Any(v => v == null))
                {
                    continue;
                }

                var key = TableKey(target, p => values[RelatedInclude.IndexOf(foreignKey.PrincipalKey.Properties, p)]!);
                keys.TryAdd(ItemPropertyValues.KeyText(key.Values.Select(v => (object?)(v.S ?? v.N))), key);
            }

            return keys.Count == 0
                ? null
                : new BatchGetItemPlan(keys.Values.ToList(), new KeysAndAttributes()) { TableName = table, EntityTypeName = target.DisplayName() };
        }

        // One Query per partition the owners' keys make: the partition key of the dependents, and their type's key prefix.
        var sources = RelatedInclude.DependentPartitionFromPrincipal(include.ForeignKey)!;
        var partitionKey = DynamoDbKeyParts.PartitionKey(target)!;
        var requests = new Dictionary<string, QueryRequest>(StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            var values = sources.Select(p => ItemPropertyValues.Read(p, owner)).ToList();
            if (values.Any(v => v == null))
            {
                continue;
            }

            var partition = ItemPropertyValues.KeyValue(partitionKey, values!);
            var text = ItemPropertyValues.KeyText([partition.S ?? partition.N]);
            if (!requests.ContainsKey(text))
            {
                requests[text] = PartitionQuery(table, target, partitionKey, partition, withTypePrefix: true);
            }
        }

        return requests.Count == 0
            ? null
            : new QueryPlan(requests.Values.ToList(), CountOnServer: false)
            {
                TableName = table,
                KeyAttributeNames = [partitionKey.AttributeName, .. DynamoDbKeyParts.SortKey(target) is { } sk ? [sk.AttributeName] : Array.Empty<string>()],
                EntityTypeName = target.DisplayName(),
            };
    }

    /// <summary>A Query of one partition, with the entity type's sort key prefix as key condition when asked and it has one.</summary>
    public static QueryRequest PartitionQuery(
        string table,
        IEntityType entityType,
        DynamoDbKeyPart partitionKey,
        AttributeValue partition,
        bool withTypePrefix)
    {
        var builder = new DynamoDbExpressionBuilder();
        var keyCondition = $"{builder.Name(partitionKey.AttributeName)} = {builder.Value(partition)}";
        if (withTypePrefix
            && DiscriminatorFilters.KeyPrefix(entityType.GetRootType()) is var (attribute, prefix)
            && attribute == DynamoDbKeyParts.SortKey(entityType)?.AttributeName)
        {
            keyCondition += $" AND begins_with({builder.Name(attribute)}, {builder.Value(new AttributeValue { S = prefix })})";
        }

        return new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = keyCondition,
            ExpressionAttributeNames = builder.NamesOrNull,
            ExpressionAttributeValues = builder.ValuesOrNull,
        };
    }

    /// <summary>The table key of an entity of <paramref name="entityType" /> whose key properties have the values <paramref name="valueOf" /> gives.</summary>
    private static Dictionary<string, AttributeValue> TableKey(IEntityType entityType, Func<IProperty, object> valueOf)
    {
        var key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var part in new[] { DynamoDbKeyParts.PartitionKey(entityType), DynamoDbKeyParts.SortKey(entityType) })
        {
            if (part != null)
            {
                key[part.AttributeName] = ItemPropertyValues.KeyValue(part, part.Properties.Select(p => valueOf((IProperty)p)).ToList());
            }
        }

        return key;
    }

    /// <summary>
    ///     Materializes the items that belong to one of the owners (by the foreign key) and connects each to its owner; returns
    ///     the entities loaded, for the includes below.
    /// </summary>
    private List<object> Connect(
        QueryContext queryContext,
        RelatedInclude include,
        IReadOnlyList<object> owners,
        IReadOnlyList<Dictionary<string, AttributeValue>> items)
    {
        var foreignKey = include.ForeignKey;
        var shaper = shapers[include.Target];
        var loaded = new List<object>();
        if (include.ToPrincipal)
        {
            // The owners are dependents; the items are principals, matched by their key against each dependent's foreign key.
            var principals = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var keyValues = foreignKey.PrincipalKey.Properties.Select(p => ItemPropertyValues.Read(p, item)).ToList();
                var text = ItemPropertyValues.KeyText(keyValues);
                if (!principals.ContainsKey(text)
                    && owners.Any(o => ItemPropertyValues.KeyText(foreignKey.Properties.Select(p => ItemPropertyValues.Read(p, o))) == text))
                {
                    principals[text] = shaper(queryContext, item);
                }
            }

            foreach (var owner in owners)
            {
                var text = ItemPropertyValues.KeyText(foreignKey.Properties.Select(p => ItemPropertyValues.Read(p, owner)));
                if (principals.TryGetValue(text, out var principal))
                {
                    Fixup(queryContext, include.Navigation, owner, principal);
                }
            }

            loaded.AddRange(principals.Values);
            return loaded;
        }

        // The owners are principals; the items are dependents whose foreign key holds an owner's key.
        var byKey = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            byKey.TryAdd(ItemPropertyValues.KeyText(foreignKey.PrincipalKey.Properties.Select(p => ItemPropertyValues.Read(p, owner))), owner);
            PrepareCollection(queryContext, include.Navigation, owner);
        }

        foreach (var item in items)
        {
            var text = ItemPropertyValues.KeyText(foreignKey.Properties.Select(p => ItemPropertyValues.Read(p, item)));
            if (byKey.TryGetValue(text, out var owner))
            {
                var dependent = shaper(queryContext, item);
                Fixup(queryContext, include.Navigation, owner, dependent);
                loaded.Add(dependent);
            }
        }

        return loaded;
    }

    /// <summary>An empty collection (and, when tracking, a loaded navigation) for each owner, even one with no dependents.</summary>
    private void PrepareCollection(QueryContext queryContext, INavigation navigation, object owner)
    {
        if (navigation.IsCollection)
        {
            navigation.GetCollectionAccessor()!.GetOrCreate(owner, forMaterialization: true);
        }

        if (tracking)
        {
            queryContext.SetNavigationIsLoaded(owner, navigation);
        }
        else
        {
            navigation.SetIsLoadedWhenNoTracking(owner);
        }
    }

    /// <summary>
    ///     Connects a related entity to its owner. Tracked entities are connected by EF's fix-up when they are tracked; entities
    ///     read without tracking are connected here, both ways.
    /// </summary>
    private void Fixup(QueryContext queryContext, INavigation navigation, object owner, object related)
    {
        if (tracking)
        {
            queryContext.SetNavigationIsLoaded(owner, navigation);
            return;
        }

        Set(navigation, owner, related);
        if (navigation.Inverse is { } inverse)
        {
            Set(inverse, related, owner);
        }
    }

    private static void Set(INavigation navigation, object entity, object value)
    {
        if (navigation.IsCollection)
        {
            navigation.GetCollectionAccessor()!.Add(entity, value, forMaterialization: true);
        }
        else
        {
            ((Microsoft.EntityFrameworkCore.Metadata.Internal.IRuntimePropertyBase)navigation).GetSetter().SetClrValueUsingContainingEntity(entity, value);
        }
    }
}
