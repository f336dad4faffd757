using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>
///     Builds the client tail of a query (<see cref="ClientTailExpression" />): LINQ-to-Objects operators applied, in the
///     query's order, to the rows its DynamoDB requests return. Values the query was given (parameters) are read from the
///     query context when the tail runs.
/// </summary>
internal static class ClientTailComposer
{
    /// <summary>Whether the query already has a client tail: every further operator runs on the client too.</summary>
    public static bool IsClient(ShapedQueryExpression source) => source.ShaperExpression is ClientTailExpression;

    /// <summary>
    ///     Appends <c>Enumerable.<paramref name="method" />(rows, arguments...)</c> to the tail (starting one over the query's
    ///     rows if there is none yet). Returns null, with <paramref name="error" />, when an argument cannot run on the client.
    /// </summary>
    public static ShapedQueryExpression? Compose(
        ShapedQueryExpression source,
        string method,
        Type[] typeArguments,
        bool isScalar,
        Expression[] arguments,
        string description,
        out string? error)
    {
        var tail = source.ShaperExpression as ClientTailExpression;
        var queryContext = tail?.Tail.Parameters[0] ?? Expression.Parameter(typeof(QueryContext), "queryContext");
        var rows = tail?.Rows ?? Expression.Parameter(typeof(IEnumerable<>).MakeGenericType(source.ShaperExpression.Type), "rows");
        Expression current = tail?.Tail.Body ?? rows;

        var clientArguments = new List<Expression> { current };
        foreach (var original in arguments)
        {
            // The rows are entities already materialized with their owned objects: EF's include markers mean nothing here.
            var argument = IncludeStripper.Instance.Visit(original);
            if (ClientOnlyChecker.Unsupported(argument) is { } unsupported)
            {
                error = $"'{unsupported}' cannot run on the client after {tail?.Description.TrimStart('.') ?? description.TrimStart('.')}.";
                return null;
            }

            clientArguments.Add(new ParameterReader(queryContext).Visit(argument));
        }

        error = null;
        var body = Expression.Call(typeof(Enumerable), method, typeArguments, [.. clientArguments]);
        return source.UpdateShaperExpression(
            new ClientTailExpression(tail?.RowShaper ?? source.ShaperExpression, Expression.Lambda(body, queryContext, rows), isScalar)
            {
                Description = (tail?.Description ?? "") + description,
            });
    }

    /// <summary>
    ///     Whether the tail still yields the rows themselves (only filtered, ordered, limited): a selector that only adds EF's
    ///     include markers then applies to the rows' shaper.
    /// </summary>
    public static bool YieldsRows(ShapedQueryExpression source)
        => source.ShaperExpression is ClientTailExpression { IsScalar: false } tail && tail.Type == tail.RowShaper.Type;

    /// <summary>The query with its rows shaped by <paramref name="rowShaper" /> (the tail unchanged).</summary>
    public static ShapedQueryExpression WithRowShaper(ShapedQueryExpression source, Expression rowShaper)
    {
        var tail = (ClientTailExpression)source.ShaperExpression;
        return source.UpdateShaperExpression(new ClientTailExpression(rowShaper, tail.Tail, tail.IsScalar) { Description = tail.Description });
    }

    /// <summary>The element type of the query's results at this point (the tail's, once it has one).</summary>
    public static Type ElementType(ShapedQueryExpression source) => source.ShaperExpression.Type;

    /// <summary>Replaces EF's include markers with the entity they include into.</summary>
    private sealed class IncludeStripper : ExpressionVisitor
    {
        public static readonly IncludeStripper Instance = new();

        protected override Expression VisitExtension(Expression node)
            => node is IncludeExpression include ? Visit(include.EntityExpression) : base.VisitExtension(node);
    }

    /// <summary>Whether a lambda (after stripping include markers) returns its parameter unchanged.</summary>
    public static bool IsIdentity(LambdaExpression lambda) => IncludeStripper.Instance.Visit(lambda.Body) == lambda.Parameters[0];

    /// <summary>Replaces query parameters with reads from the query context's parameter values.</summary>
    private sealed class ParameterReader(ParameterExpression queryContext) : ExpressionVisitor
    {
        protected override Expression VisitExtension(Expression node)
            => node is QueryParameterExpression parameter
                ? Expression.Convert(
                    Expression.Property(
                        Expression.Property(queryContext, nameof(QueryContext.Parameters)), "Item", Expression.Constant(parameter.Name)),
                    parameter.Type)
                : base.VisitExtension(node);
    }

    /// <summary>Finds what only EF's translation understands (EF.Property, query roots): it cannot run as LINQ-to-Objects.</summary>
    private sealed class ClientOnlyChecker : ExpressionVisitor
    {
        private Expression? _unsupported;

        public static Expression? Unsupported(Expression expression)
        {
            var checker = new ClientOnlyChecker();
            checker.Visit(expression);
            return checker._unsupported;
        }

        public override Expression? Visit(Expression? node)
        {
            if (_unsupported != null || node == null)
            {
                return node;
            }

            if (node is MethodCallExpression call && call.TryGetEFPropertyArguments(out _, out _)
                || node is EntityQueryRootExpression or ShapedQueryExpression
                || (node.NodeType == ExpressionType.Extension && node is not QueryParameterExpression && !node.CanReduce))
            {
                _unsupported = node;
                return node;
            }

            return base.Visit(node);
        }
    }
}
