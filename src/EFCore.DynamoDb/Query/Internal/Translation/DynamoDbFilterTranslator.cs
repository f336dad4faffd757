using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>
///     Translates a LINQ predicate over an entity into a <see cref="FilterNode" /> tree, or reports why it cannot be.
///     Only shapes whose meaning DynamoDB can reproduce exactly are accepted (docs/design.md section 3).
/// </summary>
internal sealed class DynamoDbFilterTranslator
{
    private string? _error;

    /// <summary>Why the last translation failed.</summary>
    public string? Error => _error;

    public FilterNode? Translate(Expression predicate)
    {
        _error = null;
        return TranslateCondition(predicate);
    }

    private FilterNode? Fail(string reason)
    {
        _error ??= reason;
        return null;
    }

    private FilterNode? TranslateCondition(Expression expression)
    {
        switch (expression)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.And } andAlso when andAlso.Type.UnwrapNullableType() == typeof(bool):
            {
                var left = TranslateCondition(andAlso.Left);
                var right = left == null ? null : TranslateCondition(andAlso.Right);
                return left == null || right == null ? null : new AndFilter(left, right);
            }

            case BinaryExpression { NodeType: ExpressionType.OrElse or ExpressionType.Or } orElse when orElse.Type.UnwrapNullableType() == typeof(bool):
            {
                var left = TranslateCondition(orElse.Left);
                var right = left == null ? null : TranslateCondition(orElse.Right);
                return left == null || right == null ? null : new OrFilter(left, right);
            }

            case UnaryExpression { NodeType: ExpressionType.Not } not when not.Type == typeof(bool):
                return TranslateCondition(not.Operand) is { } operand ? new NotFilter(operand) : null;

            case ConstantExpression { Value: bool constant }:
                return constant ? ConstantFilter.True : ConstantFilter.False;

            case BinaryExpression binary when IsComparison(binary.NodeType):
                return TranslateComparison(binary);

            case MethodCallExpression call:
                return TranslateMethodCall(call);

            case TypeBinaryExpression { NodeType: ExpressionType.TypeIs } typeIs
                when AttributePathResolver.ResolveStructure(typeIs.Expression) is { Segments.Count: 0, Type: IEntityType entityType }:
                var derived = entityType.GetDerivedTypesInclusive().FirstOrDefault(t => t.ClrType == typeIs.TypeOperand);
                return derived == null
                    ? ConstantFilter.False
                    : DiscriminatorFilters.ForTypes(derived) ?? ConstantFilter.True;

