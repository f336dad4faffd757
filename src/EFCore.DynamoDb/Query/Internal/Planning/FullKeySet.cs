using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal;
using ComparisonOperator = EFCore.DynamoDb.Query.Internal.Filters.ComparisonOperator;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>
///     Finds the full primary keys a condition pins, however it spells them: lists of values for the partition and sort keys
///     (their cross product), or an OR whose every branch pins a full key (<c>(pk == a &amp;&amp; sk == 1) || (pk == b &amp;&amp;
///     sk == 2)</c>, which a list of key pairs with <c>Any</c> becomes). Every item the condition can match has one of these
///     keys, so BatchGetItem reads exactly the candidates.
/// </summary>
internal static class FullKeySet
{
    /// <summary>The keys and the conjuncts the keys express completely (the rest must still be checked on the items read).</summary>
    internal sealed record Keys(IReadOnlyList<Dictionary<string, AttributeValue>> Values, IReadOnlyList<FilterNode> Covered);

    public static Keys? Find(IReadOnlyList<FilterNode> conjuncts, KeySchema table, IReadOnlyList<Metadata.Internal.DynamoDbKeyPart> templateParts)
    {
        if (FromValueLists(conjuncts, table) is { } keys)
        {
            return keys;
        }

        foreach (var conjunct in conjuncts)
        {
            if (conjunct is not OrFilter or)
            {
                continue;
            }

            var union = new List<Dictionary<string, AttributeValue>>();
            var complete = true;
            foreach (var disjunct in Disjuncts(or))
            {
                var branchConjuncts = KeyTemplateConditions.WithImplied(FilterBinder.Conjuncts(disjunct).ToList(), templateParts);
                if (FromValueLists(branchConjuncts, table) is not { } branch)
                {
                    complete = false;
                    break;
                }

                union.AddRange(branch.Values);
            }

            if (complete)
            {
                // The OR itself stays a condition: a branch may say more than its key.
                return new Keys(Distinct(union, table), []);
            }
        }

        return null;
    }

    /// <summary>Equalities or IN lists on both key attributes (on the partition key alone for a table without a sort key).</summary>
    private static Keys? FromValueLists(IReadOnlyList<FilterNode> conjuncts, KeySchema table)
    {
        var partition = ValuesOf(conjuncts, table.PartitionKey);
        if (partition == null)
        {
            return null;
        }

        if (table.SortKey == null)
        {
            return new Keys(Distinct(partition.Value.Values.Select(v => Key(table, v, null)), table), [partition.Value.Node]);
        }

        var sort = ValuesOf(conjuncts, table.SortKey);
        if (sort == null)
        {
            return null;
        }

        var keys = partition.Value.Values.SelectMany(p => sort.Value.Values.Select(s => Key(table, p, s)));
        return new Keys(Distinct(keys, table), [partition.Value.Node, sort.Value.Node]);
    }

    private static (FilterNode Node, IReadOnlyList<AttributeValue> Values)? ValuesOf(IReadOnlyList<FilterNode> conjuncts, string attribute)
    {
        foreach (var conjunct in conjuncts)
        {
            switch (conjunct)
            {
                case ComparisonFilter
                {
                    Operator: ComparisonOperator.Equal, Left: PathOperand { IsTopLevel: true } path, Right: ConstantOperand { Value: not null } value,
                } when path.RootAttribute == attribute && KeyValue(value.Mapping.ToAttributeValue(value.Value)) is { } key:
                    return (conjunct, [key]);

                case InFilter { Path: { IsTopLevel: true } path, Values: ConstantOperand values } when path.RootAttribute == attribute:
                    var keys = ((System.Collections.IEnumerable)values.Value!).Cast<object?>()
                        .Select(v => KeyValue(values.Mapping.ToAttributeValue(v)))
                        .ToList();
                    if (keys.All(k => k != null))
                    {
                        return (conjunct, keys!);
                    }

                    break;
            }
        }

        return null;
    }

    private static AttributeValue? KeyValue(AttributeValue? value)
        => value is { S: not null } or { N: not null } or { B: not null } ? value : null;

    private static Dictionary<string, AttributeValue> Key(KeySchema table, AttributeValue partition, AttributeValue? sort)
    {
        var key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [table.PartitionKey] = partition };
        if (sort != null)
        {
            key[table.SortKey!] = sort;
        }

        return key;
    }

    /// <summary>Each key once, without those no item can have (empty, or longer than DynamoDB allows).</summary>
    private static List<Dictionary<string, AttributeValue>> Distinct(IEnumerable<Dictionary<string, AttributeValue>> keys, KeySchema table)
        => keys
            .Where(k => !DynamoDbKeyLimits.CannotBeKey(k[table.PartitionKey], isSortKey: false)
                && (table.SortKey == null || !DynamoDbKeyLimits.CannotBeKey(k[table.SortKey], isSortKey: true)))
            .DistinctBy(k => string.Join("|", k.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => PlanParts.KeyText(p.Value))),
                StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<FilterNode> Disjuncts(FilterNode node)
        => node is OrFilter or ? Disjuncts(or.Left).Concat(Disjuncts(or.Right)) : [node];
}
