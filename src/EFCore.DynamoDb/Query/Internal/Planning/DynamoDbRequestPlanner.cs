using System.Collections;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using ComparisonOperator = EFCore.DynamoDb.Query.Internal.Filters.ComparisonOperator;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>What the planner needs besides the query: values only known when it runs.</summary>
/// <param name="Parameters">The query's parameter values.</param>
/// <param name="TableName">The table name with the options' prefix.</param>
/// <param name="ProjectedAttributes">The top-level attributes the results need, or null for whole items.</param>
/// <param name="IndexName">The index forced with WithIndex, if any.</param>
internal sealed record PlanningContext(
    IReadOnlyDictionary<string, object?> Parameters,
    string TableName,
    IReadOnlyList<string>? ProjectedAttributes,
    string? IndexName);

/// <summary>
///     Chooses the cheapest DynamoDB operation that answers a query exactly (docs/design.md section 3): GetItem when the full key
///     is pinned, BatchGetItem for a list of keys, Query when a partition key of the table (or of a secondary index that
///     holds every item the query can match) is pinned, Scan otherwise.
/// </summary>
internal static class DynamoDbRequestPlanner
{
    public static DynamoDbReadPlan Plan(DynamoDbQueryExpression query, PlanningContext context)
    {
        var root = query.RootEntityType;
        var bound = FilterBinder.Bind(query.Predicate ?? ConstantFilter.True, context.Parameters);
        if (bound is ConstantFilter { Value: false })
        {
            return DynamoDbReadPlan.Nothing(context.TableName, "the condition can never hold");
        }

        var conjuncts = FilterBinder.Conjuncts(bound).ToList();
        var table = KeySchema.ForTable(root);

        if (context.IndexName != null)
        {
            var forced = KeySchema.ForIndex(root, context.IndexName)
                ?? throw new InvalidOperationException(
                    $"WithIndex(\"{context.IndexName}\"): the table of '{root.DisplayName()}' has no index of that name. Its indexes are: "
                    + (string.Join(", ", KeySchema.AllIndexes(root).Select(i => i.IndexName)) is { Length: > 0 } names ? names : "(none)") + ".");
            if (query.ConsistentRead && !forced.IsLocal)
            {
                throw new InvalidOperationException(
                    $"WithConsistentRead cannot be used with the global secondary index '{forced.IndexName}': DynamoDB only reads global "
                    + "indexes with eventual consistency.");
            }

            return FindEquality(conjuncts, forced.PartitionKey) != null
                ? QueryPlan(query, context, conjuncts, forced, table)
                : ScanPlan(query, context, conjuncts, forced, table);
        }

        // The full primary key: GetItem (anything else in the condition is checked on the one item read).
        var partitionValue = FindEquality(conjuncts, table.PartitionKey);
        var sortValue = table.SortKey == null ? null : FindEquality(conjuncts, table.SortKey);
        if (partitionValue != null && (table.SortKey == null || sortValue != null))
        {
            return GetItemPlan(query, context, conjuncts, table, partitionValue.Value, sortValue);
        }

        if (partitionValue != null)
        {
            // Ordering by a local index's sort key: the index shares the table's partition key.
            return !OrderingFits(query, table) && ChooseIndex(query, context, conjuncts, table) is { } orderedIndex
                ? QueryPlan(query, context, conjuncts, orderedIndex, table)
                : QueryPlan(query, context, conjuncts, table, table);
        }

        // A list of partition keys: BatchGetItem when the sort key is pinned too, else one Query per partition.
        if (FindIn(conjuncts, table.PartitionKey) is { } partitionKeys)
        {
            if (table.SortKey == null || sortValue != null)
            {
                return BatchGetPlan(query, context, conjuncts, table, partitionKeys, sortValue);
            }

            return MultiQueryPlan(query, context, conjuncts, table, partitionKeys);
        }

        if (ChooseIndex(query, context, conjuncts, table) is { } index)
        {
            return QueryPlan(query, context, conjuncts, index, table);
        }

        return ScanPlan(query, context, conjuncts, table, table);
    }

