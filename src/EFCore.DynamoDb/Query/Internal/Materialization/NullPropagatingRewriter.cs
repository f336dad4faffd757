using System.Linq.Expressions;
using EFCore.DynamoDb.Internal;
using static System.Linq.Expressions.Expression;

namespace EFCore.DynamoDb.Query.Internal.Materialization;

/// <summary>
///     Gives the client-evaluated part of a projection the null semantics of EF's other providers: a member or method reached
///     through a value that may be null (a missing attribute) is null instead of throwing a NullReferenceException, and
///     where a non-nullable value is needed that null throws EF's usual "Nullable object must have a value".
/// </summary>
/// <remarks>
///     EF's preprocessing removes the null guards users write (<c>o.Date == null ? null : o.Date.Value.Day</c> becomes
///     <c>o.Date.Value.Day</c>), because SQL propagates nulls; the provider must then propagate them itself, or every guarded
///     projection over a missing attribute would throw. Values that may be null are the attributes read from the item;
///     captured values and parameters keep C#'s semantics. A value type that may be null travels as its nullable form
///     (<c>int</c> as <c>int?</c>).
/// </remarks>
internal sealed class NullPropagatingRewriter
{
    private readonly Func<Expression, bool> _isNullableRead;

    /// <param name="isNullableRead">Whether an expression reads a value from the item that may be null.</param>
    public NullPropagatingRewriter(Func<Expression, bool> isNullableRead) => _isNullableRead = isNullableRead;

    /// <summary>Rewrites <paramref name="expression" />; the result has the same type.</summary>
    public Expression Rewrite(Expression expression)
    {
        var (rewritten, mayBeNull) = Visit(expression);
        return Coerce(rewritten, mayBeNull, expression.Type);
    }

