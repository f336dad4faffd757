using System.Linq.Expressions;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>
///     The operand of a value given to the query rather than read from the item: a constant, a query parameter (possibly
///     under a conversion EF left in the tree), or an expression that reads neither the item nor a parameter. Conditions and
///     ExecuteUpdate's setters take values the same way.
/// </summary>
internal static class QueryValueOperands
{
    /// <summary>The operand, or null when <paramref name="expression" /> is not such a value.</summary>
    public static ValueOperand? Translate(Expression expression, DynamoDbValueMapping mapping)
        => expression switch
        {
            ConstantExpression constant => new ConstantOperand(constant.Value, mapping),
            QueryParameterExpression parameter => new ParameterOperand(parameter.Name, mapping),
            // EF leaves a conversion of a parameter in the tree ((int)shortValue): apply it to the value when the query runs.
            UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked, Operand: QueryParameterExpression p } convert
                => new ParameterOperand(p.Name, mapping, Conversion(convert)),
            _ when ConstantEvaluator.CanEvaluate(expression) => new ConstantOperand(ConstantEvaluator.Evaluate(expression), mapping),
            _ => null,
        };

    /// <summary>The conversion applied to the parameter's value each time the query runs (null stays null).</summary>
    private static Func<object?, object?> Conversion(UnaryExpression convert)
    {
        var value = Expression.Parameter(typeof(object), "value");
        var body = Expression.Condition(
            Expression.Equal(value, Expression.Constant(null)),
            Expression.Constant(null),
            Expression.Convert(convert.Update(Expression.Convert(value, convert.Operand.Type)), typeof(object)));
        return Expression.Lambda<Func<object?, object?>>(body, value).Compile(preferInterpretation: true);
    }
}