    private static DynamoDbReadPlan GetItemPlan(
        DynamoDbQueryExpression query,
        PlanningContext context,
        List<FilterNode> conjuncts,
        KeySchema table,
        (FilterNode Node, AttributeValue Value) partition,
        (FilterNode Node, AttributeValue Value)? sort)
    {
        if (CannotBeKey(partition.Value) || (sort != null && CannotBeSortKey(sort.Value.Value)))
        {
            return DynamoDbReadPlan.Nothing(context.TableName, NoSuchKey);
        }

        var key = new Dictionary<string, AttributeValue> { [table.PartitionKey] = partition.Value };
        if (sort != null)
        {
            key[table.SortKey!] = sort.Value.Value;
        }

        var rest = conjuncts.Where(c => c != partition.Node && c != sort?.Node).ToList();
        var builder = new DynamoDbExpressionBuilder();
        var projection = ProjectionExpression(query, context, builder, rest, table, table);
        return new DynamoDbReadPlan
        {
            Operation = ReadOperation.GetItem,
            TableName = context.TableName,
            GetItem = new GetItemRequest
            {
                TableName = context.TableName,
                Key = key,
                ConsistentRead = query.ConsistentRead ? true : null,
                ProjectionExpression = projection,
                ExpressionAttributeNames = builder.NamesOrNull,
            },
            ClientFilter = AndAll(rest),
            KeyAttributeNames = table.KeyAttributes,
        };
    }

    private static DynamoDbReadPlan BatchGetPlan(
        DynamoDbQueryExpression query,
        PlanningContext context,
        List<FilterNode> conjuncts,
        KeySchema table,
        (FilterNode Node, IReadOnlyList<AttributeValue> Values) partitionKeys,
        (FilterNode Node, AttributeValue Value)? sort)
    {
        RequireNoOrdering(query, "a list of partition keys is read with BatchGetItem, which returns items in no particular order");
        var keys = partitionKeys.Values.Where(v => !CannotBeKey(v))
            .Select(v =>
            {
                var key = new Dictionary<string, AttributeValue> { [table.PartitionKey] = v };
                if (sort != null)
                {
                    key[table.SortKey!] = sort.Value.Value;
                }

                return key;
            })
            .ToList();
        if (keys.Count == 0 || (sort != null && CannotBeSortKey(sort.Value.Value)))
        {
            return DynamoDbReadPlan.Nothing(context.TableName, NoSuchKey);
        }

        var rest = conjuncts.Where(c => c != partitionKeys.Node && c != sort?.Node).ToList();
        var builder = new DynamoDbExpressionBuilder();
        var projection = ProjectionExpression(query, context, builder, rest, table, table);
        return new DynamoDbReadPlan
        {
            Operation = ReadOperation.BatchGetItem,
            TableName = context.TableName,
            BatchKeys = keys,
            BatchTemplate = new KeysAndAttributes
            {
                ConsistentRead = query.ConsistentRead ? true : null,
                ProjectionExpression = projection,
                ExpressionAttributeNames = builder.NamesOrNull,
            },
            ClientFilter = AndAll(rest),
            KeyAttributeNames = table.KeyAttributes,
        };
    }

    private static DynamoDbReadPlan QueryPlan(
        DynamoDbQueryExpression query,
        PlanningContext context,
        List<FilterNode> conjuncts,
        KeySchema target,
        KeySchema table)
    {
        var partition = FindEquality(conjuncts, target.PartitionKey)!.Value;
        if (CannotBeKey(partition.Value))
        {
            return DynamoDbReadPlan.Nothing(context.TableName, NoSuchKey);
        }

        var request = BuildQuery(query, context, conjuncts.Where(c => c != partition.Node).ToList(), target, table, partition.Value,
            out var clientFilter, out var empty);
        if (empty)
        {
            return DynamoDbReadPlan.Nothing(context.TableName, "the sort key range is empty");
        }

        return new DynamoDbReadPlan
        {
            Operation = ReadOperation.Query,
            TableName = context.TableName,
            IndexName = target.IndexName,
            Queries = [request],
            ClientFilter = clientFilter,
            KeyAttributeNames = KeyAttributesOf(target, table),
            CountOnServer = request.Select == Select.COUNT,
        };
    }

    private static DynamoDbReadPlan MultiQueryPlan(
        DynamoDbQueryExpression query,
        PlanningContext context,
        List<FilterNode> conjuncts,
        KeySchema table,
        (FilterNode Node, IReadOnlyList<AttributeValue> Values) partitionKeys)
    {
        RequireNoOrdering(query, "a list of partition keys is read with one Query per key, and the results of several partitions have no common order");
        var rest = conjuncts.Where(c => c != partitionKeys.Node).ToList();
        var requests = new List<QueryRequest>();
        FilterNode? clientFilter = null;
        foreach (var value in partitionKeys.Values.Where(v => !CannotBeKey(v)))
        {
            var request = BuildQuery(query, context, rest, table, table, value, out clientFilter, out var empty);
            if (empty)
            {
                return DynamoDbReadPlan.Nothing(context.TableName, "the sort key range is empty");
            }

            requests.Add(request);
        }

        if (requests.Count == 0)
        {
            return DynamoDbReadPlan.Nothing(context.TableName, NoSuchKey);
        }

        return new DynamoDbReadPlan
        {
            Operation = ReadOperation.Query,
            TableName = context.TableName,
            Queries = requests,
            ClientFilter = clientFilter,
            KeyAttributeNames = table.KeyAttributes,
            CountOnServer = requests[0].Select == Select.COUNT,
        };
    }

