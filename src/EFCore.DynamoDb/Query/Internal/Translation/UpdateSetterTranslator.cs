using System.Collections;
using System.Linq.Expressions;
using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Query.Internal.Writes;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using EFCore.DynamoDb.Update.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>
///     Translates ExecuteUpdate's SetProperty calls into DynamoDB update actions (docs/design.md section 7): a value is a SET
///     (null a REMOVE), <c>t.Views + n</c> an atomic ADD, <c>t.Views ?? d</c> an <c>if_not_exists</c>, <c>Union</c> and
///     <c>Except</c> on a set an ADD or DELETE of members, <c>Concat</c> on a list a <c>list_append</c>. Anything whose
///     DynamoDB meaning would differ from the C# assignment's is refused, with <see cref="Error" /> saying why.
/// </summary>
internal sealed class UpdateSetterTranslator
{
    private string? _error;

    /// <summary>Why the last translation failed.</summary>
    public string? Error => _error;

    /// <param name="entityType">The entity type the query reads.</param>
    /// <param name="setters">Each setter's property selector and value, with the lambda parameters replaced by the entity.</param>
    public List<UpdateAction>? Translate(IEntityType entityType, IReadOnlyList<(Expression Property, Expression Value, string Text)> setters)
    {
        _error = null;
        var actions = new List<UpdateAction>();
        var texts = new Dictionary<UpdateAction, string>(ReferenceEqualityComparer.Instance);
        foreach (var (propertyExpression, valueExpression, text) in setters)
        {
            var action = TranslateSetter(entityType, propertyExpression, valueExpression, text);
            if (action == null)
            {
                return null;
            }

            if (actions.Any(a => a.Target.Equals(action.Target)))
            {
                Fail($"'{text}' sets '{action.Target}' a second time; DynamoDB allows one action per attribute in an update.");
                return null;
            }

            if (actions.FirstOrDefault(a => Overlaps(a.Target, action.Target)) is { } overlapping)
            {
                Fail($"'{text}' sets '{action.Target}', which overlaps '{overlapping.Target}' set by another SetProperty; DynamoDB "
                    + "refuses overlapping document paths in one update.");
                return null;
            }

            // SetProperty(t => t.A, t => t.A) changes nothing.
            if (!IsNoOp(action))
            {
                actions.Add(action);
                texts[action] = text;
            }
        }

        if (!AddIndexKeys(entityType, actions, texts))
        {
            return null;
        }

        var rowVersion = EntityWriteShape.For(entityType.GetRootType()).RowVersion ?? EntityWriteShape.For(entityType).RowVersion;
        if (rowVersion != null)
        {
            var path = new PathOperand([new MapKeySegment(rowVersion.GetAttributeName())], rowVersion, DynamoDbValueMapping.ForProperty(rowVersion));
            actions.Add(new IncrementVersionAction(path, rowVersion));
        }

        return actions;
    }

