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

// The method calls a condition may make: Equals, null tests, string comparisons and methods with DynamoDB equivalents.
internal sealed partial class DynamoDbFilterTranslator
{
    /// <summary>
    ///     <c>object.Equals(a, b)</c> and <c>a.Equals((object)b)</c>: boxed values are equal only when they have the same type, so
    ///     an int never equals a long (C# gives false), while a <c>uint?</c> equals a <c>uint</c> of the same value. Two nulls
    ///     are equal whatever their static types.
    /// </summary>
    private FilterNode? TranslateObjectEquals(Expression left, Expression right, Expression call)
    {
        left = Unbox(left);
        right = Unbox(right);
        if (left.Type == typeof(object) || right.Type == typeof(object) || left.Type.UnwrapNullableType() == right.Type.UnwrapNullableType())
        {
            return TranslateComparison(ExpressionType.Equal, left, right, call);
        }

        // Different types: equal only when both are null.
        var leftNull = TranslateNullTest(left, call);
        var rightNull = leftNull == null ? null : TranslateNullTest(right, call);
        return leftNull == null || rightNull == null ? null : new AndFilter(leftNull, rightNull);
    }

    private FilterNode? TranslateNullTest(Expression expression, Expression call)
    {
        if (!expression.Type.IsNullableType())
        {
            return ConstantFilter.False;
        }

        expression = AttributePathResolver.StripNullableConvert(expression);
        return expression switch
        {
            ConstantExpression constant => constant.Value == null ? ConstantFilter.True : ConstantFilter.False,
            QueryParameterExpression parameter => new ParameterFilter(parameter.Name, ParameterTest.IsNull),
            _ when AttributePathResolver.ResolvePath(expression) is { } path => new NullCheckFilter(path, IsNull: true),
            _ => Fail($"'{call}' compares '{expression}', which is neither an attribute nor a value given to the query."),
        };
    }

    private FilterNode? TranslateStringCompare(ComparisonOperator op, Expression left, Expression right)
    {
        var l = TranslateOperand(left);
        var r = TranslateOperand(right);
        if (l is PathOperand selfPath && r is PathOperand otherPath && selfPath == otherPath)
        {
            // CompareOrdinal(s, s) is 0, null or not.
            return Planning.FilterWriter.Holds(op, 0, 0) ? ConstantFilter.True : ConstantFilter.False;
        }

        if (l is ValueOperand && r is PathOperand)
        {
            (l, r) = (r, l);
            op = Swap(op);
        }

        return l is PathOperand path && r is ValueOperand value && path.Mapping.AttributeType == DynamoDbAttributeType.S
            ? new StringCompareFilter(op, path, value with { Mapping = path.Mapping })
            : Fail($"The string comparison of '{left}' and '{right}' must compare a string property with a value.");
    }

    private FilterNode? TranslateMethodCall(MethodCallExpression call)
    {
        var method = call.Method;

        // string.StartsWith / Contains / Equals on a string attribute.
        if (method.DeclaringType == typeof(string) && call.Object != null)
        {
            if (call.Arguments.Count == 2 && !IsOrdinal(call.Arguments[1]))
            {
                return Fail($"'{call}' uses a culture-sensitive or case-insensitive comparison; DynamoDB compares strings by their "
                    + "UTF-8 bytes. Use the overload without StringComparison or StringComparison.Ordinal.");
            }

            switch (method.Name)
            {
                case nameof(string.StartsWith) when call.Arguments[0].Type == typeof(string):
                    return TranslatePathAndValue(call.Object, call.Arguments[0], (p, v) => new BeginsWithFilter(p, v), call);
                case nameof(string.Contains):
                    return TranslatePathAndValue(call.Object, call.Arguments[0], (p, v) => new ContainsFilter(p, v), call);
                case nameof(string.Equals):
                    return TranslateComparison(ExpressionType.Equal, call.Object, call.Arguments[0], call);
            }
        }

        if (method is { Name: nameof(string.Equals), IsStatic: true } && call.Arguments.Count is 2 or 3
            && (method.DeclaringType == typeof(string) || method.DeclaringType == typeof(object)))
        {
            if (call.Arguments.Count == 3 && !IsOrdinal(call.Arguments[2]))
            {
                return Fail($"'{call}' uses a culture-sensitive or case-insensitive comparison.");
            }

            return method.DeclaringType == typeof(object)
                ? TranslateObjectEquals(call.Arguments[0], call.Arguments[1], call)
                : TranslateComparison(ExpressionType.Equal, call.Arguments[0], call.Arguments[1], call);
        }

        if (method is { Name: nameof(object.Equals), IsStatic: false } && call.Arguments.Count == 1 && call.Object != null)
        {
            // x.Equals(object) compares boxed values, which differ when their types do; a typed overload (int.Equals(int), a
            // struct's IEquatable<T>.Equals) compares values, the argument already converted to the parameter's type.
            return method.GetParameters()[0].ParameterType == typeof(object)
                ? TranslateObjectEquals(call.Object, call.Arguments[0], call)
                : TranslateComparison(ExpressionType.Equal, call.Object, call.Arguments[0], call);
        }

        if (method.Name == nameof(string.IsNullOrEmpty) && method.DeclaringType == typeof(string)
            && AttributePathResolver.ResolvePath(call.Arguments[0]) is { } emptyPath)
        {
            return new OrFilter(
                new NullCheckFilter(emptyPath, IsNull: true),
                new ComparisonFilter(ComparisonOperator.Equal, emptyPath, new ConstantOperand("", emptyPath.Mapping)));
        }

        // Contains: values.Contains(x.P) is IN; x.Tags.Contains(v) is contains().
        if (method.Name == nameof(Enumerable.Contains))
        {
            var (source, item) = method.IsStatic ? (call.Arguments[0], call.Arguments[1]) : (call.Object!, call.Arguments[0]);
            if (method.IsStatic && call.Arguments.Count != 2)
            {
                return Fail($"'{call}' uses a comparer, which DynamoDB cannot apply.");
            }

            return TranslateContains(source, item, call);
        }

        // pairs.Any(p => p.Pk == x.Pk && p.Sk == x.Sk): the condition for each element of a list the query was given.
        if (method is { Name: nameof(Enumerable.Any), IsStatic: true } && call.Arguments.Count == 2
            && method.DeclaringType == typeof(Enumerable)
            && call.Arguments[1] is LambdaExpression { Parameters.Count: 1 } elementCondition)
        {
            return TranslateAnyOf(call.Arguments[0], elementCondition, call);
        }

        // x.Tags.Any() without a predicate: the collection is not empty.
        if (method is { Name: nameof(Enumerable.Any), IsStatic: true } && call.Arguments.Count == 1
            && (method.DeclaringType == typeof(Enumerable) || method.DeclaringType == typeof(Queryable))
            && SizeOf(StripAsQueryable(call.Arguments[0])) is { } anySize)
        {
            return new ComparisonFilter(ComparisonOperator.GreaterThan, anySize, new ConstantOperand(0, DynamoDbValueMapping.Number));
        }

        return Fail($"The method '{method.DeclaringType?.Name}.{method.Name}' cannot be translated to a DynamoDB condition.");
    }
}
