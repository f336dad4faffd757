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
internal sealed class DynamoDbFilterTranslator(QueryCompilationContext queryCompilationContext)
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

    /// <summary><c>values.Any(v => condition(v, x))</c>, where values is a list given to the query (a parameter or constant).</summary>
    private FilterNode? TranslateAnyOf(Expression source, LambdaExpression condition, Expression call)
    {
        if (_element != null)
        {
            return Fail($"'{call}' nests one Any over a list inside another, which cannot be translated.");
        }

        source = StripAsQueryable(source);
        ValueOperand? values = source switch
        {
            QueryParameterExpression parameter => new ParameterOperand(parameter.Name, DynamoDbValueMapping.None("list")),
            ParameterQueryRootExpression root => new ParameterOperand(root.QueryParameterExpression.Name, DynamoDbValueMapping.None("list")),
            ConstantExpression { Value: IEnumerable } constant => new ConstantOperand(constant.Value, DynamoDbValueMapping.None("list")),
            _ => null,
        };
        if (values == null)
        {
            return Fail($"'{call}' can only be translated when the list is a constant or a value given to the query.");
        }

        _element = condition.Parameters[0];
        try
        {
            var translated = TranslateCondition(condition.Body);
            return translated == null ? null : new AnyOfFilter(values, translated);
        }
        finally
        {
            _element = null;
        }
    }

    /// <summary>A value read from the current element of <c>list.Any(p => ...)</c>: <c>p.Pk</c>, <c>p.Item1</c>.</summary>
    private ElementOperand? TranslateElementValue(Expression expression, DynamoDbValueMapping mapping)
    {
        if (_element == null || !References(expression, _element) || !ElementOnly(expression))
        {
            return null;
        }

        var box = Expression.Parameter(typeof(object), "element");
        var body = ReplacingExpressionVisitor.Replace(_element, Expression.Convert(box, _element.Type), expression);
        var read = Expression.Lambda<Func<object?, object?>>(Expression.Convert(body, typeof(object)), box).Compile(preferInterpretation: true);
        return new ElementOperand(read, expression.ToString(), mapping);
    }

    private bool ElementOnly(Expression expression)
    {
        var checker = new ElementOnlyChecker(_element!);
        checker.Visit(expression);
        return checker.IsElementOnly;
    }

    private static bool References(Expression expression, ParameterExpression parameter)
    {
        var finder = new ElementOnlyChecker(parameter);
        finder.Visit(expression);
        return finder.Found;
    }

    /// <summary>Whether an expression reads only the list element (and constants): it can then be evaluated per element.</summary>
    private sealed class ElementOnlyChecker(ParameterExpression element) : ExpressionVisitor
    {
        public bool IsElementOnly { get; private set; } = true;

        public bool Found { get; private set; }

        public override Expression? Visit(Expression? node)
        {
            if (node == element)
            {
                Found = true;
                return node;
            }

            if (node is ParameterExpression or QueryParameterExpression || node?.NodeType == ExpressionType.Extension)
            {
                IsElementOnly = false;
                return node;
            }

            return base.Visit(node);
        }
    }

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

        // A list of values given by the query: IN (the attribute possibly widened to the list's element type).
        var path = TranslateOperand(item) as PathOperand;
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
