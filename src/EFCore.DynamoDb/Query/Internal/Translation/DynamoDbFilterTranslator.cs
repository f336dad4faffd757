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

/// <summary>
///     Translates a LINQ predicate over an entity into a <see cref="FilterNode" /> tree, or reports why it cannot be.
///     Only shapes whose meaning DynamoDB can reproduce exactly are accepted (docs/design.md section 3).
/// </summary>
internal sealed partial class DynamoDbFilterTranslator(QueryCompilationContext queryCompilationContext)
{
    private string? _error;

    /// <summary>The element parameter of the <c>list.Any(p => ...)</c> being translated, if any.</summary>
    private ParameterExpression? _element;

    /// <summary>Why the last translation failed.</summary>
    public string? Error => _error;

    public FilterNode? Translate(Expression predicate)
    {
        _error = null;
        if (ProjectionSubqueryFinder.Find(predicate) is { } subquery)
        {
            return Fail($"The condition reads {subquery}, which is stored in items of its own: DynamoDB has no joins or subqueries. "
                + "Query it separately (or store it inside the item as an owned type) and combine the results on the client.");
        }

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

            // a ^ b: exactly one of them.
            case BinaryExpression { NodeType: ExpressionType.ExclusiveOr } xor when xor.Type == typeof(bool):
            {
                var left = TranslateCondition(xor.Left);
                var right = left == null ? null : TranslateCondition(xor.Right);
                return left == null || right == null
                    ? null
                    : new OrFilter(new AndFilter(left, new NotFilter(right)), new AndFilter(new NotFilter(left), right));
            }

            // test ? a : b over conditions: (test && a) || (!test && b).
            case ConditionalExpression conditional when conditional.Type == typeof(bool):
            {
                var test = TranslateCondition(conditional.Test);
                var ifTrue = test == null ? null : TranslateCondition(conditional.IfTrue);
                var ifFalse = ifTrue == null ? null : TranslateCondition(conditional.IfFalse);
                return test == null || ifTrue == null || ifFalse == null
                    ? null
                    : new OrFilter(new AndFilter(test, ifTrue), new AndFilter(new NotFilter(test), ifFalse));
            }

            case ConstantExpression { Value: bool constant }:
                return constant ? ConstantFilter.True : ConstantFilter.False;

            case BinaryExpression binary when IsComparison(binary.NodeType):
                return TranslateComparison(binary.NodeType, binary.Left, binary.Right, binary);

            // A condition on parameters alone, e.g. Where(x => flag): EF makes the whole of it one parameter.
            case QueryParameterExpression { Type: var parameterType } parameter when parameterType == typeof(bool):
                return new ParameterFilter(parameter.Name, ParameterTest.IsTrue);

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

    private FilterNode? TranslateComparison(ExpressionType nodeType, Expression leftExpression, Expression rightExpression, Expression binary)
    {
        var op = ToOperator(nodeType);

        // string.CompareOrdinal(x.Name, value) < 0 and friends.
        if (TryGetOrdinalCompare(leftExpression, out var cl, out var cr) && IsZero(rightExpression))
        {
            return TranslateStringCompare(op, cl, cr);
        }

        if (TryGetOrdinalCompare(rightExpression, out cl, out cr) && IsZero(leftExpression))
        {
            return TranslateStringCompare(Swap(op), cl, cr);
        }

        // (a ?? b) op v: a op v where a has a value, b op v where it has none.
        if (StripConvert(leftExpression) is BinaryExpression { NodeType: ExpressionType.Coalesce } leftCoalesce)
        {
            return TranslateCondition(ExpandCoalesce(nodeType, leftCoalesce, rightExpression, coalesceOnLeft: true));
        }

        if (StripConvert(rightExpression) is BinaryExpression { NodeType: ExpressionType.Coalesce } rightCoalesce)
        {
            return TranslateCondition(ExpandCoalesce(nodeType, rightCoalesce, leftExpression, coalesceOnLeft: false));
        }

        // Entities compare by key, as in every EF provider: x == entity, x != null.
        if (TranslateEntityComparison(op, leftExpression, rightExpression, binary) is var (handled, entityFilter) && handled)
        {
            return entityFilter;
        }

        // Values alone ("none" == "none" once a coalesce is expanded): C# knows the answer.
        if (leftExpression is ConstantExpression && rightExpression is ConstantExpression && ConstantEvaluator.CanEvaluate(binary))
        {
            return ConstantEvaluator.Evaluate(binary) is true ? ConstantFilter.True : ConstantFilter.False;
        }

        var left = TranslateOperand(leftExpression);
        var right = left == null ? null : TranslateOperand(rightExpression);
        if (left == null || right == null)
        {
            return Fail(_error ?? $"The comparison '{binary}' has no DynamoDB equivalent.");
        }

        // An attribute compared with itself: DynamoDB refuses such an expression, and C# knows the answer already.
        if (left is AttributeOperand self && right is AttributeOperand other && self == other)
        {
            return SelfComparison(op, self);
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
            ElementOperand element => element with { Mapping = attributeMapping },
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
                var unordered = right is PathOperand { Mapping.PreservesOrder: false } unorderedRight && mapping.PreservesOrder ? unorderedRight.Mapping : mapping;
                return Fail(
                    $"The comparison '{binary}' orders values of the {unordered.Description}, whose stored form does not sort like the "
                    + $"CLR values ({unordered.UnorderedReason ?? "e.g. a Guid, a string-converted enum or a custom value converter"}); "
                    + "only == and != can be translated.");
            }

            if (mapping.AttributeType is DynamoDbAttributeType.BOOL or DynamoDbAttributeType.L or DynamoDbAttributeType.M
                or DynamoDbAttributeType.SS or DynamoDbAttributeType.NS or DynamoDbAttributeType.BS)
            {
                return Fail($"The comparison '{binary}' orders values stored as {mapping.AttributeType}, which DynamoDB cannot order.");
            }
        }

        return new ComparisonFilter(op, attribute, right);
    }

