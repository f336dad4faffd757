using System.Collections;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Query.Internal.Translation;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using EFCore.DynamoDb.Storage.Internal.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Writes;

/// <summary>
///     Writes ExecuteUpdate's actions, with one execution's parameter values, as an UpdateExpression (SET, REMOVE, ADD, DELETE
///     clauses) and the conditions the actions need to mean what C# means: the maps holding nested targets exist, attributes
///     copied from exist. Values are stored exactly as SaveChanges stores them (the property's type mapping).
/// </summary>
internal sealed class UpdateExpressionWriter(DynamoDbExpressionBuilder builder, IReadOnlyDictionary<string, object?> parameters)
{
    private readonly List<string> _sets = [];
    private readonly List<string> _removes = [];
    private readonly List<string> _adds = [];
    private readonly List<string> _deletes = [];
    private readonly List<IReadOnlyList<PathSegment>> _required = [];

    /// <summary>
    ///     Whether sending the update twice leaves the item as sending it once (no ADD of a number, no append, no arithmetic,
    ///     no row version): only then may a request whose answer was lost be sent again.
    /// </summary>
    public bool IsIdempotent { get; private set; } = true;

    /// <summary>Whether there is any action left once the values are known (an empty Union adds nothing).</summary>
    public bool IsEmpty => _sets.Count == 0 && _removes.Count == 0 && _adds.Count == 0 && _deletes.Count == 0;

    public string Expression
        => string.Join(
            " ",
            new[] { ("SET", _sets), ("REMOVE", _removes), ("ADD", _adds), ("DELETE", _deletes) }
                .Where(c => c.Item2.Count > 0)
                .Select(c => c.Item1 + " " + string.Join(", ", c.Item2)));

    /// <summary>The conditions the actions need: attribute_exists of each map written inside and each attribute copied.</summary>
    public IEnumerable<string> Conditions()
        => _required
            .Where(p => !_required.Any(other => other.Count > p.Count && other.Take(p.Count).SequenceEqual(p)))
            .Select(p => $"attribute_exists({builder.Path(p)})");

    public void Write(IEnumerable<UpdateAction> actions)
    {
        foreach (var action in actions)
        {
            Write(action);
        }
    }

    private void Write(UpdateAction action)
    {
        RequireParent(action.Target);
        var target = builder.Path(action.Target.Segments);
        switch (action)
        {
            case SetAction { Value: OperandValue operand } set:
                var stored = Store(set.Property, Bind(operand.Value));
                if (stored == null)
                {
                    _removes.Add(target);
                }
                else
                {
                    _sets.Add($"{target} = {builder.Value(stored)}");
                }

                break;
            case SetAction { Value: ListAppendValue { First: var first, Second: var second } }
                when IsEmptyList(first as ListElementsValue ?? (ListElementsValue)second):
                // Appending nothing changes nothing (and must not create an empty list where there was none).
                break;
            case SetAction set:
                IsIdempotent &= set.Value is not (ArithmeticValue or ListAppendValue);
                _sets.Add($"{target} = {Render(set.Property, set.Value)}");
                break;
            case AddNumberAction add:
                IsIdempotent = false;
                var amount = Store(add.Property, Bind(add.Amount))
                    ?? throw new InvalidOperationException(
                        $"ExecuteUpdate adds null to '{Describe(add.Property)}'; C# would make it null. Set it to null instead.");
                _adds.Add($"{target} {builder.Value(add.Negate ? Negate(amount) : amount)}");
                break;
            case AddMembersAction members when Members(members.Property, members.Members) is { } set:
                _adds.Add($"{target} {builder.Value(set)}");
                break;
            case DeleteMembersAction members when Members(members.Property, members.Members) is { } set:
                _deletes.Add($"{target} {builder.Value(set)}");
                break;
            case SetIndexKeyAction indexKey:
                WriteIndexKey(target, indexKey);
                break;
            case IncrementVersionAction:
                IsIdempotent = false;
                _adds.Add($"{target} {builder.Value(new AttributeValue { N = "1" })}");
                break;
        }
    }

    /// <summary>The index key's text from this execution's values, checked as SaveChanges checks it; REMOVE when one is null.</summary>
    private void WriteIndexKey(string target, SetIndexKeyAction indexKey)
    {
        var values = new object[indexKey.Values.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (Bind(indexKey.Values[i]) is not { } value)
            {
                // A sparse index: an item without one of the key's values is not in it.
                _removes.Add(target);
                return;
            }

            values[i] = value;
        }

        if (Update.Internal.KeyTemplateWriter.CheckedText(indexKey.Part, values, $"key of index '{indexKey.IndexName}'", out var text, out var inner)
            is { } problem)
        {
            throw new InvalidOperationException(
                $"ExecuteUpdate of '{indexKey.Property.DeclaringType.DisplayName()}' cannot run: {problem}", inner);
        }

        _sets.Add($"{target} = {builder.Value(new AttributeValue { S = text })}");
    }

    private string Render(IProperty target, UpdateValue value)
        => value switch
        {
            OperandValue operand => builder.Value(
                Store(target, Bind(operand.Value))
                ?? throw new InvalidOperationException(
                    $"ExecuteUpdate computes '{Describe(target)}' from null; C# would make it null. Set it to null instead.")),
            AttributeReferenceValue reference => Reference(reference.Source),
            IfNotExistsValue ifNotExists => $"if_not_exists({Path(ifNotExists.Source)}, {Render(target, new OperandValue(ifNotExists.Default))})",
            ArithmeticValue arithmetic => $"{Render(target, arithmetic.Left)} {(arithmetic.Subtract ? "-" : "+")} {Render(target, arithmetic.Right)}",
            ListAppendValue append => $"list_append({Render(target, append.First)}, {Render(target, append.Second)})",
            ListElementsValue elements => builder.Value(new AttributeValue { L = Elements(target, elements.Elements) }),
            ListAttributeValue list => $"if_not_exists({Path(list.List)}, {builder.Value(new AttributeValue { L = [] })})",
            _ => throw new InvalidOperationException($"Unknown update value '{value}'."),
        };

