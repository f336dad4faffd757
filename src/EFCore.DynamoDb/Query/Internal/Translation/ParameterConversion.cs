using System.Linq.Expressions;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>
///     EF leaves a conversion of a query parameter in the tree (<c>(int)shortValue</c>, <c>(long?)id</c>): the operand keeps the
///     parameter, and this delegate applies the conversion to its value each time the query runs (null stays null).
/// </summary>
internal static class ParameterConversion
{
    public static Func<object?, object?> Compile(UnaryExpression convert)
    {
        var value = Expression.Parameter(typeof(object), "value");
        var body = Expression.Condition(
            Expression.Equal(value, Expression.Constant(null)),
            Expression.Constant(null),
            Expression.Convert(convert.Update(Expression.Convert(value, convert.Operand.Type)), typeof(object)));
        return Expression.Lambda<Func<object?, object?>>(body, value).Compile(preferInterpretation: true);
    }
}
