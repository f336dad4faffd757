using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal.Expressions;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.Query.Internal.Planning.PlanParts;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>
///     A partition key of the table or an index is pinned: a Query with the key condition (the partition key, and the best
///     sort-key condition <see cref="SortKeyConditions" /> finds), the rest as FilterExpression, except conditions on the
///     queried keys, which a Query's filter may not name and are checked on the client. A list of partition keys is one
///     Query per key.
/// </summary>
internal static class QueryPlanner
{
    public static ReadPlan Plan(
        DynamoDbQueryExpression query,
        PlanningContext context,
        IReadOnlyList<FilterNode> conjuncts,
        KeySchema target,
        KeySchema table)
    {
        var partition = FindEquality(conjuncts, target.PartitionKey)!.Value;
        if (CannotBeKey(partition.Value))
        {
            return new EmptyPlan(NoSuchKey) { TableName = context.TableName, EntityTypeName = context.EntityTypeName };
        }

        if (!OrderingFits(query, target))
        {
            throw new InvalidOperationException(
                $"'{query.EntityType.DisplayName()}' is ordered by {string.Join(", ", query.Orderings.Select(o => o.Path + (o.Ascending ? "" : " descending")))}, "
                + $"but the query reads {(target.IndexName == null ? "the table" : "the index '" + target.IndexName + "'")}, whose sort key is "
                + $"{target.SortKey ?? "(none)"}. DynamoDB returns a partition in its sort key's order only; pin the partition key of a "
                + "table or index whose sort key you order by.");
        }

        var request = Build(query, context, conjuncts.Where(c => c != partition.Node).ToList(), target, table, partition.Value, out var clientFilter);
        if (request == null)
        {
            return new EmptyPlan("the sort key range is empty") { TableName = context.TableName, EntityTypeName = context.EntityTypeName };
        }

        return new QueryPlan([request], request.Select == Amazon.DynamoDBv2.Select.COUNT)
        {
            TableName = context.TableName,
            IndexName = target.IndexName,
            PartitionValues = target.IndexName == null ? [partition.Value] : null,
            ClientFilter = clientFilter,
            KeyAttributeNames = KeyAttributesOf(target, table),
            EntityTypeName = context.EntityTypeName,
            Options = context.Options,
        };
    }

    /// <summary>A list of partition keys without the sort key: one Query per partition, one after the other.</summary>
    public static ReadPlan PlanPerPartition(
        DynamoDbQueryExpression query,
        PlanningContext context,
        IReadOnlyList<FilterNode> conjuncts,
        KeySchema table,
        (FilterNode Node, IReadOnlyList<AttributeValue> Values) partitionKeys)
    {
        RequireNoOrdering(query, "a list of partition keys is read with one Query per key, and the results of several partitions have no common order");
        var rest = conjuncts.Where(c => c != partitionKeys.Node).ToList();
        var requests = new List<QueryRequest>();
        var partitions = new List<AttributeValue>();
        FilterNode? clientFilter = null;
        foreach (var value in partitionKeys.Values.Where(v => !CannotBeKey(v)))
        {
            partitions.Add(value);
            var request = Build(query, context, rest, table, table, value, out clientFilter);
            if (request == null)
            {
                return new EmptyPlan("the sort key range is empty") { TableName = context.TableName, EntityTypeName = context.EntityTypeName };
            }

            requests.Add(request);
        }

        if (requests.Count == 0)
        {
            return new EmptyPlan(NoSuchKey) { TableName = context.TableName, EntityTypeName = context.EntityTypeName };
        }

        return new QueryPlan(requests, requests[0].Select == Amazon.DynamoDBv2.Select.COUNT)
        {
            TableName = context.TableName,
            PartitionValues = partitions,
            ClientFilter = clientFilter,
            KeyAttributeNames = table.KeyAttributes,
            EntityTypeName = context.EntityTypeName,
            Options = context.Options,
        };
    }

    /// <summary>The Query request of one partition, or null when the sort key range is empty.</summary>
    private static QueryRequest? Build(
        DynamoDbQueryExpression query,
        PlanningContext context,
        List<FilterNode> rest,
        KeySchema target,
        KeySchema table,
        AttributeValue partitionValue,
        out FilterNode? clientFilter)
    {
        var builder = new DynamoDbExpressionBuilder();
        var keyCondition = $"{builder.Name(target.PartitionKey)} = {builder.Value(partitionValue)}";
        var used = new List<FilterNode>();
        clientFilter = null;
        if (target.SortKey != null && SortKeyConditions.Choose(rest, target.SortKey) is { } sortCondition)
        {
            if (sortCondition.IsEmpty)
            {
                return null;
            }

            keyCondition += " AND " + sortCondition.Write(builder);
            used.AddRange(sortCondition.Covered);
        }

        var remaining = rest.Except(used).ToList();

        // A Query's filter may not name the queried keys; conditions on them are checked on the client.
        var keys = target.KeyAttributes.ToHashSet(StringComparer.Ordinal);
        // So are conditions on properties inside a key template's text, which DynamoDB cannot read apart.
        var serverFilter = ServerFilters(context, remaining.Where(c => !ReferencesAny(c, keys) && !HasKeyComponent(c))).ToList();
        var clientSide = ClientChecks(context, remaining.Where(c => ReferencesAny(c, keys) || HasKeyComponent(c)));
        clientFilter = AndAll(clientSide);

        var request = new QueryRequest
        {
            TableName = context.TableName,
            IndexName = target.IndexName,
            KeyConditionExpression = keyCondition,
            ConsistentRead = ConsistentRead(query),
            ScanIndexForward = Direction(query, target),
            FilterExpression = FilterExpression(builder, serverFilter),
            Select = CountSelect(query, clientSide),
        };
        if (request.Select == null)
        {
            request.ProjectionExpression = ProjectionExpression(query, context, builder, clientSide, target, table);
        }

        request.ExpressionAttributeNames = builder.NamesOrNull;
        request.ExpressionAttributeValues = builder.ValuesOrNull;
        return request;
    }
}
