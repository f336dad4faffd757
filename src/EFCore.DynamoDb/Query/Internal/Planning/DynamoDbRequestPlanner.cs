using EFCore.DynamoDb.Query.Internal.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using static EFCore.DynamoDb.Query.Internal.Planning.PlanParts;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>
///     Chooses the cheapest DynamoDB operation that answers a query exactly (docs/design.md section 3): GetItem when the full
///     key is pinned, BatchGetItem for several full keys, Query when a partition key of the table (or of a secondary index
///     that holds every item the query can match) is pinned, Scan otherwise. Each plan is built by its own planner.
/// </summary>
internal static class DynamoDbRequestPlanner
{
    public static ReadPlan Plan(DynamoDbQueryExpression query, PlanningContext context)
        => query.TransactionalRead ? TransactGetPlanner.Plan(query, PlanRead(query, context)) : PlanRead(query, context);

    private static ReadPlan PlanRead(DynamoDbQueryExpression query, PlanningContext context)
    {
        var root = query.RootEntityType;
        var bound = FilterBinder.Bind(query.Predicate ?? ConstantFilter.True, context.Parameters);
        if (bound is ConstantFilter { Value: false })
        {
            return new EmptyPlan("the condition can never hold") { TableName = context.TableName, EntityTypeName = context.EntityTypeName };
        }

        var conjuncts = FilterBinder.Conjuncts(bound).ToList();
        if (query.Source != null)
        {
            return ReadSourcePlanner.Plan(query, context, conjuncts);
        }

        var table = KeySchema.ForTable(root);

        // Conditions on the properties of key templates imply conditions on the key attributes they build.
        if (KeyTemplateConditions.TemplateParts(root) is { Count: > 0 } templateParts)
        {
            var withImplied = KeyTemplateConditions.WithImplied(conjuncts, templateParts);
            context = context with { Implied = new HashSet<FilterNode>(withImplied.Skip(conjuncts.Count), ReferenceEqualityComparer.Instance) };
            conjuncts = withImplied;
        }

        if (context.IndexName != null)
        {
            return PlanForcedIndex(query, context, conjuncts, table, context.IndexName);
        }

        // The full primary key: GetItem (anything else in the condition is checked on the one item read).
        var partitionValue = FindEquality(conjuncts, table.PartitionKey);
        var sortValue = table.SortKey == null ? null : FindEquality(conjuncts, table.SortKey);
        if (partitionValue != null && (table.SortKey == null || sortValue != null))
        {
            return GetItemPlanner.Plan(query, context, conjuncts, table, partitionValue.Value, sortValue);
        }

        // Several full keys (lists of key values, or an OR of full keys): BatchGetItem.
        if (FullKeySet.Find(conjuncts, table, KeyTemplateConditions.TemplateParts(root)) is { } keySet)
        {
            return BatchGetItemPlanner.Plan(query, context, conjuncts, table, keySet);
        }

        if (partitionValue != null)
        {
            // The partition is pinned: the table, unless an index on the same partition serves the condition or the ordering
            // better (a local index's sort key condition, or an OrderBy on its sort key).
            var tableScore = OrderingFits(query, table) ? Score(query, conjuncts, table) : -1;
            if (ChooseIndex(query, context, conjuncts, table, samePartitionAsTable: true) is { } candidate && candidate.Score > tableScore)
            {
                return QueryPlanner.Plan(query, context, conjuncts, candidate.Index, table);
            }

            if (tableScore < 0)
            {
                throw UnservableOrdering(query, context, conjuncts, table);
            }

            return QueryPlanner.Plan(query, context, conjuncts, table, table);
        }

        // A list of partition keys without the sort key: one Query per partition.
        if (FindIn(conjuncts, table.PartitionKey) is { } partitionKeys)
        {
            return QueryPlanner.PlanPerPartition(query, context, conjuncts, table, partitionKeys);
        }

        if (ChooseIndex(query, context, conjuncts, table) is { } index)
        {
            return QueryPlanner.Plan(query, context, conjuncts, index.Index, table);
        }

        return ScanPlanner.Plan(query, context, conjuncts, table, table, NoKeyPinned(root, table));
    }

    /// <summary>WithIndex(name): a Query of that index when its partition key is pinned, else a Scan of it.</summary>
    private static ReadPlan PlanForcedIndex(
        DynamoDbQueryExpression query,
        PlanningContext context,
        List<FilterNode> conjuncts,
        KeySchema table,
        string indexName)
    {
        var root = query.RootEntityType;
        var forced = KeySchema.ForIndex(root, indexName)
            ?? throw new InvalidOperationException(
                $"WithIndex(\"{indexName}\"): the table of '{root.DisplayName()}' has no index of that name. Its indexes are: "
                + (string.Join(", ", KeySchema.AllIndexes(root).Select(i => i.IndexName)) is { Length: > 0 } names ? names : "(none)") + ".");
        if (query.ConsistentRead && !forced.IsLocal)
        {
            throw new InvalidOperationException(
                $"WithConsistentRead cannot be used with the global secondary index '{forced.IndexName}': DynamoDB only reads global "
                + "indexes with eventual consistency.");
        }

        return FindEquality(conjuncts, forced.PartitionKey) != null
            ? QueryPlanner.Plan(query, context, conjuncts, forced, table)
            : ScanPlanner.Plan(query, context, conjuncts, forced, table,
                $"the condition does not pin the partition key {forced.PartitionKey} of the index '{forced.IndexName}' given with WithIndex");
    }

