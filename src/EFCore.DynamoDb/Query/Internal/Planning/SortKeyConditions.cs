using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Expressions;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>
///     Picks the one sort-key condition a KeyConditionExpression may hold from the conditions on the sort key: equality, a
///     range (BETWEEN when both ends are inclusive), a single bound, or begins_with. Conditions it does not cover stay in the
///     query's condition (checked on the client: a Query filter may not name its own keys).
/// </summary>
internal sealed class SortKeyConditions
{
    private readonly string _attribute;
    private readonly (ComparisonOperator Op, AttributeValue Value, FilterNode Node)? _equality;
    private readonly (ComparisonOperator Op, AttributeValue Value, FilterNode Node)? _lower;
    private readonly (ComparisonOperator Op, AttributeValue Value, FilterNode Node)? _upper;
    private readonly (AttributeValue Value, FilterNode Node)? _prefix;

    private SortKeyConditions(
        string attribute,
        (ComparisonOperator, AttributeValue, FilterNode)? equality,
        (ComparisonOperator, AttributeValue, FilterNode)? lower,
        (ComparisonOperator, AttributeValue, FilterNode)? upper,
        (AttributeValue, FilterNode)? prefix)
    {
        _attribute = attribute;
        _equality = equality;
        _lower = lower;
        _upper = upper;
        _prefix = prefix;
    }

    /// <summary>The conditions fully expressed by the key condition (the others must still be checked).</summary>
    public List<FilterNode> Covered { get; } = [];

    /// <summary>
    ///     Whether the range is empty (lower bound above upper bound, or an equality or prefix longer than any sort key): the
    ///     query returns nothing.
    /// </summary>
    public bool IsEmpty { get; private set; }

    public static SortKeyConditions? Choose(IReadOnlyList<FilterNode> conjuncts, string attribute)
    {
        (ComparisonOperator, AttributeValue, FilterNode)? equality = null, lower = null, upper = null;
        (AttributeValue, FilterNode)? prefix = null;
        var tooLong = false;
        foreach (var conjunct in conjuncts)
        {
            switch (conjunct)
            {
                case ComparisonFilter { Left: PathOperand { IsTopLevel: true } path, Right: ConstantOperand { Value: not null } constant } c
                    when path.RootAttribute == attribute && constant.Mapping.ToAttributeValue(constant.Value) is { } value:
                    if (DynamoDbKeyLimits.Size(value) > DynamoDbKeyLimits.MaxSortKeyBytes)
                    {
                        // DynamoDB refuses a key condition value longer than any sort key can be. Equality with it can never
                        // hold; a bound that long is left to the client-side check.
                        tooLong |= c.Operator == ComparisonOperator.Equal;
                        break;
                    }

                    switch (c.Operator)
                    {
                        case ComparisonOperator.Equal:
                            equality ??= (c.Operator, value, conjunct);
                            break;
                        case ComparisonOperator.GreaterThan or ComparisonOperator.GreaterThanOrEqual:
                            if (lower == null || Tighter(value, c.Operator, lower.Value.Item2, lower.Value.Item1, lowerBound: true))
                            {
                                lower = (c.Operator, value, conjunct);
                            }

                            break;
                        case ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual:
                            if (upper == null || Tighter(value, c.Operator, upper.Value.Item2, upper.Value.Item1, lowerBound: false))
                            {
                                upper = (c.Operator, value, conjunct);
                            }

                            break;
                    }

                    break;
                case BeginsWithFilter { Path: { IsTopLevel: true } path, Prefix: ConstantOperand prefixValue } when path.RootAttribute == attribute:
                    var prefixAttribute = prefixValue.Mapping.ToAttributeValue(prefixValue.Value)!;
                    if (DynamoDbKeyLimits.Size(prefixAttribute) > DynamoDbKeyLimits.MaxSortKeyBytes)
                    {
                        // No sort key is long enough to start with it.
                        tooLong = true;
                        break;
                    }

                    // Of prefixes that begin one another (a type's "ORDER#" and the "ORDER#2026-01-05#" a pinned date implies),
                    // the longest reads the fewest items; the others are still checked on the items read.
                    if (prefix == null
                        || prefixAttribute.S is { } text && prefix.Value.Item1.S is { } chosen
                        && text.Length > chosen.Length && text.StartsWith(chosen, StringComparison.Ordinal))
                    {
                        prefix = (prefixAttribute, conjunct);
                    }

                    break;
            }
        }

        if (equality == null && lower == null && upper == null && prefix == null && !tooLong)
        {
            return null;
        }

        var result = new SortKeyConditions(attribute, equality, lower, upper, prefix);
        if (tooLong)
        {
            result.IsEmpty = true;
        }
        else if (lower != null && upper != null && AttributeValueComparer.Compare(lower.Value.Item2, upper.Value.Item2) is > 0)
        {
            result.IsEmpty = true;
        }

        return result;
    }

    /// <summary>Writes the sort key part of the KeyConditionExpression and records which conditions it covers.</summary>
    public string Write(DynamoDbExpressionBuilder builder)
    {
        var name = builder.Name(_attribute);
        if (_equality is { } eq)
        {
            Covered.Add(eq.Node);
            return $"{name} = {builder.Value(eq.Value)}";
        }

        if (_lower is { } lower && _upper is { } upper)
        {
            // BETWEEN is inclusive: strict bounds are still checked on the client.
            if (lower.Op == ComparisonOperator.GreaterThanOrEqual)
            {
                Covered.Add(lower.Node);
            }

            if (upper.Op == ComparisonOperator.LessThanOrEqual)
            {
                Covered.Add(upper.Node);
            }

            return $"{name} BETWEEN {builder.Value(lower.Value)} AND {builder.Value(upper.Value)}";
        }

        if ((_lower ?? _upper) is { } bound)
        {
            Covered.Add(bound.Node);
            return $"{name} {FilterWriter.OperatorText(bound.Op)} {builder.Value(bound.Value)}";
        }

        var (prefix, node) = _prefix!.Value;
        Covered.Add(node);
        return $"begins_with({name}, {builder.Value(prefix)})";
    }

    private static bool Tighter(AttributeValue value, ComparisonOperator op, AttributeValue current, ComparisonOperator currentOp, bool lowerBound)
    {
        var order = AttributeValueComparer.Compare(value, current) ?? 0;
        if (order == 0)
        {
            // Equal values: the strict comparison is the tighter one.
            return op is ComparisonOperator.GreaterThan or ComparisonOperator.LessThan
                && currentOp is ComparisonOperator.GreaterThanOrEqual or ComparisonOperator.LessThanOrEqual;
        }

        return lowerBound ? order > 0 : order < 0;
    }
}