    /// <summary>
    ///     The overloaded index keys built from properties the update sets (<c>GSI1PK = "STATUS#{0}"</c> when it sets Status): each
    ///     is rewritten from the values it is set to, so the item moves to its new place in the index. A key also built from a
    ///     property the update does not set to a value (or sets by arithmetic) would need each item's own value, which an update
    ///     expression cannot compose: refused.
    /// </summary>
    private bool AddIndexKeys(
        IEntityType entityType,
        List<UpdateAction> actions,
        IReadOnlyDictionary<UpdateAction, string> texts)
    {
        foreach (var (index, part) in Metadata.Internal.DynamoDbKeyParts.IndexTemplates(entityType))
        {
            var touching = actions.FirstOrDefault(a => a.Target.IsTopLevel && part.Properties.Contains(a.Property));
            if (touching == null)
            {
                continue;
            }

            var values = new List<ValueOperand>(part.Properties.Count);
            foreach (var hole in part.Properties)
            {
                if (actions.FirstOrDefault(a => a.Target.IsTopLevel && a.Property == hole) is SetAction { Value: OperandValue operand })
                {
                    values.Add(operand.Value);
                    continue;
                }

                Fail($"'{texts[touching]}' sets '{touching.Property.DeclaringType.DisplayName()}.{touching.Property.Name}', which the key "
                    + $"'{part.AttributeName}' of the index '{index.GetIndexName()}' is built from (template '{part.Template!.Text}'), "
                    + $"together with '{hole.Name}', which this ExecuteUpdate does not set to a value. The key's text needs every "
                    + "property it is built from, and the item would otherwise stay in the index under its old key: set them all to "
                    + "values in the same ExecuteUpdate, or load the entities and SaveChanges, which rewrites the key.");
                return false;
            }

            var path = new PathOperand([new MapKeySegment(part.AttributeName)], null, DynamoDbValueMapping.ForProperty(touching.Property));
            actions.Add(new SetIndexKeyAction(path, touching.Property, index.GetIndexName()!, part, values));
        }

        return true;
    }

    private static bool IsNoOp(UpdateAction action) => action is SetAction { Value: AttributeReferenceValue reference } && reference.Source.Equals(action.Target);

    private static bool Overlaps(PathOperand a, PathOperand b)
    {
        var shorter = Math.Min(a.Segments.Count, b.Segments.Count);
        return a.Segments.Count != b.Segments.Count && a.Segments.Take(shorter).SequenceEqual(b.Segments.Take(shorter));
    }

