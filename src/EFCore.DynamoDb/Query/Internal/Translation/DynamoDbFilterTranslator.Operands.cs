using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Translation;

// The two sides of a comparison: attribute paths, sizes and values given to the query; conversions that keep the value.
internal sealed partial class DynamoDbFilterTranslator
{
    /// <summary>The expression under any chain of value-preserving numeric conversions (<c>(int?)(int)x.Short</c>).</summary>
    private static Expression StripWidening(Expression expression)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert
               && IsValuePreservingNumericConversion(convert.Operand.Type, convert.Type))
        {
            expression = convert.Operand;
        }

        return expression;
    }

    /// <summary>
    ///     A conversion between numeric types that keeps every value (short to int, int to long or decimal, float to double,
    ///     an enum to its underlying type or wider...): the stored number compares the same.
    /// </summary>
    private static bool IsValuePreservingNumericConversion(Type from, Type to)
    {
        from = from.UnwrapNullableType();
        to = to.UnwrapNullableType();
        if (from.IsEnum)
        {
            from = Enum.GetUnderlyingType(from);
        }

        if (from == to)
        {
            return true;
        }

        return Type.GetTypeCode(from) switch
        {
            TypeCode.SByte => to == typeof(short) || to == typeof(int) || to == typeof(long) || to == typeof(float) || to == typeof(double) || to == typeof(decimal),
            TypeCode.Byte => to == typeof(short) || to == typeof(ushort) || to == typeof(int) || to == typeof(uint) || to == typeof(long)
                || to == typeof(ulong) || to == typeof(float) || to == typeof(double) || to == typeof(decimal),
            TypeCode.Int16 => to == typeof(int) || to == typeof(long) || to == typeof(float) || to == typeof(double) || to == typeof(decimal),
            TypeCode.UInt16 => to == typeof(int) || to == typeof(uint) || to == typeof(long) || to == typeof(ulong) || to == typeof(float)
                || to == typeof(double) || to == typeof(decimal),
            TypeCode.Int32 => to == typeof(long) || to == typeof(double) || to == typeof(decimal),
            TypeCode.UInt32 => to == typeof(long) || to == typeof(ulong) || to == typeof(double) || to == typeof(decimal),
            TypeCode.Int64 or TypeCode.UInt64 => to == typeof(decimal),
            TypeCode.Single => to == typeof(double),
            _ => false,
        };
    }

    private FilterNode? TranslatePathAndValue(
        Expression pathExpression,
        Expression valueExpression,
        Func<PathOperand, ValueOperand, FilterNode> create,
        Expression call)
    {
        if (AttributePathResolver.ResolvePath(pathExpression) is not { } path)
        {
            return Fail($"'{call}' must be called on a stored string property.");
        }

        if (valueExpression.Type == typeof(char))
        {
            valueExpression = Expression.Call(valueExpression, typeof(char).GetMethod(nameof(ToString), Type.EmptyTypes)!);
            if (((MethodCallExpression)valueExpression).Object is ConstantExpression { Value: char c })
            {
                valueExpression = Expression.Constant(c.ToString());
            }
        }

        return TranslateValue(valueExpression, path.Mapping) is { } value
            ? create(path, value)
            : Fail($"The argument of '{call}' must be a constant or a query parameter.");
    }

    private Operand? TranslateOperand(Expression expression)
    {
        if (TranslateSize(expression) is { } size)
        {
            return size;
        }

        // Enum and char comparisons arrive as integer conversions: (int)x.Status == 1.
        if (expression is UnaryExpression { NodeType: ExpressionType.Convert } convert
            && convert.Operand.Type.UnwrapNullableType() is var operandType
            && (operandType.IsEnum || operandType == typeof(char))
            && AttributePathResolver.ResolvePath(convert.Operand) is { } convertedPath)
        {
            var mapping = convertedPath.Mapping.WithValueConversion(
                v => v == null ? null : operandType.IsEnum ? Enum.ToObject(operandType, v) : Convert.ToChar(v),
                preservesOrder: true);
            return convertedPath with { Mapping = mapping };
        }

        // Conversions that keep every value compare the stored number as it is: (int)x.Int16 < 70000, (long?)x.Count == p.
        if (StripWidening(expression) is { } widened && widened != expression
            && AttributePathResolver.ResolvePath(widened) is { Mapping.AttributeType: DynamoDbAttributeType.N } widenedPath
            && DynamoDbValueMapping.ForNumber(expression.Type, widenedPath.Mapping.Description) is { } numberMapping)
        {
            return widenedPath with { Mapping = numberMapping };
        }

        if (AttributePathResolver.ResolvePath(expression) is { } path)
        {
            return path;
        }

        if (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } narrowing
            && AttributePathResolver.ResolvePath(narrowing.Operand) is { } narrowedPath)
        {
            _error ??= $"'{expression}' converts the {narrowedPath.Mapping.Description} to '{narrowing.Type.ShortDisplayName()}', which "
                + "can change its value; DynamoDB compares the stored value. Compare without the cast, or with a wider type.";
            return null;
        }

        return TranslateValue(expression, null);
    }

    private SizeOperand? TranslateSize(Expression expression)
    {
        Expression? collection = expression switch
        {
            MemberExpression { Member.Name: nameof(string.Length) or nameof(ICollection.Count), Expression: { } inner } => inner,
            UnaryExpression { NodeType: ExpressionType.ArrayLength } arrayLength => arrayLength.Operand,
            MethodCallExpression { Method: { Name: nameof(Enumerable.Count), IsStatic: true }, Arguments.Count: 1 } count
                when count.Method.DeclaringType == typeof(Enumerable) || count.Method.DeclaringType == typeof(Queryable) => count.Arguments[0],
            _ => null,
        };

        return collection == null ? null : SizeOf(StripAsQueryable(collection));
    }

    private static SizeOperand? SizeOf(Expression collection)
    {
        if (AttributePathResolver.ResolvePath(collection) is not { } path)
        {
            return null;
        }

        // A string's size() is its length in UTF-16 code units in DynamoDB Local, as String.Length is; a missing string
        // (null in C#) has no size, so comparisons on it are false.
        var missingIsEmpty = path.Property is IProperty p
            && ((DynamoDbTypeMapping)p.GetTypeMapping()).MissingValue != null;
        return new SizeOperand(path, missingIsEmpty);
    }

    private ValueOperand? TranslateValue(Expression expression, DynamoDbValueMapping? mapping)
    {
        expression = AttributePathResolver.StripNullableConvert(expression);
        mapping ??= DynamoDbValueMapping.None("value");
        if (TranslateElementValue(expression, mapping) is { } element)
        {
            return element;
        }

        return QueryValueOperands.Translate(expression, mapping);
    }

    private static Expression StripAsQueryable(Expression expression)
        => expression is MethodCallExpression { Method.Name: nameof(Queryable.AsQueryable) } asQueryable
            ? asQueryable.Arguments[0]
            : expression;

    private static Expression Unbox(Expression expression)
        => expression is UnaryExpression { NodeType: ExpressionType.Convert } convert && convert.Type == typeof(object)
            ? convert.Operand
            : expression;

    private static bool TryGetOrdinalCompare(Expression expression, out Expression left, out Expression right)
    {
        if (expression is MethodCallExpression { Method: { IsStatic: true } method } call && method.DeclaringType == typeof(string)
            && (method.Name == nameof(string.CompareOrdinal) && call.Arguments.Count == 2
                || method.Name == nameof(string.Compare) && call.Arguments.Count == 3 && IsOrdinal(call.Arguments[2])))
        {
            left = call.Arguments[0];
            right = call.Arguments[1];
            return true;
        }

        left = right = null!;
        return false;
    }

    private static bool IsOrdinal(Expression comparison)
        => comparison is ConstantExpression { Value: StringComparison.Ordinal };

    private static bool IsZero(Expression expression) => expression is ConstantExpression { Value: 0 };

    private static bool IsComparison(ExpressionType nodeType)
        => nodeType is ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
            or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual;

    private static ComparisonOperator ToOperator(ExpressionType nodeType)
        => nodeType switch
        {
            ExpressionType.Equal => ComparisonOperator.Equal,
            ExpressionType.NotEqual => ComparisonOperator.NotEqual,
            ExpressionType.LessThan => ComparisonOperator.LessThan,
            ExpressionType.LessThanOrEqual => ComparisonOperator.LessThanOrEqual,
            ExpressionType.GreaterThan => ComparisonOperator.GreaterThan,
            _ => ComparisonOperator.GreaterThanOrEqual,
        };

    internal static ComparisonOperator Swap(ComparisonOperator op)
        => op switch
        {
            ComparisonOperator.LessThan => ComparisonOperator.GreaterThan,
            ComparisonOperator.LessThanOrEqual => ComparisonOperator.GreaterThanOrEqual,
            ComparisonOperator.GreaterThan => ComparisonOperator.LessThan,
            ComparisonOperator.GreaterThanOrEqual => ComparisonOperator.LessThanOrEqual,
            _ => op,
        };
}
