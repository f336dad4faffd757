using System.Collections;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using ComparisonOperator = EFCore.DynamoDb.Query.Internal.Filters.ComparisonOperator;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>
///     Derives conditions on key attributes built by key templates from the conditions on their properties
///     (<c>o.CustomerId == "42"</c> is <c>PK = "CUSTOMER#42"</c>; a date range of the first hole of <c>ORDER#{0:yyyy-MM-dd}#{1}</c> is
///     a range of <c>SK</c>), so that the planner finds key lookups, key conditions and index queries in them. The derived
///     conditions are implied by the original ones, which stay and are checked on the items read: the answer is exactly the
///     original condition's.
/// </summary>
internal static class KeyTemplateConditions
{
    /// <summary>The greatest code point: text after a prefix sorts below the prefix followed by it.</summary>
    private const string MaxSuffix = "\U0010FFFF";

    private const int MaxKeyCombinations = 1000;

    /// <summary><paramref name="conjuncts" /> followed by the conditions they imply on the templated key attributes of <paramref name="parts" />.</summary>
    public static List<FilterNode> WithImplied(IReadOnlyList<FilterNode> conjuncts, IReadOnlyList<DynamoDbKeyPart> parts)
    {
        var result = conjuncts.ToList();
        foreach (var part in parts)
        {
            if (part.Template != null)
            {
                result.AddRange(Implied(conjuncts, part));
            }
        }

        return result;
    }

    /// <summary>
    ///     The templated key parts of the table and its indexes; empty for a model without key templates. Every query execution
    ///     plans with them, so they are worked out once per entity type (a runtime annotation lives as long as its model).
    /// </summary>
    public static IReadOnlyList<DynamoDbKeyPart> TemplateParts(Microsoft.EntityFrameworkCore.Metadata.IEntityType root)
        => root.GetOrAddRuntimeAnnotationValue(TemplatePartsAnnotation, static e => ComputeTemplateParts(e!), root);

    private const string TemplatePartsAnnotation = "DynamoDb:TemplateKeyParts";

    private static DynamoDbKeyPart[] ComputeTemplateParts(Microsoft.EntityFrameworkCore.Metadata.IEntityType root)
        => new[] { DynamoDbKeyParts.PartitionKey(root), DynamoDbKeyParts.SortKey(root) }
            .Concat(DynamoDbKeyParts.IndexTemplates(root).Select(p => p.Part))
            .Where(p => p?.Template != null)
            .DistinctBy(p => p!.AttributeName)
            .Select(p => p!)
            .ToArray();

    private static IEnumerable<FilterNode> Implied(IReadOnlyList<FilterNode> conjuncts, DynamoDbKeyPart part)
    {
        var template = part.Template!;
        var key = new PathOperand([new MapKeySegment(part.AttributeName)], null, TextMapping);

        // The leading holes pinned to values (one or a few each).
        var pinned = new List<IReadOnlyList<object>>();
        for (var hole = 0; hole < template.Holes.Count; hole++)
        {
            if (ValuesOf(conjuncts, part, template.Holes[hole]) is not { } values)
            {
                break;
            }

            pinned.Add(values);
        }

        if (pinned.Count == template.Holes.Count)
        {
            var keys = Combinations(pinned).Take(MaxKeyCombinations + 1).Select(c => (object?)Text(part, c, c.Count)).ToList();
            if (keys.Count <= MaxKeyCombinations)
            {
                yield return keys.Count == 1
                    ? new ComparisonFilter(ComparisonOperator.Equal, key, new ConstantOperand(keys[0], TextMapping))
                    : new InFilter(key, new ConstantOperand(keys, TextMapping));
            }

            yield break;
        }

        // A range (or a prefix) of the first hole that is not pinned, after one set of pinned values.
        if (pinned.Any(v => v.Count != 1))
        {
            yield break;
        }

        var leading = pinned.Select(v => v[0]).ToList();
        var prefix = Text(part, leading, leading.Count);
        var next = template.Holes[leading.Count];
        var isLast = leading.Count == template.Holes.Count - 1;
        if (KeyComponentFormatter.IsOrderPreserving(part.Properties[next], template.Formats[leading.Count], isLast && template.Literals[^1].Length == 0)
            && Bounds(conjuncts, part, next) is var (lower, upper) && (lower != null || upper != null))
        {
            var low = prefix + (lower == null ? "" : KeyComponentFormatter.ToText(part.Properties[next], lower, template.Formats[leading.Count]));
            var high = prefix + (upper == null ? "" : KeyComponentFormatter.ToText(part.Properties[next], upper, template.Formats[leading.Count])) + MaxSuffix;
            yield return new ComparisonFilter(ComparisonOperator.GreaterThanOrEqual, key, new ConstantOperand(low, TextMapping));
            yield return new ComparisonFilter(ComparisonOperator.LessThanOrEqual, key, new ConstantOperand(high, TextMapping));
            yield break;
        }

        if (prefix.Length > 0)
        {
            yield return new BeginsWithFilter(key, new ConstantOperand(prefix, TextMapping));
        }
    }

