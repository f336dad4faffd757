using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>
///     WithTransactionalRead: the keys a key lookup or a BatchGetItem would read, read instead as one TransactGetItems (a
///     consistent snapshot). Shapes that do not pin full keys, or pin more than 100, are refused.
/// </summary>
internal static class TransactGetPlanner
{
    public static ReadPlan Plan(DynamoDbQueryExpression query, ReadPlan plan)
    {
        var (keys, projection, names) = plan switch
        {
            GetItemPlan get => ((IReadOnlyList<Dictionary<string, AttributeValue>>)[get.Request.Key], get.Request.ProjectionExpression,
                get.Request.ExpressionAttributeNames),
            BatchGetItemPlan batch => (batch.Keys, batch.Template.ProjectionExpression, batch.Template.ExpressionAttributeNames),
            EmptyPlan => (null, null, null),
            _ => throw new InvalidOperationException(
                $"WithTransactionalRead reads the full keys a query pins (a key lookup, a list of keys or an OR of keys) as one "
                + $"TransactGetItems, but this query of '{query.EntityType.DisplayName()}' pins no full key: it would be a "
                + $"{plan.GetType().Name.Replace("Plan", "", StringComparison.Ordinal)}. Pin the partition and sort keys with ==, or read "
                + "without WithTransactionalRead."),
        };
        if (keys == null)
        {
            return plan;
        }

        if (keys.Count > TransactGetPlan.MaxItems)
        {
            throw new InvalidOperationException(
                $"WithTransactionalRead reads at most {TransactGetPlan.MaxItems} items in one TransactGetItems; this query of "
                + $"'{query.EntityType.DisplayName()}' asks for {keys.Count} keys. Read them in several queries, or without WithTransactionalRead.");
        }

        return new TransactGetPlan(new TransactGetItemsRequest
        {
            TransactItems = keys.Select(k => new TransactGetItem
            {
                Get = new Get
                {
                    TableName = plan.TableName,
                    Key = k,
                    ProjectionExpression = projection,
                    ExpressionAttributeNames = names,
                },
            }).ToList(),
        })
        {
            TableName = plan.TableName,
            ClientFilter = plan.ClientFilter,
            KeyAttributeNames = plan.KeyAttributeNames,
            EntityTypeName = plan.EntityTypeName,
            Options = plan.Options,
        };
    }
}