    private static QueryRequest BuildQuery(
        DynamoDbQueryExpression query,
        PlanningContext context,
        List<FilterNode> rest,
        KeySchema target,
        KeySchema table,
        AttributeValue partitionValue,
        out FilterNode? clientFilter,
        out bool empty)
    {
        var builder = new DynamoDbExpressionBuilder();
        var keyCondition = $"{builder.Name(target.PartitionKey)} = {builder.Value(partitionValue)}";
        var used = new List<FilterNode>();
        empty = false;
        if (target.SortKey != null && SortKeyConditions.Choose(rest, target.SortKey) is { } sortCondition)
        {
            if (sortCondition.IsEmpty)
            {
                empty = true;
                clientFilter = null;
                return new QueryRequest();
            }

            keyCondition += " AND " + sortCondition.Write(builder);
            used.AddRange(sortCondition.Covered);
        }

        var remaining = rest.Except(used).ToList();

        // A Query's filter may not name the queried keys; conditions on them are checked on the client.
        var keys = target.KeyAttributes.ToHashSet(StringComparer.Ordinal);
        var serverFilter = remaining.Where(c => !ReferencesAny(c, keys)).ToList();
        var clientSide = remaining.Where(c => ReferencesAny(c, keys)).ToList();
        clientFilter = AndAll(clientSide);

        var request = new QueryRequest
        {
            TableName = context.TableName,
            IndexName = target.IndexName,
            KeyConditionExpression = keyCondition,
            ConsistentRead = query.ConsistentRead ? true : null,
            ScanIndexForward = Direction(query, target),
        };
        ApplyFilter(request, builder, serverFilter, out var filterExpression);
        request.FilterExpression = filterExpression;
        if (query.Terminal == QueryTerminal.Count && clientSide.Count == 0)
        {
            request.Select = Select.COUNT;
        }
        else
        {
            request.ProjectionExpression = ProjectionExpression(query, context, builder, clientSide, target, table);
        }

        request.ExpressionAttributeNames = builder.NamesOrNull;
        request.ExpressionAttributeValues = builder.ValuesOrNull;
        return request;
    }

    private static DynamoDbReadPlan ScanPlan(
        DynamoDbQueryExpression query,
        PlanningContext context,
        List<FilterNode> conjuncts,
        KeySchema target,
        KeySchema table)
    {
        if (query.Orderings.Count > 0)
        {
            throw new InvalidOperationException(
                $"'{query.EntityType.DisplayName()}' is ordered by {string.Join(", ", query.Orderings.Select(o => o.Path))}, but this query "
                + $"pins no partition key, so it runs as a Scan, which returns items in no order. Add '{target.PartitionKey} == value' "
                + "for the table or index whose sort key you order by.");
        }

        if (query.ConsistentRead && target.IndexName != null && !target.IsLocal)
        {
            throw new InvalidOperationException(
                $"WithConsistentRead cannot be used with the global secondary index '{target.IndexName}'.");
        }

        var builder = new DynamoDbExpressionBuilder();
        var request = new ScanRequest
        {
            TableName = context.TableName,
            IndexName = target.IndexName,
            ConsistentRead = query.ConsistentRead ? true : null,
        };
        ApplyFilter(request, builder, conjuncts, out var filterExpression);
        request.FilterExpression = filterExpression;
        if (query.Terminal == QueryTerminal.Count)
        {
            request.Select = Select.COUNT;
        }
        else
        {
            request.ProjectionExpression = ProjectionExpression(query, context, builder, [], target, table);
        }

        request.ExpressionAttributeNames = builder.NamesOrNull;
        request.ExpressionAttributeValues = builder.ValuesOrNull;
        return new DynamoDbReadPlan
        {
            Operation = ReadOperation.Scan,
            TableName = context.TableName,
            IndexName = target.IndexName,
            Scan = request,
            KeyAttributeNames = KeyAttributesOf(target, table),
            CountOnServer = request.Select == Select.COUNT,
        };
    }

