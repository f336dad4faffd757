using System.Collections;
using EFCore.DynamoDb.Query.Internal.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>
///     Replaces parameters with their values and simplifies the tree with C#'s rules for nulls, so that what remains only
///     compares attributes with non-null constants, null checks and constant truth values. This is where
///     <c>x.Name == name</c> becomes a null check when <c>name</c> is null.
/// </summary>
internal static class FilterBinder
{
    public static FilterNode Bind(FilterNode filter, IReadOnlyDictionary<string, object?> parameters)
        => Simplify(BindNode(filter, parameters, element: null));

    /// <param name="node">The condition.</param>
    /// <param name="parameters">The query's parameter values.</param>
    /// <param name="element">The current element when binding the condition of an <see cref="AnyOfFilter" />.</param>
    private static FilterNode BindNode(FilterNode node, IReadOnlyDictionary<string, object?> parameters, Box? element)
        => node switch
        {
            AndFilter a => And(BindNode(a.Left, parameters, element), BindNode(a.Right, parameters, element)),
            OrFilter o => Or(BindNode(o.Left, parameters, element), BindNode(o.Right, parameters, element)),
            NotFilter n => Not(BindNode(n.Operand, parameters, element)),
            ComparisonFilter c => BindComparison(c with { Right = BindOperand(c.Right, parameters, element) }),
            StringCompareFilter s => BindStringCompare(s with { Value = BindValue(s.Value, parameters, element) }),
            BeginsWithFilter b => BindValue(b.Prefix, parameters, element) is ConstantOperand { Value: not null } prefix
                ? b with { Prefix = prefix }
                : ConstantFilter.False,
            ContainsFilter c => BindValue(c.Value, parameters, element) is ConstantOperand value
                ? value.Value == null && c.Path.Property?.ClrType == typeof(string) ? ConstantFilter.False : c with { Value = value }
                : ConstantFilter.False,
            InFilter i => BindIn(i, (ConstantOperand)BindValue(i.Values, parameters, element)),
            NullCheckFilter n => NullCheck(n.Path, n.IsNull),
            ParameterFilter p => BindParameterTest(p, parameters),
            AnyOfFilter any => BindAnyOf(any, parameters),
            _ => node,
        };

    private static Operand BindOperand(Operand operand, IReadOnlyDictionary<string, object?> parameters, Box? element)
        => operand is ValueOperand value ? BindValue(value, parameters, element) : operand;

    private static ValueOperand BindValue(ValueOperand operand, IReadOnlyDictionary<string, object?> parameters, Box? element)
        => operand switch
        {
            ParameterOperand parameter => new ConstantOperand(
                parameters.TryGetValue(parameter.Name, out var value) ? parameter.Conversion?.Invoke(value) ?? value : null, parameter.Mapping),
            ElementOperand elementOperand when element != null
                => new ConstantOperand(elementOperand.Read(element.Value), elementOperand.Mapping),
            _ => operand,
        };

    private static FilterNode BindParameterTest(ParameterFilter filter, IReadOnlyDictionary<string, object?> parameters)
    {
        var value = parameters.TryGetValue(filter.Name, out var v) ? v : null;
        return (filter.Test switch
        {
            ParameterTest.IsTrue => value is true,
            _ => value == null,
        })
            ? ConstantFilter.True
            : ConstantFilter.False;
    }

    /// <summary>The condition once per element of the list, ORed: an empty list matches nothing.</summary>
    private static FilterNode BindAnyOf(AnyOfFilter any, IReadOnlyDictionary<string, object?> parameters)
    {
        if (BindValue(any.Values, parameters, element: null) is not ConstantOperand { Value: IEnumerable list })
        {
            return ConstantFilter.False;
        }

        FilterNode result = ConstantFilter.False;
        foreach (var item in list)
        {
            result = Or(result, BindNode(any.Condition, parameters, new Box(item)));
            if (result is ConstantFilter { Value: true })
            {
                break;
            }
        }

        return result;
    }

    /// <summary>
    ///     Whether every item has the attribute: the key attributes of the table. A null check on them is decided here, so
    ///     that <c>x.Key == null</c> (an entity compared with a null parameter, say) reads nothing instead of scanning.
    /// </summary>
    private static bool IsAlwaysStored(PathOperand path)
        => path is { IsTopLevel: true, Property: IProperty { DeclaringType: IEntityType declaringType } property }
            && property.IsPrimaryKey()
            && !declaringType.IsOwned();

    /// <summary>An element of a list, which may itself be null.</summary>
    private sealed record Box(object? Value);

    private static FilterNode BindComparison(ComparisonFilter comparison)
    {
        if (comparison.Right is not ConstantOperand { Value: null })
        {
            return StoredPrecision.Apply(comparison);
        }

        if (comparison.Left is PathOperand keyPath && IsAlwaysStored(keyPath)
            && comparison.Operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual)
        {
            return comparison.Operator == ComparisonOperator.Equal ? ConstantFilter.False : ConstantFilter.True;
        }

        // C#: x.P == null, x.P != null; every ordering comparison with null is false.
        return comparison switch
        {
            { Left: PathOperand path, Operator: ComparisonOperator.Equal } => NullCheck(path, isNull: true),
            { Left: PathOperand path, Operator: ComparisonOperator.NotEqual } => NullCheck(path, isNull: false),
            { Operator: ComparisonOperator.NotEqual } => ConstantFilter.True,
            _ => ConstantFilter.False,
        };
    }

