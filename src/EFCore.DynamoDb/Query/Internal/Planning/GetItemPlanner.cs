using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal.Expressions;
using static EFCore.DynamoDb.Query.Internal.Planning.PlanParts;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>The full primary key is pinned: one GetItem; the rest of the condition is checked on the one item read.</summary>
internal static class GetItemPlanner
{
    /// <summary>The conditions other than those the key answers (a list, not a LINQ chain: every key lookup plans this).</summary>
    private static List<FilterNode> Except(IReadOnlyList<FilterNode> conjuncts, FilterNode partition, FilterNode? sort)
    {
        var rest = new List<FilterNode>(conjuncts.Count);
        foreach (var conjunct in conjuncts)
        {
            if (conjunct != partition && conjunct != sort)
            {
                rest.Add(conjunct);
            }
        }

        return rest;
    }

    public static ReadPlan Plan(
        DynamoDbQueryExpression query,
        PlanningContext context,
        IReadOnlyList<FilterNode> conjuncts,
        KeySchema table,
        (FilterNode Node, AttributeValue Value) partition,
        (FilterNode Node, AttributeValue Value)? sort)
    {
        if (CannotBeKey(partition.Value) || (sort != null && CannotBeSortKey(sort.Value.Value)))
        {
            return new EmptyPlan(NoSuchKey) { TableName = context.TableName, EntityTypeName = context.EntityTypeName };
        }

        var key = new Dictionary<string, AttributeValue> { [table.PartitionKey] = partition.Value };
        if (sort != null)
        {
            key[table.SortKey!] = sort.Value.Value;
        }

        var rest = Except(conjuncts, partition.Node, sort?.Node);
        if (context.Implied.Count > 0)
        {
            rest = ClientChecks(context, rest);
        }
        var builder = new DynamoDbExpressionBuilder();
        var projection = ProjectionExpression(query, context, builder, rest, table, table);
        return new GetItemPlan(
            new GetItemRequest
            {
                TableName = context.TableName,
                Key = key,
                ConsistentRead = ConsistentRead(query),
                ProjectionExpression = projection,
                ExpressionAttributeNames = builder.NamesOrNull,
            })
        {
            TableName = context.TableName,
            ClientFilter = AndAll(rest),
            KeyAttributeNames = table.KeyAttributes,
            EntityTypeName = context.EntityTypeName,
            Options = context.Options,
        };
    }
}