    private static KeySchema? ChooseIndex(
        DynamoDbQueryExpression query,
        PlanningContext context,
        List<FilterNode> conjuncts,
        KeySchema table)
    {
        KeySchema? best = null;
        var bestScore = -1;
        foreach (var index in KeySchema.AllIndexes(query.RootEntityType))
        {
            if (FindEquality(conjuncts, index.PartitionKey) == null
                || (query.ConsistentRead && !index.IsLocal)
                // An index only holds items that have its sort key: use it only when the query implies the attribute exists.
                || (index.SortKey != null && !IsPresent(query.RootEntityType, conjuncts, index.SortKey))
                || !Covers(index, table, RequiredAttributes(query, context, conjuncts))
                || !OrderingFits(query, index))
            {
                continue;
            }

            var score = (index.SortKey != null && SortKeyConditions.Choose(conjuncts, index.SortKey) != null ? 2 : 0)
                + (query.Orderings.Count > 0 ? 1 : 0);
            if (score > bestScore)
            {
                best = index;
                bestScore = score;
            }
        }

        return best;
    }

    private static bool? Direction(DynamoDbQueryExpression query, KeySchema target)
    {
        if (!OrderingFits(query, target))
        {
            throw new InvalidOperationException(
                $"'{query.EntityType.DisplayName()}' is ordered by {string.Join(", ", query.Orderings.Select(o => o.Path + (o.Ascending ? "" : " descending")))}, "
                + $"but the query reads {(target.IndexName == null ? "the table" : "the index '" + target.IndexName + "'")}, whose sort key is "
                + $"{target.SortKey ?? "(none)"}. DynamoDB returns a partition in its sort key's order only; pin the partition key of a "
                + "table or index whose sort key you order by.");
        }

        var sortOrdering = query.Orderings.FirstOrDefault(o => o.Path.RootAttribute == target.SortKey);
        return sortOrdering is { Ascending: false } ? false : null;
    }

    private static bool OrderingFits(DynamoDbQueryExpression query, KeySchema target)
        => query.Orderings.All(o => o.Path.RootAttribute == target.PartitionKey || o.Path.RootAttribute == target.SortKey);

    private static void RequireNoOrdering(DynamoDbQueryExpression query, string reason)
    {
        if (query.Orderings.Count > 0)
        {
            throw new InvalidOperationException($"The ordering of '{query.EntityType.DisplayName()}' cannot be applied: {reason}.");
        }
    }

    private static void ApplyFilter(AmazonDynamoDBRequest request, DynamoDbExpressionBuilder builder, List<FilterNode> filters, out string? expression)
    {
        expression = null;
        if (AndAll(filters) is { } filter)
        {
            var writer = new FilterWriter(builder);
            expression = writer.Write(filter);
            DynamoDbExpressionLimits.Check("FilterExpression", expression, writer.OperatorCount);
        }
    }

    /// <summary>The ProjectionExpression: the attributes results need, plus those checked on the client; null for whole items.</summary>
    private static string? ProjectionExpression(
        DynamoDbQueryExpression query,
        PlanningContext context,
        DynamoDbExpressionBuilder builder,
        IReadOnlyList<FilterNode> clientSide,
        KeySchema target,
        KeySchema table)
    {
        IEnumerable<string>? attributes = query.Terminal == QueryTerminal.Items ? context.ProjectedAttributes : [];
        if (attributes == null)
        {
            return null;
        }

        var all = new List<string>(attributes);
        all.AddRange(clientSide.SelectMany(AttributesOf));

        // The keys always: GetItem and BatchGetItem answer an item that has none of the projected attributes as no item at all,
        // which would drop a row LINQ-to-Objects has (with nulls); and a read error can then name the item by its key.
        all.AddRange(KeyAttributesOf(target, table));
        return string.Join(", ", all.Distinct(StringComparer.Ordinal).Select(builder.Name));
    }