    /// <summary>
    ///     <c>path == null</c> or <c>path != null</c>; constant for a property that never reads as null (a set or a list stored as
    ///     a set reads a missing attribute as empty, a row version as 0), where a check of the attribute would disagree with C#.
    /// </summary>
    // Key attributes, which every item has (IsAlwaysStored), are decided the same way.
    private static FilterNode NullCheck(PathOperand path, bool isNull)
        => path.Mapping.ReadsMissingAsValue || IsAlwaysStored(path)
            ? isNull ? ConstantFilter.False : ConstantFilter.True
            : new NullCheckFilter(path, isNull);

    private static FilterNode BindStringCompare(StringCompareFilter compare)
    {
        if (compare.Value is not ConstantOperand { Value: null })
        {
            return compare;
        }

        // string.CompareOrdinal(s, null) is 0 when s is null and positive otherwise.
        var isNull = new NullCheckFilter(compare.Path, IsNull: true);
        var isNotNull = new NullCheckFilter(compare.Path, IsNull: false);
        return compare.Operator switch
        {
            ComparisonOperator.Equal or ComparisonOperator.LessThanOrEqual => isNull,
            ComparisonOperator.NotEqual or ComparisonOperator.GreaterThan => isNotNull,
            ComparisonOperator.GreaterThanOrEqual => ConstantFilter.True,
            _ => ConstantFilter.False,
        };
    }

    private static FilterNode BindIn(InFilter filter, ConstantOperand values)
    {
        var list = (values.Value as IEnumerable)?.Cast<object?>().ToList() ?? [];
        // A value the stored form cannot hold (a date finer than the property's format) equals no stored value.
        var nonNull = list.Where(v => v != null && values.Mapping.Holds(v)).Distinct().ToList();
        FilterNode result = nonNull.Count == 0
            ? ConstantFilter.False
            : new InFilter(filter.Path, new ConstantOperand(nonNull, values.Mapping));
        return list.Any(v => v == null) ? Or(NullCheck(filter.Path, isNull: true), result) : result;
    }

    /// <summary>Folds constants and turns ORs of equalities on one attribute into IN (so key lookups stay key lookups).</summary>
    private static FilterNode Simplify(FilterNode node)
        => node switch
        {
            AndFilter a => And(Simplify(a.Left), Simplify(a.Right)),
            OrFilter o => MergeEqualities(Or(Simplify(o.Left), Simplify(o.Right))),
            NotFilter n => Not(Simplify(n.Operand)),
            _ => node,
        };

    private static FilterNode MergeEqualities(FilterNode node)
    {
        if (node is not OrFilter)
        {
            return node;
        }

        var disjuncts = Disjuncts(node).ToList();
        var paths = disjuncts.Select(EqualityPath).ToList();
        if (paths.Any(p => p == null) || paths.Distinct().Count() != 1)
        {
            return node;
        }

        var path = paths[0]!;
        var values = disjuncts.SelectMany(d => d switch
        {
            ComparisonFilter c => [((ConstantOperand)c.Right).Value],
            InFilter i => ((IEnumerable)((ConstantOperand)i.Values).Value!).Cast<object?>(),
            _ => [],
        }).Distinct().ToList();
        return new InFilter(path, new ConstantOperand(values, path.Mapping));
    }

    private static PathOperand? EqualityPath(FilterNode node)
        => node switch
        {
            ComparisonFilter { Operator: ComparisonOperator.Equal, Left: PathOperand path, Right: ConstantOperand { Value: not null } } => path,
            InFilter { Path: var path, Values: ConstantOperand } => path,
            _ => null,
        };

    private static IEnumerable<FilterNode> Disjuncts(FilterNode node)
        => node is OrFilter orNode ? Disjuncts(orNode.Left).Concat(Disjuncts(orNode.Right)) : [node];

    public static IEnumerable<FilterNode> Conjuncts(FilterNode? node)
        => node switch
        {
            null => [],
            AndFilter andNode => Conjuncts(andNode.Left).Concat(Conjuncts(andNode.Right)),
            ConstantFilter { Value: true } => [],
            _ => [node],
        };

    public static FilterNode And(FilterNode left, FilterNode right)
        => (left, right) switch
        {
            (ConstantFilter { Value: false }, _) or (_, ConstantFilter { Value: false }) => ConstantFilter.False,
            (ConstantFilter { Value: true }, _) => right,
            (_, ConstantFilter { Value: true }) => left,
            _ => new AndFilter(left, right),
        };

    public static FilterNode Or(FilterNode left, FilterNode right)
        => (left, right) switch
        {
            (ConstantFilter { Value: true }, _) or (_, ConstantFilter { Value: true }) => ConstantFilter.True,
            (ConstantFilter { Value: false }, _) => right,
            (_, ConstantFilter { Value: false }) => left,
            _ => new OrFilter(left, right),
        };

    public static FilterNode Not(FilterNode operand)
        => operand switch
        {
            ConstantFilter c => c.Value ? ConstantFilter.False : ConstantFilter.True,
            NotFilter n => n.Operand,
            _ => new NotFilter(operand),
        };
}
