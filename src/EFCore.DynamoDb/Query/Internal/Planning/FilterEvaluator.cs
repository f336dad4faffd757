using System.Collections;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>
///     Evaluates a bound condition on an item on the client, with DynamoDB's semantics. Used only for the parts of a
///     condition DynamoDB cannot take in a request: conditions on the queried key attributes beyond the key condition, and
///     conditions of GetItem and BatchGetItem requests (which have no filter). It only ever narrows rows already read.
/// </summary>
internal static class FilterEvaluator
{
    public static bool Matches(FilterNode node, Dictionary<string, AttributeValue> item)
        => node switch
        {
            AndFilter a => Matches(a.Left, item) && Matches(a.Right, item),
            OrFilter o => Matches(o.Left, item) || Matches(o.Right, item),
            NotFilter n => !Matches(n.Operand, item),
            ConstantFilter c => c.Value,
            ComparisonFilter c => Compare(c, item),
            StringCompareFilter s => StringCompare(s, item),
            NullCheckFilter n => IsNull(Resolve(item, n.Path)) == n.IsNull,
            BeginsWithFilter b => BeginsWith(Resolve(item, b.Path), Value(b.Prefix)),
            ContainsFilter c => Resolve(item, c.Path) is var collection && Forms(c.Value).Any(f => Contains(collection, f)),
            InFilter i => (Resolve(item, i.Path) ?? (i.Values.Mapping.MissingValue is { } missing ? i.Values.Mapping.ToAttributeValue(missing) : null)) is { } value
                && ((IEnumerable)((ConstantOperand)i.Values).Value!).Cast<object?>()
                    .Any(v => Forms(new ConstantOperand(v, i.Values.Mapping)).Any(f => AttributeValueComparer.AreEqual(value, f))),
            _ => throw new InvalidOperationException($"Unknown condition node '{node.GetType().Name}'."),
        };

    public static AttributeValue? Resolve(Dictionary<string, AttributeValue> item, PathOperand path)
    {
        if (path.Component is { } component)
        {
            // The property's value inside the key's text, stored as the property itself would be.
            return item.TryGetValue(component.Part.AttributeName, out var key) && key.S is { } text
                && component.Part.TryParse(text) is { } values
                    ? path.Mapping.ToAttributeValue(values[component.PropertyIndex])
                    : null;
        }

        AttributeValue? current = null;
        var map = item;
        for (var i = 0; i < path.Segments.Count; i++)
        {
            switch (path.Segments[i])
            {
                case MapKeySegment key:
                    if (map == null || !map.TryGetValue(key.Name, out current))
                    {
                        return null;
                    }

                    break;
                case ListIndexSegment index:
                    if (current?.L == null || index.Index >= current.L.Count)
                    {
                        return null;
                    }

                    current = current.L[index.Index];
                    break;
            }

            map = current?.M!;
        }

        return current;
    }

    private static bool Compare(ComparisonFilter comparison, Dictionary<string, AttributeValue> item)
    {
        var (left, missingAsZero) = comparison.Left switch
        {
            SizeOperand size => (Size(Resolve(item, size.Path)), size.MissingIsEmpty),
            PathOperand path => (Resolve(item, path), false),
            _ => (null, false),
        };
        if (left == null && missingAsZero)
        {
            left = new AttributeValue { N = "0" };
        }

        if (left == null && comparison is { Left: PathOperand, Right: ConstantOperand { Mapping.MissingValue: { } missing } reading })
        {
            // A missing attribute that reads as a value (a row version no writer set yet reads as 0).
            left = reading.Mapping.ToAttributeValue(missing);
        }

        var right = comparison.Right switch
        {
            PathOperand path => Resolve(item, path),
            ConstantOperand constant => constant.Mapping.ToAttributeValue(constant.Value),
            _ => null,
        };

        if (comparison is { Operator: ComparisonOperator.Equal or ComparisonOperator.NotEqual, Right: PathOperand })
        {
            var bothNull = IsNull(left) && IsNull(right);
            var equal = bothNull || (left != null && right != null && AttributeValueComparer.AreEqual(left, right));
            return comparison.Operator == ComparisonOperator.Equal ? equal : !equal;
        }

        if (left == null || right == null)
        {
            return comparison.Operator == ComparisonOperator.NotEqual;
        }

        if (comparison.Operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual)
        {
            // A value with a second stored form (a bool as BOOL or N 1/0) equals an attribute in either form; that form is worked
            // out only for an item the first one does not match (this runs per item read).
            var matches = AttributeValueComparer.AreEqual(left, right)
                || (comparison.Right is ConstantOperand c && c.Mapping.AlternativeForm(right) is { } other
                    && AttributeValueComparer.AreEqual(left, other));
            return comparison.Operator == ComparisonOperator.Equal ? matches : !matches;
        }

        return AttributeValueComparer.Compare(left, right) is { } order && comparison.Operator switch
        {
            ComparisonOperator.LessThan => order < 0,
            ComparisonOperator.LessThanOrEqual => order <= 0,
            ComparisonOperator.GreaterThan => order > 0,
            _ => order >= 0,
        };
    }

