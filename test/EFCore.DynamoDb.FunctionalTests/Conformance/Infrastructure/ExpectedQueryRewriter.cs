using System.Linq.Expressions;
using System.Reflection;

namespace EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;

/// <summary>
///     Adapts an expected (LINQ-to-Objects) query to what the provider promises: DynamoDB orders strings by their bytes, so
///     OrderBy on a string key compares ordinally (LINQ-to-Objects would use the current culture).
/// </summary>
internal sealed class ExpectedQueryRewriter : ExpressionVisitor
{
    private static readonly Dictionary<string, MethodInfo> OrdinalOverloads = typeof(Queryable)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.Name is nameof(Queryable.OrderBy) or nameof(Queryable.OrderByDescending) or nameof(Queryable.ThenBy)
            or nameof(Queryable.ThenByDescending) && m.GetParameters().Length == 3)
        .ToDictionary(m => m.Name);

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

        return visited;
    }
}
