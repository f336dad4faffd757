using EFCore.DynamoDb.Diagnostics.Internal;
using EFCore.DynamoDb.Query.Internal.Planning;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     What a compiled query needs at each execution: the translated query and the attributes its results read, turned into
///     a <see cref="ReadPlan" /> with the execution's parameter values.
/// </summary>
internal sealed class QueryRunner
{
    private readonly string _entityTypeName;

    public QueryRunner(DynamoDbQueryExpression query, IReadOnlyList<string>? projectedAttributes)
    {
        Query = query;
        ProjectedAttributes = projectedAttributes;

        // Only error messages read it, but DisplayName formats the CLR type name each time it is called: once per query.
        _entityTypeName = query.RootEntityType.DisplayName();
    }

    public DynamoDbQueryExpression Query { get; }

    /// <summary>The top-level attributes the shaper reads, or null when it materializes whole items.</summary>
    public IReadOnlyList<string>? ProjectedAttributes { get; }

    /// <summary>
    ///     The requests of this execution. A Scan the query did not ask for (<c>WithScan</c>) is refused under
    ///     <see cref="DynamoDbScanBehavior.Disallow" />, and otherwise logged as a warning.
    /// </summary>
    public ReadPlan Plan(DynamoDbQueryContext context)
    {
        var plan = PlanRequests(context);
        if (plan is ScanPlan scan && !Query.ExplicitScan)
        {
            var table = plan.IndexName == null ? plan.TableName : $"{plan.TableName}' (index '{plan.IndexName}')";
            if (context.ScanBehavior == DynamoDbScanBehavior.Disallow)
            {
                throw new InvalidOperationException(
                    $"The query of '{_entityTypeName}' would run as a Scan of '{table}', reading every item of it, because {scan.Reason}; "
                    + "the context's ScanBehavior is Disallow. Pin a partition key with == (of the table or of an index), or call WithScan() "
                    + "on the query if the Scan is intended.");
            }

            context.QueryLogger.ImplicitScan(_entityTypeName, table, scan.Reason);
        }

        return plan;
    }

    private ReadPlan PlanRequests(DynamoDbQueryContext context)
    {
        var parameters = context.Parameters;
        var indexName = Query.IndexName == null ? null : (string?)ParameterEvaluator.Evaluate(Query.IndexName, parameters);
        return DynamoDbRequestPlanner.Plan(
            Query,
            new PlanningContext(
                parameters,
                context.TableNames.Resolve(Query.RootEntityType),
                ProjectedAttributes,
                indexName,
                ReadOptions(parameters),
                _entityTypeName,
                context.ToAttributeValue));
    }

    private ReadOptions ReadOptions(IReadOnlyDictionary<string, object?> parameters)
        => Query.PageSize == null && Query.ReadCapacityLimit == null && Query.TotalSegments == null
            ? Planning.ReadOptions.Default
            : new ReadOptions(
                Query.PageSize == null ? null : ParameterEvaluator.ToInt(ParameterEvaluator.Evaluate(Query.PageSize, parameters)),
                Query.ReadCapacityLimit == null
                    ? null
                    : Convert.ToDouble(ParameterEvaluator.Evaluate(Query.ReadCapacityLimit, parameters), System.Globalization.CultureInfo.InvariantCulture),
                Query.TotalSegments == null ? null : ParameterEvaluator.ToInt(ParameterEvaluator.Evaluate(Query.TotalSegments, parameters)));

    /// <summary>Take's count, or null when there is none.</summary>
    public int? Limit(DynamoDbQueryContext context)
        => Query.Limit == null ? null : Math.Max(0, ParameterEvaluator.ToInt(ParameterEvaluator.Evaluate(Query.Limit, context.Parameters)));

    /// <summary>Skip's count.</summary>
    public int Offset(DynamoDbQueryContext context)
        => Query.Offset == null ? 0 : Math.Max(0, ParameterEvaluator.ToInt(ParameterEvaluator.Evaluate(Query.Offset, context.Parameters)));

    /// <summary>The request the plan sends first, as text: what ToQueryString shows.</summary>
    public string ToQueryString(DynamoDbQueryContext context)
    {
        var plan = PlanRequests(context);
        var text = plan switch
        {
            EmptyPlan empty => $"-- No request: {empty.Reason}.",
            GetItemPlan get => DynamoDbRequestFormatter.Format(get.Request, includeValues: true),
            BatchGetItemPlan batch => $"BatchGetItem {plan.TableName}{Environment.NewLine}Keys: {batch.Keys.Count}"
                + (batch.Template.ProjectionExpression is { } p ? $"{Environment.NewLine}ProjectionExpression: {p}" : ""),
            QueryPlan query => DynamoDbRequestFormatter.Format(query.Requests[0], includeValues: true)
                + (query.Requests.Count > 1
                    ? $"{Environment.NewLine}-- and {query.Requests.Count - 1} more Query request(s), one per partition key value"
                    : ""),
            ScanPlan scan => DynamoDbRequestFormatter.Format(scan.Request, includeValues: true)
                + (scan.SegmentCount > 1 ? $"{Environment.NewLine}TotalSegments: {scan.SegmentCount} (read in parallel)" : "")
                + (Query.ExplicitScan
                    ? ""
                    : $"{Environment.NewLine}-- An implicit Scan: {scan.Reason}"
                    + (context.ScanBehavior == DynamoDbScanBehavior.Disallow ? " (refused when run: ScanBehavior is Disallow)" : "")
                    + ". WithScan() says it is intended."),
            PartiQLPlan partiQL => DynamoDbRequestFormatter.Format(partiQL.Request, includeValues: true),
            GivenItemsPlan given => $"-- No request: the {given.Items.Count} item(s) given to FromItems.",
            _ => throw new InvalidOperationException($"Unknown read plan '{plan.GetType().Name}'."),
        };
        return text
            + (plan.Options.PageSize is { } pageSize ? $"{Environment.NewLine}Limit: {pageSize} per request" : "")
            + (plan.Options.ReadCapacityPerSecond is { } limit
                ? $"{Environment.NewLine}-- Paced to {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} read capacity units per second"
                : "")
            + (plan.ClientFilter != null ? $"{Environment.NewLine}-- Checked on the client, on the items read: {Describe(plan.ClientFilter)}" : "");
    }

    /// <summary>A condition as readable text, with names and values written in place of their placeholders.</summary>
    private static string Describe(Filters.FilterNode filter)
    {
        var builder = new Storage.Internal.Expressions.DynamoDbExpressionBuilder();
        var text = new FilterWriter(builder).Write(filter);
        foreach (var (placeholder, value) in builder.Values.OrderByDescending(p => p.Key.Length))
        {
            text = text.Replace(placeholder, DynamoDbRequestFormatter.FormatValue(value), StringComparison.Ordinal);
        }

        foreach (var (placeholder, name) in builder.Names.OrderByDescending(p => p.Key.Length))
        {
            text = text.Replace(placeholder, name, StringComparison.Ordinal);
        }

        return text;
    }
}