    private static bool StringCompare(StringCompareFilter compare, Dictionary<string, AttributeValue> item)
    {
        var value = Resolve(item, compare.Path);
        var right = Value(compare.Value).S!;
        var order = IsNull(value) ? -1 : value!.S == null ? (int?)null : AttributeValueComparer.CompareStrings(value.S, right);
        return order is { } o && compare.Operator switch
        {
            ComparisonOperator.Equal => o == 0,
            ComparisonOperator.NotEqual => o != 0,
            ComparisonOperator.LessThan => o < 0,
            ComparisonOperator.LessThanOrEqual => o <= 0,
            ComparisonOperator.GreaterThan => o > 0,
            _ => o >= 0,
        };
    }

    private static AttributeValue? Size(AttributeValue? value)
    {
        var size = value switch
        {
            { S: { } s } => s.Length,
            { B: { } b } => (int)b.Length,
            { SS: { Count: > 0 } ss } => ss.Count,
            { NS: { Count: > 0 } ns } => ns.Count,
            { BS: { Count: > 0 } bs } => bs.Count,
            { L: { } l } when value.IsLSet || l.Count > 0 => l.Count,
            { M: { } m } when value.IsMSet || m.Count > 0 => m.Count,
            _ => (int?)null,
        };
        return size == null ? null : new AttributeValue { N = size.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }

    private static bool IsNull(AttributeValue? value) => value == null || value.NULL == true;

    private static bool BeginsWith(AttributeValue? value, AttributeValue prefix)
        => (value?.S, prefix.S) is ({ } s, { } p)
            ? s.StartsWith(p, StringComparison.Ordinal)
            : (value?.B, prefix.B) is ({ } b, { } pb) && b.ToArray().AsSpan().StartsWith(pb.ToArray());

    private static bool Contains(AttributeValue? value, AttributeValue element)
        => value switch
        {
            { S: { } s } => element.S != null && s.Contains(element.S, StringComparison.Ordinal),
            { SS: { Count: > 0 } ss } => element.S != null && ss.Contains(element.S),
            { NS: { Count: > 0 } ns } => element.N != null && ns.Any(n => AttributeValueComparer.CompareNumbers(n, element.N) == 0),
            { BS: { Count: > 0 } bs } => element.B != null && bs.Any(b => b.ToArray().AsSpan().SequenceEqual(element.B.ToArray())),
            { L: { } l } => l.Any(e => AttributeValueComparer.AreEqual(e, element)),
            _ => false,
        };

    private static IEnumerable<AttributeValue> Forms(ValueOperand operand)
    {
        var written = Value(operand);
        return operand.Mapping.AlternativeForm(written) is { } other ? [written, other] : [written];
    }

    private static AttributeValue Value(ValueOperand operand)
        => ((ConstantOperand)operand).Mapping.ToAttributeValue(((ConstantOperand)operand).Value)
            ?? throw new InvalidOperationException("A null value cannot be evaluated here.");
}
