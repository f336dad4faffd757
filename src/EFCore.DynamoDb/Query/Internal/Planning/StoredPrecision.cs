using EFCore.DynamoDb.Query.Internal.Filters;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>
///     Compares exactly with a value the attribute's stored form cannot hold: a date with more precision than the property's
///     date and time format (<c>HasDateTimeFormat</c>), such as <c>DateTime.UtcNow</c> against a millisecond format. No stored
///     value equals it, and a range bound moves to the greatest value the format holds below it, with which the condition
///     selects the same stored values; sending the value itself would need text the format does not have.
/// </summary>
internal static class StoredPrecision
{
    public static FilterNode Apply(ComparisonFilter comparison)
    {
        if (comparison is not { Left: PathOperand, Right: ConstantOperand { Value: { } value } constant }
            || constant.Mapping.Holds(value))
        {
            return comparison;
        }

        switch (comparison.Operator)
        {
            case ComparisonOperator.Equal:
                return ConstantFilter.False;
            case ComparisonOperator.NotEqual:
                // C#: also true for a null, which DynamoDB's <> gives too; every item matches.
                return ConstantFilter.True;
        }

        if (!constant.Mapping.TryFloor(value, out var below))
        {
            // No sortable format (ranges are refused at translation then); converting the value reports the problem.
            return comparison;
        }

        // x < v and x <= v are x <= below; x > v and x >= v are x > below: nothing the format holds lies in (below, v].
        var op = comparison.Operator is ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual
            ? ComparisonOperator.LessThanOrEqual
            : ComparisonOperator.GreaterThan;
        return comparison with { Operator = op, Right = constant with { Value = below } };
    }
}