    private string Reference(PathOperand source)
    {
        _required.Add(source.Segments);
        return builder.Path(source.Segments);
    }

    private string Path(PathOperand path)
    {
        RequireParent(path);
        return builder.Path(path.Segments);
    }

    private void RequireParent(PathOperand path)
    {
        if (!path.IsTopLevel)
        {
            _required.Add(path.Segments.Take(path.Segments.Count - 1).ToList());
        }
    }

    private bool IsEmptyList(ListElementsValue elements) => Bind(elements.Elements) is IEnumerable e && !e.Cast<object?>().Any();

    private object? Bind(ValueOperand operand)
        => operand switch
        {
            ConstantOperand constant => constant.Value,
            ParameterOperand parameter => parameters.TryGetValue(parameter.Name, out var value)
                ? parameter.Conversion == null ? value : parameter.Conversion(value)
                : null,
            ComputedOperand computed => computed.Compute(parameters),
            _ => throw new InvalidOperationException($"The value {operand} cannot be bound."),
        };

    /// <summary>The stored form of a value of the property, as SaveChanges stores it; null for no attribute.</summary>
    internal static AttributeValue? Store(IProperty property, object? value)
    {
        if (value == null)
        {
            if (!property.IsNullable)
            {
                throw new InvalidOperationException(
                    $"ExecuteUpdate sets the required property '{Describe(property)}' to null. Give it a value, or make the property optional.");
            }

            return null;
        }

        try
        {
            return ((DynamoDbTypeMapping)property.GetTypeMapping()).ToAttributeValue(value);
        }
        catch (UnstorableValueException exception)
        {
            throw new InvalidOperationException(
                $"ExecuteUpdate sets '{Describe(property)}' to {DynamoDbValueMapping.DescribeValue(value)}, which DynamoDB cannot store: "
                + exception.Reason + (exception.Path == null ? "" : $" (at {exception.Path})") + ". Nothing was written.",
                exception);
        }
        catch (Exception exception) when (exception is InvalidCastException or FormatException or OverflowException)
        {
            throw new InvalidOperationException(
                $"ExecuteUpdate cannot store {DynamoDbValueMapping.DescribeValue(value)} in '{Describe(property)}': {exception.Message} "
                + "Nothing was written.",
                exception);
        }
    }

    /// <summary>The members of a Union or Except as a DynamoDB set; null when there are none (DynamoDB has no empty sets).</summary>
    private AttributeValue? Members(IProperty property, ValueOperand operand)
    {
        var elements = Elements(property, operand, isSet: true);
        if (elements.Count == 0)
        {
            return null;
        }

        var set = new AttributeValue();
        if (elements.All(e => e.S != null))
        {
            set.SS = elements.Select(e => e.S).Distinct(StringComparer.Ordinal).ToList();
        }
        else if (elements.All(e => e.N != null))
        {
            set.NS = elements.GroupBy(e => DynamoDbNumber.Normalize(e.N)).Select(g => g.First().N).ToList();
        }
        else if (elements.All(e => e.B != null))
        {
            set.BS = elements.GroupBy(e => Convert.ToBase64String(e.B.ToArray())).Select(g => g.First().B).ToList();
        }
        else
        {
            throw new InvalidOperationException(
                $"ExecuteUpdate cannot add or delete these members of '{Describe(property)}': a DynamoDB set holds strings, numbers or "
                + "binary values, one kind per set, and no null.");
        }

        return set;
    }

    private List<AttributeValue> Elements(IProperty property, ValueOperand operand, bool isSet = false)
    {
        var values = Bind(operand) switch
        {
            null => throw new InvalidOperationException(
                $"ExecuteUpdate combines '{Describe(property)}' with a null collection; C# would throw. Pass an empty collection to change nothing."),
            IEnumerable enumerable when UpdateSetterTranslator.IsCollection(enumerable) => enumerable.Cast<object?>().ToList(),
            var single => throw new InvalidOperationException(
                $"ExecuteUpdate combines '{Describe(property)}' with {DynamoDbValueMapping.DescribeValue(single)}, which is not a collection."),
        };
        var elementType = UpdateSetterTranslator.ElementType(property.ClrType)
            ?? throw new InvalidOperationException($"'{Describe(property)}' is not a collection.");
        var mapping = DynamoDbValueMapping.ForElement(property, elementType)
            ?? throw new InvalidOperationException(
                $"ExecuteUpdate cannot store elements of '{Describe(property)}' one by one: its value converter hides how they are stored.");
        var result = new List<AttributeValue>(values.Count);
        foreach (var value in values)
        {
            if (value == null && isSet)
            {
                throw new InvalidOperationException($"ExecuteUpdate adds null to the set '{Describe(property)}'; DynamoDB sets cannot hold null.");
            }

            try
            {
                result.Add(mapping.ToAttributeValue(value)!);
            }
            catch (InvalidOperationException exception)
            {
                throw new InvalidOperationException(
                    $"ExecuteUpdate cannot store the element {DynamoDbValueMapping.DescribeValue(value)} in '{Describe(property)}': "
                    + (exception.InnerException?.Message ?? exception.Message),
                    exception);
            }
        }

        return result;
    }

    private static AttributeValue Negate(AttributeValue number)
        => new() { N = number.N.StartsWith('-') ? number.N[1..] : number.N == "0" ? "0" : "-" + number.N };

    private static string Describe(IProperty property) => $"{property.DeclaringType.DisplayName()}.{property.Name}";
}
