using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal.Expressions;
using static EFCore.DynamoDb.Query.Internal.Planning.PlanParts;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>Several full primary keys (see <see cref="FullKeySet" />): BatchGetItem; the rest of the condition is checked on the items read.</summary>
internal static class BatchGetItemPlanner
{
    public static ReadPlan Plan(
        DynamoDbQueryExpression query,
        PlanningContext context,
        IReadOnlyList<FilterNode> conjuncts,
        KeySchema table,
        FullKeySet.Keys keys)
    {
        RequireNoOrdering(query, "a list of keys is read with BatchGetItem, which returns items in no particular order");
        if (keys.Values.Count == 0)
        {
            return new EmptyPlan(NoSuchKey) { TableName = context.TableName, EntityTypeName = context.EntityTypeName };
        }

        var rest = ClientChecks(context, conjuncts.Where(c => !keys.Covered.Contains(c)));
        var builder = new DynamoDbExpressionBuilder();
        var projection = ProjectionExpression(query, context, builder, rest, table, table);
        return new BatchGetItemPlan(
            keys.Values,
            new KeysAndAttributes
            {
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
