using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     Evaluates the small expressions a query keeps for run time (Take and Skip counts, the index name, paging arguments):
///     constants, query parameters, and the sums and min/max that combining several Take/Skip calls produce.
/// </summary>
internal static class ParameterEvaluator
{
    public static object? Evaluate(Expression expression, IReadOnlyDictionary<string, object?> parameters)
        => expression switch
        {
            ConstantExpression constant => constant.Value,
            QueryParameterExpression parameter => parameters.TryGetValue(parameter.Name, out var value) ? value : null,
            UnaryExpression { NodeType: ExpressionType.Convert } convert => Evaluate(convert.Operand, parameters),
            BinaryExpression { NodeType: ExpressionType.Add } add => ToInt(Evaluate(add.Left, parameters)) + ToInt(Evaluate(add.Right, parameters)),
            BinaryExpression { NodeType: ExpressionType.Subtract } subtract
                => ToInt(Evaluate(subtract.Left, parameters)) - ToInt(Evaluate(subtract.Right, parameters)),
            MethodCallExpression { Method.Name: nameof(Math.Min) } min
                => Math.Min(ToInt(Evaluate(min.Arguments[0], parameters)), ToInt(Evaluate(min.Arguments[1], parameters))),
            MethodCallExpression { Method.Name: nameof(Math.Max) } max
                => Math.Max(ToInt(Evaluate(max.Arguments[0], parameters)), ToInt(Evaluate(max.Arguments[1], parameters))),
            _ => throw new InvalidOperationException($"The query argument '{expression}' cannot be evaluated."),
        };

    public static int ToInt(object? value) => value == null ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
}