            case MemberExpression { Member.Name: nameof(Nullable<int>.HasValue), Expression: { } nullable }
                when nullable.Type.IsNullableValueType():
                return AttributePathResolver.ResolvePath(nullable) is { } hasValuePath
                    ? new NullCheckFilter(hasValuePath, IsNull: false)
                    : Fail($"'{nullable}' is not a property stored in the item.");
        }

        // A bool property used as a condition: x.IsActive.
        if (expression.Type == typeof(bool) && AttributePathResolver.ResolvePath(expression) is { } boolPath)
        {
            return new ComparisonFilter(ComparisonOperator.Equal, boolPath, new ConstantOperand(true, boolPath.Mapping));
        }

        return Fail($"The condition '{expression}' has no DynamoDB equivalent.");
    }

    private FilterNode? TranslateComparison(BinaryExpression binary)
    {
        var op = ToOperator(binary.NodeType);

        // string.CompareOrdinal(x.Name, value) < 0 and friends.
        if (TryGetOrdinalCompare(binary.Left, out var cl, out var cr) && IsZero(binary.Right))
        {
            return TranslateStringCompare(op, cl, cr);
        }

        if (TryGetOrdinalCompare(binary.Right, out cl, out cr) && IsZero(binary.Left))
        {
            return TranslateStringCompare(Swap(op), cl, cr);
        }

        var left = TranslateOperand(binary.Left);
        var right = TranslateOperand(binary.Right);
        if (left == null || right == null)
        {
            return Fail(_error ?? $"The comparison '{binary}' has no DynamoDB equivalent.");
        }

        if (left is ValueOperand && right is AttributeOperand)
        {
            (left, right) = (right, left);
            op = Swap(op);
        }

        if (left is not AttributeOperand attribute)
        {
            return Fail($"The comparison '{binary}' does not involve a stored attribute.");
        }

        // The value is converted exactly as the attribute it is compared with is stored.
        var attributeMapping = attribute is PathOperand attributePath ? attributePath.Mapping : DynamoDbValueMapping.Number;
        right = right switch
        {
            ConstantOperand constant => constant with { Mapping = attributeMapping },
            ParameterOperand parameter => parameter with { Mapping = attributeMapping },
            _ => right,
        };

        // Null literals: x.P == null / x.P != null.
        if (right is ConstantOperand { Value: null } && attribute is PathOperand nullPath)
        {
            return op switch
            {
                ComparisonOperator.Equal => new NullCheckFilter(nullPath, IsNull: true),
                ComparisonOperator.NotEqual => new NullCheckFilter(nullPath, IsNull: false),
                _ => ConstantFilter.False,
            };
        }

        if (op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
        {
            var mapping = attribute is PathOperand p ? p.Mapping : DynamoDbValueMapping.Number;
            if (!mapping.PreservesOrder
                || (right is PathOperand rightPath && !rightPath.Mapping.PreservesOrder))
            {
                return Fail(
                    $"The comparison '{binary}' orders values of the {mapping.Description}, whose stored form does not sort like the "
                    + "CLR values (e.g. a Guid, a string-converted enum or a custom value converter); only == and != can be translated.");
            }

            if (mapping.AttributeType is DynamoDbAttributeType.BOOL or DynamoDbAttributeType.L or DynamoDbAttributeType.M
                or DynamoDbAttributeType.SS or DynamoDbAttributeType.NS or DynamoDbAttributeType.BS)
            {
                return Fail($"The comparison '{binary}' orders values stored as {mapping.AttributeType}, which DynamoDB cannot order.");
            }
        }

        return new ComparisonFilter(op, attribute, right);
    }

    private FilterNode? TranslateStringCompare(ComparisonOperator op, Expression left, Expression right)
    {
        var l = TranslateOperand(left);
        var r = TranslateOperand(right);
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
                    return TranslateComparison(Expression.Equal(call.Object, call.Arguments[0]));
            }
        }

        if (method is { Name: nameof(string.Equals), IsStatic: true } && call.Arguments.Count is 2 or 3
            && (method.DeclaringType == typeof(string) || method.DeclaringType == typeof(object)))
        {
            if (call.Arguments.Count == 3 && !IsOrdinal(call.Arguments[2]))
            {
                return Fail($"'{call}' uses a culture-sensitive or case-insensitive comparison.");
            }

            return TranslateComparison(Expression.Equal(Unbox(call.Arguments[0]), Unbox(call.Arguments[1]), false, null));
        }

        if (method is { Name: nameof(object.Equals), IsStatic: false } && call.Arguments.Count == 1 && call.Object != null)
        {
            return TranslateComparison(Expression.Equal(call.Object, Unbox(call.Arguments[0]), false, null));
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

        // x.Tags.Any() without a predicate: the collection is not empty.
        if (method is { Name: nameof(Enumerable.Any), IsStatic: true } && call.Arguments.Count == 1
            && (method.DeclaringType == typeof(Enumerable) || method.DeclaringType == typeof(Queryable))
            && SizeOf(StripAsQueryable(call.Arguments[0])) is { } anySize)
        {
            return new ComparisonFilter(ComparisonOperator.GreaterThan, anySize, new ConstantOperand(0, DynamoDbValueMapping.Number));
        }

        return Fail($"The method '{method.DeclaringType?.Name}.{method.Name}' cannot be translated to a DynamoDB condition.");
    }

    private FilterNode? TranslateContains(Expression source, Expression item, Expression call)
    {
        source = StripAsQueryable(source);

        // A stored collection (set, list) or string: contains(path, :v).
        if (AttributePathResolver.ResolvePath(source) is { Property: IProperty collectionProperty } collectionPath)
        {
            var elementMapping = DynamoDbValueMapping.ForElement(collectionProperty, item.Type);
            if (elementMapping == null)
            {
                return Fail($"The elements of '{source}' are stored through a value converter, so Contains cannot be translated.");
            }

            return TranslateValue(item, elementMapping) is { } element
                ? new ContainsFilter(collectionPath, element)
                : Fail($"Contains needs a value, not '{item}'.");
        }

        // A list of values given by the query: IN.
        var path = AttributePathResolver.ResolvePath(item);
        if (path == null)
        {
            return Fail($"'{call}' needs a stored property on one side of Contains.");
        }

        switch (source)
        {
            case ParameterQueryRootExpression parameterRoot:
                return new InFilter(path, new ParameterOperand(parameterRoot.QueryParameterExpression.Name, path.Mapping));
            case QueryParameterExpression parameter:
                return new InFilter(path, new ParameterOperand(parameter.Name, path.Mapping));
            case ConstantExpression { Value: IEnumerable } constant:
                return new InFilter(path, new ConstantOperand(constant.Value, path.Mapping));
            case InlineQueryRootExpression inline:
                var values = new List<object?>();
                foreach (var value in inline.Values)
                {
                    if (TranslateValue(value, path.Mapping) is not ConstantOperand constantValue)
                    {
                        return Fail($"The list in '{call}' must hold constants.");
                    }

                    values.Add(constantValue.Value);
                }

                return new InFilter(path, new ConstantOperand(values, path.Mapping));
            case NewArrayExpression { NodeType: ExpressionType.NewArrayInit } array when array.Expressions.All(e => e is ConstantExpression):
                return new InFilter(path, new ConstantOperand(array.Expressions.Select(e => ((ConstantExpression)e).Value).ToList(), path.Mapping));
            default:
                return Fail($"'{call}' can only be translated when the list is a constant or a query parameter.");
        }
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

        if (AttributePathResolver.ResolvePath(expression) is { } path)
        {
            return path;
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
        return expression switch
        {
            ConstantExpression constant => new ConstantOperand(constant.Value, mapping),
            QueryParameterExpression parameter => new ParameterOperand(parameter.Name, mapping),
            UnaryExpression { NodeType: ExpressionType.Convert, Operand: ConstantExpression c } => new ConstantOperand(c.Value, mapping),
            UnaryExpression { NodeType: ExpressionType.Convert, Operand: QueryParameterExpression p } => new ParameterOperand(p.Name, mapping),
            _ when ConstantEvaluator.CanEvaluate(expression) => new ConstantOperand(ConstantEvaluator.Evaluate(expression), mapping),
            _ => null,
        };
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
