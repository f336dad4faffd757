using System.Linq.Expressions;
using System.Reflection;

namespace EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;

/// <summary>
///     Adapts an expected (LINQ-to-Objects) query to what the provider promises: DynamoDB orders strings by their bytes, so
///     OrderBy on a string key and Min/Max of strings compare ordinally (LINQ-to-Objects would use the current culture).
/// </summary>
internal sealed class ExpectedQueryRewriter : ExpressionVisitor
{
    private static readonly Dictionary<string, MethodInfo> OrdinalOverloads = typeof(Queryable)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.Name is nameof(Queryable.OrderBy) or nameof(Queryable.OrderByDescending) or nameof(Queryable.ThenBy)
            or nameof(Queryable.ThenByDescending) && m.GetParameters().Length == 3)
        .ToDictionary(m => m.Name);

    private static readonly Dictionary<string, MethodInfo> ComparerAggregates = typeof(Queryable)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.Name is nameof(Queryable.Max) or nameof(Queryable.Min)
            && m.GetParameters() is [_, { ParameterType.IsGenericType: true } comparer]
            && comparer.ParameterType.GetGenericTypeDefinition() == typeof(IComparer<>))
        .ToDictionary(m => m.Name);

    private static readonly MethodInfo Select = typeof(Queryable).GetMethods()
        .First(m => m.Name == nameof(Queryable.Select) && m.GetParameters()[1].ParameterType.GetGenericArguments()[0].GetGenericArguments().Length == 2);

    public static Expression Rewrite(Expression expression) => new ExpectedQueryRewriter().Visit(expression);

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var visited = (MethodCallExpression)base.VisitMethodCall(node);
        if (visited.Method.DeclaringType == typeof(Queryable)
            && visited.Arguments.Count == 2
            && OrdinalOverloads.TryGetValue(visited.Method.Name, out var overload)
            && visited.Method.GetGenericArguments() is [var source, var key]
            && key == typeof(string))
        {
            return Expression.Call(
                overload.MakeGenericMethod(source, key),
                visited.Arguments[0],
                visited.Arguments[1],
                Expression.Constant(StringComparer.Ordinal, typeof(IComparer<string>)));
        }

        // Max(x => x.City) and Min of strings: ordinal, as DynamoDB orders them.
        if (visited.Method.DeclaringType == typeof(Queryable)
            && ComparerAggregates.TryGetValue(visited.Method.Name, out var aggregate)
            && visited.Method.ReturnType == typeof(string))
        {
            var strings = visited.Arguments[0];
            if (visited.Arguments.Count == 2)
            {
                var selector = (LambdaExpression)((UnaryExpression)visited.Arguments[1]).Operand;
                strings = Expression.Call(Select.MakeGenericMethod(selector.Parameters[0].Type, typeof(string)), strings, Expression.Quote(selector));
            }

            return Expression.Call(
                aggregate.MakeGenericMethod(typeof(string)), strings, Expression.Constant(StringComparer.Ordinal, typeof(IComparer<string>)));
        }

        return visited;
    }
}