    private (Expression Expression, bool MayBeNull) Visit(Expression node)
    {
        if (_isNullableRead(node))
        {
            return (node, node.Type.IsNullableType());
        }

        switch (node)
        {
            case MemberExpression { Expression: { } instance } member:
                return VisitMember(member, Visit(instance));

            case MethodCallExpression call:
                return VisitCall(call);

            case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.TypeAs } convert:
                return VisitConvert(convert);

            case UnaryExpression unary when unary.Method == null:
                return Lift(unary, [unary.Operand], operands => MakeUnary(unary.NodeType, operands[0], unary.Type));

            case BinaryExpression binary:
                return VisitBinary(binary);

            case ConditionalExpression conditional:
                return VisitConditional(conditional);

            case NewExpression { Constructor: { } constructor } newExpression:
            {
                var parameters = constructor.GetParameters();
                var arguments = newExpression.Arguments.Select((a, i) => Rewrite(a, parameters[i].ParameterType)).ToList();
                return (newExpression.Update(arguments), false);
            }

            case MemberInitExpression init:
            {
                var created = (NewExpression)Visit(init.NewExpression).Expression;
                var bindings = init.Bindings.Select(b => b is MemberAssignment assignment
                    ? assignment.Update(Rewrite(assignment.Expression, assignment.Expression.Type))
                    : b).ToList();
                return (init.Update(created, bindings), false);
            }

            case NewArrayExpression { NodeType: ExpressionType.NewArrayInit } array:
                return (array.Update(array.Expressions.Select(e => Rewrite(e, e.Type))), false);

            case ListInitExpression listInit:
            {
                var created = (NewExpression)Visit(listInit.NewExpression).Expression;
                var initializers = listInit.Initializers
                    .Select(i => i.Update(i.Arguments.Select(a => Rewrite(a, a.Type)))).ToList();
                return (listInit.Update(created, initializers), false);
            }

            default:
                // Constants, parameters, lambdas, entities and anything else keep their own semantics.
                return (node, false);
        }
    }

    /// <summary>The rewritten expression, coerced to <paramref name="type" />.</summary>
    private Expression Rewrite(Expression expression, Type type)
    {
        var (rewritten, mayBeNull) = Visit(expression);
        return Coerce(rewritten, mayBeNull, type);
    }

    private (Expression, bool) VisitMember(MemberExpression member, (Expression Expression, bool MayBeNull) instance)
    {
        if (!instance.MayBeNull)
        {
            return (member.Update(instance.Expression), false);
        }

        if (Nullable.GetUnderlyingType(member.Expression!.Type) != null)
        {
            switch (member.Member.Name)
            {
                case nameof(Nullable<int>.Value):
                    // x.Value of a null is the null itself, carried on.
                    return (instance.Expression, true);
                case nameof(Nullable<int>.HasValue):
                    return (NotEqual(instance.Expression, Constant(null, instance.Expression.Type)), false);
            }
        }

        return Lift(member, [member.Expression!], operands => member.Update(operands[0]), [instance]);
    }

    private (Expression, bool) VisitCall(MethodCallExpression call)
    {
        var parameters = call.Method.GetParameters();
        var visited = call.Arguments.Select(Visit).ToList();

        // Arguments the method takes as non-nullable values must not be null; nullable ones (strings, objects) are passed on.
        var mustNotBeNull = new List<int>();
        for (var i = 0; i < visited.Count; i++)
        {
            if (visited[i].MayBeNull && parameters[i].ParameterType.IsValueType && !parameters[i].ParameterType.IsNullableValueType())
            {
                mustNotBeNull.Add(i);
            }
        }

        var instance = call.Object == null ? ((Expression Expression, bool MayBeNull)?)null : Visit(call.Object);

        // Nullable<T>'s own methods (GetValueOrDefault, Equals, ToString) take a null instance: call them on the nullable value.
        if (instance is { MayBeNull: true } nullableInstance && call.Method.DeclaringType is { IsGenericType: true } declaring
            && declaring.GetGenericTypeDefinition() == typeof(Nullable<>) && nullableInstance.Expression.Type == declaring)
        {
            var arguments = visited.Select((v, i) => Coerce(v.Expression, v.MayBeNull, parameters[i].ParameterType)).ToList();
            return (call.Update(nullableInstance.Expression, arguments), false);
        }
        if (instance is not { MayBeNull: true } && mustNotBeNull.Count == 0)
        {
            var arguments = visited.Select((v, i) => Coerce(v.Expression, v.MayBeNull, parameters[i].ParameterType)).ToList();
            return (call.Update(instance?.Expression, arguments), false);
        }

        // Test the instance and those arguments for null; with every one present, call the method on their values.
        var tested = new List<(Expression Expression, bool MayBeNull)>();
        var originals = new List<Expression>();
        if (instance is { MayBeNull: true } i0)
        {
            tested.Add(i0);
            originals.Add(call.Object!);
        }

        foreach (var index in mustNotBeNull)
        {
            tested.Add(visited[index]);
            originals.Add(call.Arguments[index]);
        }

        return Lift(call, originals, values =>
        {
            var position = 0;
            var target = instance is { MayBeNull: true } ? values[position++] : instance?.Expression;
            var arguments = visited.Select((v, i) => mustNotBeNull.Contains(i)
                ? values[position++]
                : Coerce(v.Expression, v.MayBeNull, parameters[i].ParameterType)).ToList();
            return call.Update(target, arguments);
        }, tested);
    }

    private (Expression, bool) VisitConvert(UnaryExpression convert)
    {
        var (operand, mayBeNull) = Visit(convert.Operand);
        if (!mayBeNull)
        {
            return (convert.Update(operand), false);
        }

        if (convert.Type.IsNullableType())
        {
            // (int?)x, (object)x: a null converts to null.
            return (convert.NodeType == ExpressionType.TypeAs ? TypeAs(operand, convert.Type) : Convert(operand, convert.Type), true);
        }

        // (long)x of a null: carried on as a null long?.
        return (Convert(operand, typeof(Nullable<>).MakeGenericType(convert.Type)), true);
    }

    private (Expression, bool) VisitBinary(BinaryExpression binary)
    {
        var left = Visit(binary.Left);
        var right = Visit(binary.Right);
        if (!left.MayBeNull && !right.MayBeNull)
        {
            return (binary.Update(left.Expression, binary.Conversion, right.Expression), false);
        }

        // An operator implemented by a method that takes nulls handles them itself: string + string is string.Concat.
        if (binary.Method is { } method && method.GetParameters().All(p => p.ParameterType.IsNullableType()))
        {
            var parameters = method.GetParameters();
            return (binary.Update(
                    Coerce(left.Expression, left.MayBeNull, parameters[0].ParameterType),
                    binary.Conversion,
                    Coerce(right.Expression, right.MayBeNull, parameters[1].ParameterType)),
                false);
        }

        switch (binary.NodeType)
        {
            case ExpressionType.Coalesce:
                return (Coalesce(left.Expression, Coerce(right.Expression, right.MayBeNull, binary.Right.Type)), right.MayBeNull);

            case ExpressionType.AndAlso or ExpressionType.OrElse:
                return (MakeBinary(binary.NodeType, IsTrue(left), IsTrue(right)), false);

            case ExpressionType.Equal or ExpressionType.NotEqual
                when binary.Method == null || binary.Left.Type.IsNullableType() || binary.Right.Type.IsNullableType():
            {
                // null == null is true, null == value false, as in C#.
                var type = LiftedType(left.Expression.Type.UnwrapNullableType() == right.Expression.Type.UnwrapNullableType()
                    ? left.Expression.Type
                    : binary.Left.Type);
                return (MakeBinary(binary.NodeType, ConvertTo(left.Expression, type), ConvertTo(right.Expression, type)), false);
            }
        }

        // Arithmetic and ordering: null when an operand is null (ordering: false), as C#'s lifted operators are.
        return Lift(binary, [binary.Left, binary.Right], operands => binary.Update(operands[0], binary.Conversion, operands[1]), [left, right]);
    }

    private (Expression, bool) VisitConditional(ConditionalExpression conditional)
    {
        var test = Visit(conditional.Test);
        var ifTrue = Visit(conditional.IfTrue);
        var ifFalse = Visit(conditional.IfFalse);
        var testExpression = IsTrue(test);
        if (!ifTrue.MayBeNull && !ifFalse.MayBeNull)
        {
            return (conditional.Update(testExpression, ifTrue.Expression, ifFalse.Expression), false);
        }

        var type = LiftedType(conditional.Type);
        return (Condition(testExpression, ConvertTo(ifTrue.Expression, type), ConvertTo(ifFalse.Expression, type), type), true);
    }

    /// <summary>
    ///     <c>(t1 = a, t2 = b, t1 == null || t2 == null) ? null : body(t1.Value, t2.Value)</c> for the operands that may be
    ///     null; the result is the nullable form of the original node's type.
    /// </summary>
    private (Expression, bool) Lift(
        Expression original,
        IReadOnlyList<Expression> originalOperands,
        Func<IReadOnlyList<Expression>, Expression> body,
        IReadOnlyList<(Expression Expression, bool MayBeNull)>? visited = null)
    {
        visited ??= originalOperands.Select(Visit).ToList();
        if (visited.All(v => !v.MayBeNull))
        {
            return (body(visited.Select(v => v.Expression).ToList()), false);
        }

        var variables = new List<ParameterExpression>();
        var assignments = new List<Expression>();
        Expression? anyNull = null;
        var values = new List<Expression>();
        for (var i = 0; i < visited.Count; i++)
        {
            var (expression, mayBeNull) = visited[i];
            if (!mayBeNull)
            {
                values.Add(Coerce(expression, false, originalOperands[i].Type));
                continue;
            }

            var variable = Variable(expression.Type, "value" + i);
            variables.Add(variable);
            assignments.Add(Assign(variable, expression));
            var isNull = Equal(variable, Constant(null, expression.Type));
            anyNull = anyNull == null ? isNull : OrElse(anyNull, isNull);
            values.Add(Nullable.GetUnderlyingType(variable.Type) != null && !originalOperands[i].Type.IsNullableValueType()
                ? Property(variable, nameof(Nullable<int>.Value))
                : ConvertTo(variable, originalOperands[i].Type));
        }

        var result = body(values);
        var type = LiftedType(original.Type);
        assignments.Add(Condition(anyNull!, Default(type), ConvertTo(result, type), type));
        return (Block(type, variables, assignments), true);
    }

    private static Expression IsTrue((Expression Expression, bool MayBeNull) condition)
        => condition.Expression.Type == typeof(bool?) ? Equal(condition.Expression, Constant(true, typeof(bool?))) : condition.Expression;

    private static Type LiftedType(Type type)
        => type.IsValueType && !type.IsNullableValueType() ? typeof(Nullable<>).MakeGenericType(type) : type;

    private static Expression ConvertTo(Expression expression, Type type) => expression.Type == type ? expression : Convert(expression, type);

    /// <summary>
    ///     A possibly-null value where <paramref name="type" /> is wanted: a null where a non-nullable value type is needed throws
    ///     "Nullable object must have a value", as EF's other providers do when a database null meets a non-nullable value.
    /// </summary>
    private static Expression Coerce(Expression expression, bool mayBeNull, Type type)
    {
        if (expression.Type == type)
        {
            return expression;
        }

        return mayBeNull && Nullable.GetUnderlyingType(expression.Type) == type
            ? Property(expression, nameof(Nullable<int>.Value))
            : Convert(expression, type);
    }
}