    /// <summary>Why a query is a Scan: which partition keys it could have pinned.</summary>
    private static string NoKeyPinned(IEntityType root, KeySchema table)
    {
        var indexes = KeySchema.AllIndexes(root).Where(i => !i.IsLocal).Select(i => $"{i.PartitionKey} (index '{i.IndexName}')").ToList();
        return $"its condition pins no partition key with == (the table's is {table.PartitionKey}"
            + (indexes.Count > 0 ? "; its global indexes' are " + string.Join(", ", indexes) : "") + ")";
    }

    private static (KeySchema Index, int Score)? ChooseIndex(
        DynamoDbQueryExpression query,
        PlanningContext context,
        List<FilterNode> conjuncts,
        KeySchema table,
        bool samePartitionAsTable = false)
    {
        (KeySchema Index, int Score)? best = null;
        foreach (var index in KeySchema.AllIndexes(query.RootEntityType))
        {
            if ((samePartitionAsTable && index.PartitionKey != table.PartitionKey)
                || UnusableBecause(query, context, conjuncts, table, index) != null)
            {
                continue;
            }

            var score = Score(query, conjuncts, index);
            if (best == null || score > best.Value.Score)
            {
                best = (index, score);
            }
        }

        return best;
    }

    /// <summary>How well a table or index whose partition is pinned serves the query: a sort-key condition, then the ordering.</summary>
    private static int Score(DynamoDbQueryExpression query, List<FilterNode> conjuncts, KeySchema target)
        => (target.SortKey != null && SortKeyConditions.Choose(conjuncts, target.SortKey) != null ? 2 : 0)
            + (query.Orderings.Count > 0 && OrderingFits(query, target) ? 1 : 0);

    /// <summary>Why an index cannot answer the query exactly, or null when it can.</summary>
    private static string? UnusableBecause(
        DynamoDbQueryExpression query,
        PlanningContext context,
        List<FilterNode> conjuncts,
        KeySchema table,
        KeySchema index)
    {
        if (FindEquality(conjuncts, index.PartitionKey) == null)
        {
            return $"the condition does not pin its partition key {index.PartitionKey} with ==";
        }

        if (query.ConsistentRead && !index.IsLocal)
        {
            return "it is a global index, which DynamoDB only reads with eventual consistency (WithConsistentRead)";
        }

        // An index only holds items that have its sort key: use it only when the query implies the attribute exists.
        if (index.SortKey != null && !IsPresent(query.RootEntityType, conjuncts, index.SortKey))
        {
            return $"it only holds the items that have {index.SortKey} (a sparse index), so it would leave out those where "
                + $"{index.SortKey} is null; add '{index.SortKey} != null' (or another condition on it) to the query to read the index";
        }

        if (!Covers(index, table, RequiredAttributes(query, context, conjuncts)))
        {
            return $"its projection ({index.Projection}) lacks attributes the query reads; project fewer attributes, or widen the index's projection";
        }

        return OrderingFits(query, index) ? null : $"its sort key is {index.SortKey ?? "(none)"}";
    }

    /// <summary>The ordering cannot be served: say which index would, and why it cannot.</summary>
    private static InvalidOperationException UnservableOrdering(
        DynamoDbQueryExpression query,
        PlanningContext context,
        List<FilterNode> conjuncts,
        KeySchema table)
    {
        var ordering = string.Join(", ", query.Orderings.Select(o => o.Path + (o.Ascending ? "" : " descending")));
        var reasons = KeySchema.AllIndexes(query.RootEntityType)
            .Where(i => OrderingFits(query, i))
            .Select(i => $"The {(i.IsLocal ? "local" : "global")} index '{i.IndexName}' is sorted by {i.SortKey}, but "
                + UnusableBecause(query, context, conjuncts, table, i) + ".")
            .ToList();
        return new InvalidOperationException(
            $"'{query.EntityType.DisplayName()}' is ordered by {ordering}, but DynamoDB returns a partition only in the order of the "
            + $"sort key of the table ({table.SortKey ?? "none"}) or of an index. "
            + (reasons.Count > 0
                ? string.Join(" ", reasons)
                : "No index of the table has that sort key: add one (HasIndex(...).IsLocalSecondaryIndex()), or order on the client the "
                + "items the query reads: call AsAsyncEnumerable() before OrderBy (query.AsAsyncEnumerable().OrderBy(...)), or order "
                + "after ToListAsync()."));
    }
}
