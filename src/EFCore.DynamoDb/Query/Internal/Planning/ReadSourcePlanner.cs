using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Execution;
using EFCore.DynamoDb.Query.Internal.Filters;
using static EFCore.DynamoDb.Query.Internal.Planning.PlanParts;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>
///     FromPartiQL and FromItems: the statement (ExecuteStatement with its parameters) or the given items; the query's whole
///     condition, the discriminator of a shared table included, is checked on the items they give.
/// </summary>
internal static class ReadSourcePlanner
{
    public static ReadPlan Plan(DynamoDbQueryExpression query, PlanningContext context, IReadOnlyList<FilterNode> conjuncts)
    {
        if (context.IndexName != null || context.Options.TotalSegments != null)
        {
            throw new InvalidOperationException(
                $"The query of '{context.EntityTypeName}' reads {(query.Source is PartiQLSource ? "a PartiQL statement" : "given items")}, which "
                + "WithIndex and WithParallelScan cannot apply to"
                + (query.Source is PartiQLSource ? "; name the index in the statement instead." : ": the items are already read."));
        }

        switch (query.Source)
        {
            case PartiQLSource partiQL:
                var statement = ((string)ParameterEvaluator.Evaluate(partiQL.Statement, context.Parameters)!)
                    .Replace(Microsoft.EntityFrameworkCore.DynamoDbPartiQL.TableToken, "\"" + context.TableName + "\"", StringComparison.Ordinal);
                if (!statement.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(
                        $"FromPartiQL reads entities with a SELECT statement; '{statement}' is not one. Write with SaveChangesAsync, or send "
                        + "other statements with the client from context.Database.GetDynamoDbClient().");
                }

                var values = (object?[]?)ParameterEvaluator.Evaluate(partiQL.Parameters, context.Parameters) ?? [];
                return new PartiQLPlan(
                    new ExecuteStatementRequest
                    {
                        Statement = statement,
                        Parameters = values.Length == 0 ? null : values.Select(ToParameter).ToList(),
                        ConsistentRead = ConsistentRead(query),
                    })
                {
                    TableName = context.TableName,
                    ClientFilter = AndAll(conjuncts),
                    EntityTypeName = context.EntityTypeName,
                    Options = context.Options,
                };

            case GivenItemsSource given:
                return new GivenItemsPlan(
                    (IReadOnlyList<Dictionary<string, AttributeValue>>?)ParameterEvaluator.Evaluate(given.Items, context.Parameters) ?? [])
                {
                    TableName = context.TableName,
                    ClientFilter = AndAll(conjuncts),
                    EntityTypeName = context.EntityTypeName,
                    Options = context.Options,
                };

            default:
                throw new InvalidOperationException($"Unknown read source '{query.Source?.GetType().Name}'.");
        }

        AttributeValue ToParameter(object? value, int index)
        {
            try
            {
                return context.ToAttributeValue(value);
            }
            catch (Exception exception) when (exception is InvalidOperationException or InvalidCastException or FormatException)
            {
                throw new InvalidOperationException(
                    $"The PartiQL parameter {index + 1} ({Storage.Internal.DynamoDbValueMapping.DescribeValue(value)} of type "
                    + $"'{value?.GetType().Name}') of the query of '{context.EntityTypeName}' cannot be sent: {exception.Message}",
                    exception);
            }
        }
    }
}
