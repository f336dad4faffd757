using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>
///     Evaluates sub-expressions EF leaves as they are because they are constant, such as <c>new DateTime(2000, 1, 1)</c>:
///     they read nothing from the item and no parameter, so their value is known when the query is compiled.
/// </summary>
internal static class ConstantEvaluator
{
    public static bool CanEvaluate(Expression expression)
    {
        var checker = new Checker();
        checker.Visit(expression);
        return checker.CanEvaluate;
    }

    public static object? Evaluate(Expression expression)
        => Expression.Lambda<Func<object?>>(Expression.Convert(expression, typeof(object))).Compile(preferInterpretation: true)();

    private sealed class Checker : ExpressionVisitor
    {
        public bool CanEvaluate { get; private set; } = true;

        public override Expression? Visit(Expression? node)
        {
            if (node is ParameterExpression or QueryParameterExpression or LambdaExpression
                || (node != null && node.NodeType == ExpressionType.Extension))
            {
                CanEvaluate = false;
                return node;
            }

            return CanEvaluate ? base.Visit(node) : node;
        }
    }
}