    private UpdateAction? TranslateSetter(IEntityType entityType, Expression propertyExpression, Expression valueExpression, string text)
    {
        if (AttributePathResolver.ResolvePath(StripUpcast(propertyExpression)) is not { Property: IProperty property } target
            || target.Segments.Any(s => s is ListIndexSegment))
        {
            return Fail(
                $"'{text}': SetProperty can set a property of '{entityType.DisplayName()}' or of an owned or complex object stored inside "
                + "its item (t => t.Info.Plot), not a whole owned or complex object, a list element or an unmapped member.");
        }

        var root = entityType.GetRootType();
        if ((target.IsTopLevel || target.Component != null)
            && (property.IsPrimaryKey() || property == root.GetPartitionKeyProperty() || property == root.GetSortKeyProperty()))
        {
            return Fail(
                $"'{text}' sets the key property '{property.DeclaringType.DisplayName()}.{property.Name}'. DynamoDB keys are immutable: "
                + "to move an item to another key, delete it and add a new one.");
        }

        if (property == entityType.FindDiscriminatorProperty())
        {
            return Fail($"'{text}' sets the discriminator '{property.Name}', which says what type the item is; it cannot be changed in place.");
        }

        if (DynamoDbStoredForms.IsRowVersion(property))
        {
            return Fail(
                $"'{text}' sets the row version '{property.DeclaringType.DisplayName()}.{property.Name}', which the provider manages: every "
                + "ExecuteUpdate moves it on by one (ADD), so that tracked copies of the item elsewhere conflict.");
        }

        var value = StripConversions(valueExpression, property.ClrType);
        return value switch
        {
            BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.AddChecked or ExpressionType.Subtract or ExpressionType.SubtractChecked } binary
                => TranslateArithmeticSetter(target, property, binary, text),
            MethodCallExpression call when SetOperation(call) is { } operation => TranslateCollectionSetter(target, property, call, operation, text),
            _ => TranslateValue(target, value, text) is { } translated ? new SetAction(target, property, translated) : null,
        };
    }

    /// <summary><c>t.Views + n</c> and <c>t.Views - n</c> are ADD; any other sum of values, attributes and coalesces a SET.</summary>
    private UpdateAction? TranslateArithmeticSetter(PathOperand target, IProperty property, BinaryExpression binary, string text)
    {
        if (!IsPlainNumber(property))
        {
            return Fail($"'{text}' cannot be translated to a DynamoDB update: DynamoDB's update language can only add and subtract numbers "
                + $"stored as N, and the {target.Mapping.Description} is stored as {((DynamoDbTypeMapping)property.GetTypeMapping()).StoreType}. "
                + "Computations on strings run on the client: load the entities and SaveChanges instead.");
        }

        var subtract = binary.NodeType is ExpressionType.Subtract or ExpressionType.SubtractChecked;
        var left = StripConversions(binary.Left, property.ClrType);
        var right = StripConversions(binary.Right, property.ClrType);
        var leftIsTarget = AttributePathResolver.ResolvePath(left) is { } l && l.Equals(target);
        var rightIsTarget = !subtract && AttributePathResolver.ResolvePath(right) is { } r && r.Equals(target);
        if (leftIsTarget || rightIsTarget)
        {
            if (property.IsNullable && property.ClrType.IsNullableValueType())
            {
                return Fail(
                    $"'{text}' adds to the nullable '{property.DeclaringType.DisplayName()}.{property.Name}': C# gives null when it is null, "
                    + $"but DynamoDB's ADD starts a missing attribute from 0. Write '({target} ?? 0) {(subtract ? "-" : "+")} n' to start from 0.");
            }

            var amount = TranslateOperand(leftIsTarget ? right : left, target.Mapping);
            if (amount == null)
            {
                return Fail($"'{text}': the amount '{Describe(leftIsTarget ? right : left)}' must be a constant or a query parameter (DynamoDB's ADD "
                    + "adds a value; to add another attribute write the sum of both with '??' defaults).");
            }

            return new AddNumberAction(target, property, amount, subtract);
        }

        var leftValue = TranslateNumberOperand(target, left, text);
        var rightValue = leftValue == null ? null : TranslateNumberOperand(target, right, text);
        return rightValue == null ? null : new SetAction(target, property, new ArithmeticValue(leftValue!, subtract, rightValue));
    }

    private UpdateValue? TranslateNumberOperand(PathOperand target, Expression expression, string text)
    {
        if (expression is BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.Subtract or ExpressionType.AddChecked or ExpressionType.SubtractChecked })
        {
            Fail($"'{text}': DynamoDB's SET takes one addition or subtraction ('a + b'); '{Describe(expression)}' needs more.");
            return null;
        }

        return TranslateValue(target, expression, text);
    }

    /// <summary><c>Union</c>/<c>Except</c> on a set, <c>Concat</c> on a list.</summary>
    private UpdateAction? TranslateCollectionSetter(PathOperand target, IProperty property, MethodCallExpression call, string operation, string text)
    {
        var first = StripCollection(call.Arguments[0]);
        var second = StripCollection(call.Arguments[1]);
        var firstIsTarget = AttributePathResolver.ResolvePath(first) is { } f && f.Equals(target);
        var secondIsTarget = AttributePathResolver.ResolvePath(second) is { } s && s.Equals(target);
        var mapping = (DynamoDbTypeMapping)property.GetTypeMapping();
        if (operation is nameof(Enumerable.Union) or nameof(Enumerable.Except))
        {
            if (mapping.AttributeType is not (DynamoDbAttributeType.SS or DynamoDbAttributeType.NS or DynamoDbAttributeType.BS)
                || mapping.Converter != null)
            {
                return Fail($"'{text}': {operation} translates to DynamoDB's {(operation == nameof(Enumerable.Union) ? "ADD" : "DELETE")} of set "
                    + $"members, but the {target.Mapping.Description} is stored as {mapping.StoreType}, not as a set (SS, NS or BS).");
            }

            if (first is MethodCallExpression inner && SetOperation(inner) != null)
            {
                return Fail($"'{text}' combines several set operations on '{target}'; DynamoDB allows one action per attribute in an update. "
                    + "Add and delete members in two ExecuteUpdate calls.");
            }

            if (!firstIsTarget || (operation == nameof(Enumerable.Except) && secondIsTarget))
            {
                return Fail($"'{text}': write '{target}.{operation}(values)', with the property itself first and the values a constant or "
                    + "a query parameter.");
            }

            var members = TranslateOperand(second, target.Mapping);
            if (members == null)
            {
                return Fail($"'{text}': the members '{Describe(second)}' must be a constant or a query parameter.");
            }

            return operation == nameof(Enumerable.Union)
                ? new AddMembersAction(target, property, members)
                : new DeleteMembersAction(target, property, members);
        }

        if (mapping.AttributeType != DynamoDbAttributeType.L || mapping.Converter != null)
        {
            return Fail($"'{text}': Concat translates to DynamoDB's list_append, but the {target.Mapping.Description} is stored as "
                + $"{mapping.StoreType}, not as a list (L).");
        }

        if (firstIsTarget == secondIsTarget)
        {
            return Fail($"'{text}': write '{target}.Concat(values)' to append or 'values.Concat({target})' to prepend, with the values a "
                + "constant or a query parameter.");
        }

        var elements = TranslateOperand(firstIsTarget ? second : first, target.Mapping);
        if (elements == null)
        {
            return Fail($"'{text}': the elements '{Describe(firstIsTarget ? second : first)}' must be a constant or a query parameter.");
        }

        UpdateValue list = new ListAttributeValue(target);
        UpdateValue added = new ListElementsValue(elements);
        return new SetAction(target, property, firstIsTarget ? new ListAppendValue(list, added) : new ListAppendValue(added, list));
    }

    /// <summary>A value, another attribute, or a coalesce of an attribute with a value.</summary>
    private UpdateValue? TranslateValue(PathOperand target, Expression expression, string text)
    {
        expression = StripConversions(expression, target.Property!.ClrType);
        if (expression is BinaryExpression { NodeType: ExpressionType.Coalesce } coalesce)
        {
            var left = StripConversions(coalesce.Left, target.Property.ClrType);
            if (AttributePathResolver.ResolvePath(left) is not { Property: IProperty } source || !SameStoredType(target, source))
            {
                Fail($"'{text}': the left side of '??' must be an attribute stored like '{target}', or a number a conversion widens to its "
                    + "type (it becomes if_not_exists).");
                return null;
            }

            // A widened copy ((long)(t.Likes ?? 0)) has its default in the source's type: give it the target's.
            var right = StripConversions(coalesce.Right, target.Property.ClrType);
            if (right.Type.UnwrapNullableType() != target.Property.ClrType.UnwrapNullableType())
            {
                right = Expression.Convert(right, target.Property.ClrType);
            }

            var fallback = TranslateOperand(right, target.Mapping);
            if (fallback == null)
            {
                Fail($"'{text}': the default on the right of '??' must be a constant or a query parameter.");
                return null;
            }

            return new IfNotExistsValue(source, fallback);
        }

        if (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } conversion
            && AttributePathResolver.ResolvePath(StripConversions(conversion.Operand, conversion.Operand.Type)) is { } converted)
        {
            // A conversion the copy cannot make ((int)t.Views into an int): DynamoDB's SET copies the stored number as it is.
            Fail($"'{text}': '{converted}' is not stored like '{target}' (nor a number a conversion widens to its type), so it cannot be "
                + "copied to it.");
            return null;
        }

        if (AttributePathResolver.ResolvePath(expression) is { } path)
        {
            if (path.Property is not IProperty sourceProperty || !SameStoredType(target, path))
            {
                Fail($"'{text}': '{path}' is not stored like '{target}' (nor a number a conversion widens to its type), so it cannot be "
                    + "copied to it.");
                return null;
            }

            if (sourceProperty.IsNullable && !path.Equals(target))
            {
                Fail($"'{text}' copies the nullable '{path}': DynamoDB's SET fails on an item without that attribute, where C# would copy null. "
                    + $"Write '{expression} ?? value' (if_not_exists) to give items without it a value.");
                return null;
            }

            return new AttributeReferenceValue(path);
        }

        if (TranslateOperand(expression, target.Mapping) is { } operand)
        {
            return new OperandValue(operand);
        }

        Fail($"'{text}' cannot be translated to a DynamoDB update: the value of a SetProperty must be a constant, a query "
            + "parameter, another attribute, 'attribute ?? value', 'attribute + value' or 'attribute - value' on numbers, Union or Except "
            + "on a set, or Concat on a list. Computations on strings and calls on attributes run on the client: load the entities and "
            + "SaveChanges instead.");
        return null;
    }

    /// <summary>A constant, a query parameter, or an expression EF left that reads neither the item nor a parameter.</summary>
    private static ValueOperand? TranslateOperand(Expression expression, DynamoDbValueMapping mapping)
    {
        expression = AttributePathResolver.StripNullableConvert(expression);
        return QueryValueOperands.Translate(expression, mapping)
            ?? (ParameterComputation.TryCompile(expression) is { } compute ? new ComputedOperand(compute, expression.Print(), mapping) : null);
    }

    /// <summary>Compiles an expression that reads query parameters and nothing of the item into a function of the parameter values.</summary>
    private sealed class ParameterComputation : ExpressionVisitor
    {
        private static readonly ParameterExpression Parameters = Expression.Parameter(typeof(IReadOnlyDictionary<string, object?>), "parameters");
        private bool _readsItem;

        public static Func<IReadOnlyDictionary<string, object?>, object?>? TryCompile(Expression expression)
        {
            var visitor = new ParameterComputation();
            var body = visitor.Visit(expression)!;
            return visitor._readsItem
                ? null
                : Expression.Lambda<Func<IReadOnlyDictionary<string, object?>, object?>>(Expression.Convert(body, typeof(object)), Parameters)
                    .Compile(preferInterpretation: true);
        }

        public override Expression? Visit(Expression? node)
        {
            switch (node)
            {
                case QueryParameterExpression parameter:
                    return Expression.Convert(
                        Expression.Property(Parameters, "Item", Expression.Constant(parameter.Name)),
                        parameter.Type);
                case ParameterExpression or LambdaExpression:
                    _readsItem = true;
                    return node;
                case { NodeType: ExpressionType.Extension }:
                    _readsItem = true;
                    return node;
                default:
                    return _readsItem ? node : base.Visit(node);
            }
        }
    }

    private static bool SameStoredType(PathOperand target, PathOperand source)
        => source.Property is IProperty s && target.Property is IProperty t
            && ((s.ClrType.UnwrapNullableType() == t.ClrType.UnwrapNullableType()
                    && ((DynamoDbTypeMapping)s.GetTypeMapping()).StoreType == ((DynamoDbTypeMapping)t.GetTypeMapping()).StoreType
                    && ((DynamoDbTypeMapping)s.GetTypeMapping()).Converter?.GetType() == ((DynamoDbTypeMapping)t.GetTypeMapping()).Converter?.GetType())
                || IsWideningNumberCopy(s, t));

    /// <summary>
    ///     Whether copying the source's stored number into the target gives what C#'s conversion gives (<c>(long)t.Replies</c>):
    ///     an integer into a wider integer type, a decimal or a floating point number. An integer's N text is exact, and reads back
    ///     as the target type the way the conversion rounds it; anything narrower could store a value the target cannot hold.
    /// </summary>
    private static bool IsWideningNumberCopy(IProperty source, IProperty target)
    {
        if (!IsPlainNumber(source) || !IsPlainNumber(target) || !IntegerRanges.TryGetValue(source.ClrType.UnwrapNullableType(), out var from))
        {
            return false;
        }

        var targetType = target.ClrType.UnwrapNullableType();
        return targetType == typeof(decimal) || targetType == typeof(double) || targetType == typeof(float)
            || (IntegerRanges.TryGetValue(targetType, out var to) && to.Min <= from.Min && from.Max <= to.Max);
    }

    private static readonly Dictionary<Type, (decimal Min, decimal Max)> IntegerRanges = new()
    {
        [typeof(sbyte)] = (sbyte.MinValue, sbyte.MaxValue),
        [typeof(byte)] = (byte.MinValue, byte.MaxValue),
        [typeof(short)] = (short.MinValue, short.MaxValue),
        [typeof(ushort)] = (ushort.MinValue, ushort.MaxValue),
        [typeof(int)] = (int.MinValue, int.MaxValue),
        [typeof(uint)] = (uint.MinValue, uint.MaxValue),
        [typeof(long)] = (long.MinValue, long.MaxValue),
        [typeof(ulong)] = (ulong.MinValue, ulong.MaxValue),
    };

    private static bool IsPlainNumber(IProperty property)
    {
        var mapping = (DynamoDbTypeMapping)property.GetTypeMapping();
        return mapping.AttributeType == DynamoDbAttributeType.N && mapping.Converter == null && !property.ClrType.UnwrapNullableType().IsEnum;
    }

    /// <summary>Union, Except or Concat (Enumerable's or Queryable's), or null.</summary>
    private static string? SetOperation(MethodCallExpression call)
        => call.Method is { IsStatic: true, Name: nameof(Enumerable.Union) or nameof(Enumerable.Except) or nameof(Enumerable.Concat) } method
            && (method.DeclaringType == typeof(Enumerable) || method.DeclaringType == typeof(Queryable))
            && call.Arguments.Count == 2
                ? method.Name
                : null;

    /// <summary>Removes what only changes the static type: upcasts to an interface (IEnumerable), nullable lifting, ToList/ToHashSet/AsQueryable.</summary>
    private static Expression StripCollection(Expression expression)
    {
        while (true)
        {
            switch (expression)
            {
                case UnaryExpression { NodeType: ExpressionType.Convert } convert when convert.Type.IsAssignableFrom(convert.Operand.Type):
                    expression = convert.Operand;
                    continue;
                case MethodCallExpression
                    {
                        Method: { IsStatic: true, Name: nameof(Enumerable.ToList) or nameof(Enumerable.ToHashSet) or nameof(Enumerable.ToArray)
                        or nameof(Queryable.AsQueryable) or nameof(Enumerable.AsEnumerable) } method,
                        Arguments.Count: 1,
                    } call when method.DeclaringType == typeof(Enumerable) || method.DeclaringType == typeof(Queryable):
                    expression = call.Arguments[0];
                    continue;
                default:
                    return expression;
            }
        }
    }

    private static Expression StripConversions(Expression expression, Type propertyType)
    {
        expression = StripCollection(expression);
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert
               && (convert.Type.UnwrapNullableType() == convert.Operand.Type.UnwrapNullableType()
                   || convert.Type == typeof(object)
                   || convert.Type == propertyType))
        {
            expression = StripCollection(convert.Operand);
        }

        return expression;
    }

    private static Expression StripUpcast(Expression expression) => StripCollection(expression);

    /// <summary>The type of a collection's elements (a set's or a list's).</summary>
    public static Type? ElementType(Type collectionType)
        => collectionType.IsArray
            ? collectionType.GetElementType()
            : collectionType.GetInterfaces().Append(collectionType)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>An expression for messages: an attribute by its path ('Info.Plot'), anything else as EF prints it.</summary>
    private static string Describe(Expression expression)
        => AttributePathResolver.ResolvePath(expression) is { } path ? path.ToString() : expression.Print();

    private UpdateAction? Fail(string reason)
    {
        _error ??= reason;
        return null;
    }

    internal static bool IsCollection(object? value) => value is IEnumerable and not string and not byte[];
}