    /// <summary>
    ///     <c>x == entity</c>, <c>x != null</c>: an entity read by the query is never null, and equals another entity when their
    ///     keys are equal (EF's entity equality). Returns (false, null) when neither side is an entity.
    /// </summary>
    private (bool Handled, FilterNode? Filter) TranslateEntityComparison(
        ComparisonOperator op,
        Expression leftExpression,
        Expression rightExpression,
        Expression binary)
    {
        // Owned and complex objects are attributes of the item: their null checks are attribute checks, handled elsewhere.
        var leftEntity = AttributePathResolver.ResolveStructure(leftExpression) is { Segments.Count: 0 } l ? l : null;
        var rightEntity = AttributePathResolver.ResolveStructure(rightExpression) is { Segments.Count: 0 } r ? r : null;
        if (leftEntity == null && rightEntity == null)
        {
            return (false, null);
        }

        if (leftEntity != null && rightEntity != null)
        {
            return (true, Fail($"The comparison '{binary}' compares two objects of the item; compare their properties instead."));
        }

        var (target, other) = leftEntity != null ? (leftEntity, rightExpression) : (rightEntity!, leftExpression);
        if (op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual) || target.Type is not IEntityType entityType)
        {
            return (true, Fail($"The comparison '{binary}' orders entities; compare their properties instead."));
        }

        other = AttributePathResolver.StripNullableConvert(other);
        if (other is ConstantExpression { Value: null } or DefaultExpression)
        {
            return (true, op == ComparisonOperator.Equal ? ConstantFilter.False : ConstantFilter.True);
        }

        if (other is not QueryParameterExpression parameter)
        {
            return (true, Fail($"The comparison '{binary}' compares an entity with something other than a value given to the query."));
        }

        // One runtime parameter per key property, read from the entity the query was given (null when it is null).
        FilterNode? keysEqual = null;
        foreach (var keyProperty in entityType.FindPrimaryKey()!.Properties)
        {
            var name = $"{parameter.Name}_{keyProperty.Name}";
            var keyParameter = queryCompilationContext.RegisterRuntimeParameter(name, KeyValueExtractor(parameter, keyProperty));
            var path = new PathOperand(
                [new MapKeySegment(keyProperty.GetAttributeName())], keyProperty, DynamoDbValueMapping.ForProperty(keyProperty));
            var equal = new ComparisonFilter(ComparisonOperator.Equal, path, new ParameterOperand(keyParameter.Name, path.Mapping));
            keysEqual = keysEqual == null ? equal : new AndFilter(keysEqual, equal);
        }

        return (true, op == ComparisonOperator.Equal ? keysEqual : new NotFilter(keysEqual!));
    }

    private static LambdaExpression KeyValueExtractor(QueryParameterExpression entityParameter, IProperty keyProperty)
    {
        var queryContext = QueryCompilationContext.QueryContextParameter;
        var entity = Expression.Variable(entityParameter.Type, "entity");
        var parameters = Expression.Property(queryContext, nameof(Microsoft.EntityFrameworkCore.Query.QueryContext.Parameters));
        var value = Expression.Property(parameters, "Item", Expression.Constant(entityParameter.Name));
        var read = keyProperty.GetGetter();
        var body = Expression.Block(
            [entity],
            Expression.Assign(entity, Expression.Convert(value, entityParameter.Type)),
            Expression.Condition(
                Expression.Equal(entity, Expression.Constant(null, entityParameter.Type)),
                Expression.Constant(null, typeof(object)),
                Expression.Call(
                    Expression.Constant(read), typeof(IClrPropertyGetter).GetMethod(nameof(IClrPropertyGetter.GetClrValue))!,
                    Expression.Convert(entity, typeof(object)))));
        return Expression.Lambda(body, queryContext);
    }

    private static Expression StripConvert(Expression expression)
        => expression is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : expression;

    /// <summary><c>(a ?? b) op v</c> as <c>a != null ? a op v : b op v</c>, each branch a comparison DynamoDB can take.</summary>
    private static Expression ExpandCoalesce(ExpressionType nodeType, BinaryExpression coalesce, Expression other, bool coalesceOnLeft)
    {
        var type = coalesce.Type;
        Expression Compare(Expression operand)
        {
            var value = operand.Type == type ? operand : Expression.Convert(operand, type);
            var otherValue = other.Type == type ? other : Expression.Convert(other, type);
            return coalesceOnLeft
                ? Expression.MakeBinary(nodeType, value, otherValue)
                : Expression.MakeBinary(nodeType, otherValue, value);
        }

        return Expression.Condition(
            Expression.NotEqual(coalesce.Left, Expression.Constant(null, coalesce.Left.Type)),
            Compare(coalesce.Left),
            Compare(coalesce.Right));
    }

    /// <summary>What C# answers for an attribute compared with itself (lifted: an ordering comparison with null is false).</summary>
    private static FilterNode SelfComparison(ComparisonOperator op, AttributeOperand self)
    {
        var nullable = self is PathOperand { Property: IReadOnlyProperty property } && property.ClrType.IsNullableValueType();
        return op switch
        {
            ComparisonOperator.Equal => ConstantFilter.True,
            ComparisonOperator.LessThanOrEqual or ComparisonOperator.GreaterThanOrEqual
                => nullable ? new NullCheckFilter((PathOperand)self, IsNull: false) : ConstantFilter.True,
            _ => ConstantFilter.False,
        };
    }
}