    /// <summary>The key text up to and including the literal after the first <paramref name="holes" /> holes, or the whole key.</summary>
    private static string Text(DynamoDbKeyPart part, IReadOnlyList<object> holeValues, int holes)
    {
        var template = part.Template!;
        var texts = new string[part.Properties.Count];
        for (var hole = 0; hole < holes; hole++)
        {
            var property = template.Holes[hole];
            texts[property] = KeyComponentFormatter.ToText(part.Properties[property], holeValues[hole], template.Formats[hole]);
        }

        return holes == template.Holes.Count ? template.Format(texts) : template.PrefixThrough(holes, texts);
    }

    /// <summary>The values a conjunct pins the property to (== or IN), or null.</summary>
    private static IReadOnlyList<object>? ValuesOf(IReadOnlyList<FilterNode> conjuncts, DynamoDbKeyPart part, int propertyIndex)
    {
        var property = part.Properties[propertyIndex];
        foreach (var conjunct in conjuncts)
        {
            switch (conjunct)
            {
                case ComparisonFilter { Operator: ComparisonOperator.Equal, Left: PathOperand path, Right: ConstantOperand { Value: { } value } }
                    when IsProperty(path, property):
                    return [ModelValue(property, value)];
                case InFilter { Path: var path, Values: ConstantOperand { Value: IEnumerable values } } when IsProperty(path, property):
                    var list = values.Cast<object?>().Where(v => v != null).Select(v => ModelValue(property, v!)).ToList();
                    return list.Count > 0 ? list : null;
            }
        }

        return null;
    }

    /// <summary>The tightest lower and upper bounds the conjuncts put on the property (inclusive or not: the derived range is wider).</summary>
    private static (object? Lower, object? Upper) Bounds(IReadOnlyList<FilterNode> conjuncts, DynamoDbKeyPart part, int propertyIndex)
    {
        var property = part.Properties[propertyIndex];
        object? lower = null, upper = null;
        foreach (var conjunct in conjuncts)
        {
            if (conjunct is ComparisonFilter { Left: PathOperand path, Right: ConstantOperand { Value: IComparable compared } } comparison
                && IsProperty(path, property)
                && ModelValue(property, compared) is IComparable value)
            {
                switch (comparison.Operator)
                {
                    case ComparisonOperator.GreaterThan or ComparisonOperator.GreaterThanOrEqual
                        when lower == null || value.CompareTo(lower) > 0:
                        lower = value;
                        break;
                    case ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual
                        when upper == null || value.CompareTo(upper) < 0:
                        upper = value;
                        break;
                }
            }
        }

        return (lower, upper);
    }

    /// <summary>
    ///     The value as the property's CLR type: C# compares enums and narrow integers as wider numbers (<c>(int)o.Status == 2</c>),
    ///     which is how their constants reach the conditions.
    /// </summary>
    private static object ModelValue(Microsoft.EntityFrameworkCore.Metadata.IReadOnlyProperty property, object value)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        return value.GetType() == type ? value
            : type.IsEnum ? Enum.ToObject(type, value)
            : KeyComponentFormatter.IsInteger(type) && value is IConvertible ? Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture)
            : value;
    }

    private static bool IsProperty(PathOperand path, Microsoft.EntityFrameworkCore.Metadata.IReadOnlyProperty property)
        => path.Property is Microsoft.EntityFrameworkCore.Metadata.IReadOnlyProperty p && p.Name == property.Name
            && (path.Component != null || path.IsTopLevel)
            && p.DeclaringType.ClrType.IsAssignableFrom(property.DeclaringType.ClrType) | property.DeclaringType.ClrType.IsAssignableFrom(p.DeclaringType.ClrType);

    private static IEnumerable<IReadOnlyList<object>> Combinations(IReadOnlyList<IReadOnlyList<object>> choices)
    {
        IEnumerable<IReadOnlyList<object>> result = [[]];
        foreach (var choice in choices)
        {
            result = result.SelectMany(r => choice.Select(c => (IReadOnlyList<object>)[.. r, c]));
        }

        return result;
    }

    /// <summary>Key texts are strings: compared as DynamoDB compares S values.</summary>
    private static readonly DynamoDbValueMapping TextMapping = DynamoDbValueMapping.ForText("key template text");
}