    private static IReadOnlyList<string>? RequiredAttributes(DynamoDbQueryExpression query, PlanningContext context, List<FilterNode> conjuncts)
    {
        if (query.Terminal == QueryTerminal.Items && context.ProjectedAttributes == null)
        {
            return null;
        }

        return (context.ProjectedAttributes ?? []).Concat(conjuncts.SelectMany(AttributesOf)).Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool Covers(KeySchema index, KeySchema table, IReadOnlyList<string>? required)
        => index.Projection == DynamoDbIndexProjection.All
            || (required != null
                && required.All(a => index.KeyAttributes.Contains(a) || table.KeyAttributes.Contains(a) || index.IncludedAttributes.Contains(a)));

    private static bool IsPresent(IEntityType root, List<FilterNode> conjuncts, string attribute)
    {
        // Non-nullable properties are always written, so the attribute is in every item of the type.
        var property = root.GetDerivedTypesInclusive().SelectMany(t => t.GetDeclaredProperties())
            .FirstOrDefault(p => p.GetAttributeName() == attribute);
        if (property is { IsNullable: false } && root.GetDerivedTypesInclusive().All(t => t.FindProperty(property.Name) != null))
        {
            return true;
        }

        return conjuncts.Any(c => c switch
        {
            ComparisonFilter { Left: PathOperand { IsTopLevel: true } p, Operator: not ComparisonOperator.NotEqual, Right: ConstantOperand }
                => p.RootAttribute == attribute,
            NullCheckFilter { IsNull: false, Path: { IsTopLevel: true } p } => p.RootAttribute == attribute,
            BeginsWithFilter { Path: { IsTopLevel: true } p } => p.RootAttribute == attribute,
            InFilter { Path: { IsTopLevel: true } p } => p.RootAttribute == attribute,
            _ => false,
        });
    }

    private static (FilterNode Node, AttributeValue Value)? FindEquality(List<FilterNode> conjuncts, string attribute)
    {
        foreach (var conjunct in conjuncts)
        {
            if (conjunct is ComparisonFilter
                {
                    Operator: ComparisonOperator.Equal, Left: PathOperand { IsTopLevel: true } path, Right: ConstantOperand { Value: not null } value,
                }
                && path.RootAttribute == attribute
                && value.Mapping.ToAttributeValue(value.Value) is { } attributeValue
                && (attributeValue.S != null || attributeValue.N != null || attributeValue.B != null))
            {
                return (conjunct, attributeValue);
            }
        }

        return null;
    }

    private static (FilterNode Node, IReadOnlyList<AttributeValue> Values)? FindIn(List<FilterNode> conjuncts, string attribute)
    {
        foreach (var conjunct in conjuncts)
        {
            if (conjunct is InFilter { Path: { IsTopLevel: true } path, Values: ConstantOperand values } && path.RootAttribute == attribute)
            {
                var attributeValues = ((IEnumerable)values.Value!).Cast<object?>()
                    .Select(v => values.Mapping.ToAttributeValue(v)!)
                    .DistinctBy(KeyText)
                    .ToList();
                return (conjunct, attributeValues);
            }
        }

        return null;
    }

    internal static string KeyText(AttributeValue value)
        => value.S != null ? "S" + value.S
            : value.N != null ? "N" + Storage.Internal.Codecs.DynamoDbNumber.Normalize(value.N)
            : "B" + Convert.ToBase64String(value.B!.ToArray());

    private const string NoSuchKey = "no DynamoDB key can hold the value asked for (keys are never empty, and at most 2048 bytes for a "
        + "partition key, 1024 for a sort key)";

    /// <summary>Whether no item can have this partition key value: nothing to read (DynamoDB would reject the request).</summary>
    private static bool CannotBeKey(AttributeValue value) => DynamoDbKeyLimits.CannotBeKey(value, isSortKey: false);

    private static bool CannotBeSortKey(AttributeValue value) => DynamoDbKeyLimits.CannotBeKey(value, isSortKey: true);

    private static IReadOnlyList<string> KeyAttributesOf(KeySchema target, KeySchema table)
        => target.KeyAttributes.Concat(table.KeyAttributes).Distinct(StringComparer.Ordinal).ToList();

    internal static IEnumerable<string> AttributesOf(FilterNode node)
        => node switch
        {
            AndFilter a => AttributesOf(a.Left).Concat(AttributesOf(a.Right)),
            OrFilter o => AttributesOf(o.Left).Concat(AttributesOf(o.Right)),
            NotFilter n => AttributesOf(n.Operand),
            ComparisonFilter c => c.Right is PathOperand r ? [c.Left.Path.RootAttribute, r.RootAttribute] : [c.Left.Path.RootAttribute],
            StringCompareFilter s => [s.Path.RootAttribute],
            NullCheckFilter n => [n.Path.RootAttribute],
            BeginsWithFilter b => [b.Path.RootAttribute],
            ContainsFilter c => [c.Path.RootAttribute],
            InFilter i => [i.Path.RootAttribute],
            _ => [],
        };

    private static bool ReferencesAny(FilterNode node, HashSet<string> attributes) => AttributesOf(node).Any(attributes.Contains);

    private static FilterNode? AndAll(IReadOnlyList<FilterNode> nodes)
        => nodes.Count == 0 ? null : nodes.Aggregate(FilterBinder.And);
}
