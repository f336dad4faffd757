using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal.Expressions;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.Query.Internal.Planning.PlanParts;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>No partition key is pinned: a Scan of the table (or of the index forced with WithIndex), the condition as its filter.</summary>
internal static class ScanPlanner
{
    public static ReadPlan Plan(
        DynamoDbQueryExpression query,
        PlanningContext context,
        IReadOnlyList<FilterNode> conjuncts,
        KeySchema target,
        KeySchema table,
        string reason)
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

        // Conditions on properties inside a key template's text are checked on the items read; the rest is the Scan's filter.
        var clientSide = ClientChecks(context, conjuncts.Where(HasKeyComponent));
        var builder = new DynamoDbExpressionBuilder();
        var request = new ScanRequest
        {
            TableName = context.TableName,
            IndexName = target.IndexName,
            ConsistentRead = ConsistentRead(query),
            FilterExpression = FilterExpression(builder, ServerFilters(context, conjuncts.Where(c => !HasKeyComponent(c))).ToList()),
            Select = CountSelect(query, clientSide),
        };
        if (request.Select == null)
        {
            request.ProjectionExpression = ProjectionExpression(query, context, builder, clientSide, target, table);
        }

        request.ExpressionAttributeNames = builder.NamesOrNull;
        request.ExpressionAttributeValues = builder.ValuesOrNull;
        return new ScanPlan(request, request.Select == Amazon.DynamoDBv2.Select.COUNT, reason)
        {
            TableName = context.TableName,
            IndexName = target.IndexName,
            KeyAttributeNames = KeyAttributesOf(target, table),
            EntityTypeName = context.EntityTypeName,
            Options = context.Options,
            ClientFilter = AndAll(clientSide),
        };
    }
}
