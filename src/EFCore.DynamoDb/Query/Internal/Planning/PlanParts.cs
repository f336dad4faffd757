using System.Collections;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using EFCore.DynamoDb.Storage.Internal.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using ComparisonOperator = EFCore.DynamoDb.Query.Internal.Filters.ComparisonOperator;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>
///     What every planner uses: finding key conditions among the conjuncts, the attributes a condition reads, the projection,
///     the filter expression, the direction of an ordering and what an index holds.
/// </summary>
internal static class PlanParts
{
    public const string NoSuchKey = "no DynamoDB key can hold the value asked for (keys are never empty, and at most 2048 bytes for a "
        + "partition key, 1024 for a sort key)";

    /// <summary>The conjunct <c>attribute == value</c> (a non-null key-typed value) and the stored value.</summary>
    public static (FilterNode Node, AttributeValue Value)? FindEquality(IReadOnlyList<FilterNode> conjuncts, string attribute)
    {
        foreach (var conjunct in conjuncts)
        {
            if (conjunct is ComparisonFilter
                {
                    Operator: ComparisonOperator.Equal, Left: PathOperand { IsTopLevel: true } path, Right: ConstantOperand { Value: not null } value,
                }
                && path.RootAttribute == attribute
                && value.Mapping.ToAttributeValue(value.Value) is { } attributeValue
                && (attributeValue.S != null || attributeValue.N != null || attributeValue.B != null))
            {
                return (conjunct, attributeValue);
            }
        }

        return null;
    }

    /// <summary>The conjunct <c>values.Contains(attribute)</c> and its distinct stored values.</summary>
    public static (FilterNode Node, IReadOnlyList<AttributeValue> Values)? FindIn(IReadOnlyList<FilterNode> conjuncts, string attribute)
    {
        foreach (var conjunct in conjuncts)
        {
            if (conjunct is InFilter { Path: { IsTopLevel: true } path, Values: ConstantOperand values } && path.RootAttribute == attribute)
            {
                var attributeValues = ((IEnumerable)values.Value!).Cast<object?>()
                    .Select(v => values.Mapping.ToAttributeValue(v)!)
                    .DistinctBy(KeyText)
                    .ToList();
                return (conjunct, attributeValues);
            }
        }

        return null;
    }

    /// <summary>A key value as text that is equal exactly when DynamoDB's key values are (numbers normalized).</summary>
    public static string KeyText(AttributeValue value)
        => value.S != null ? "S" + value.S
            : value.N != null ? "N" + DynamoDbNumber.Normalize(value.N)
            : "B" + Convert.ToBase64String(value.B!.ToArray());

    /// <summary>Whether no item can have this partition key value: nothing to read (DynamoDB would reject the request).</summary>
    public static bool CannotBeKey(AttributeValue value) => DynamoDbKeyLimits.CannotBeKey(value, isSortKey: false);

    /// <summary>Whether no item can have this sort key value.</summary>
    public static bool CannotBeSortKey(AttributeValue value) => DynamoDbKeyLimits.CannotBeKey(value, isSortKey: true);

    /// <summary>The key attributes of the table or index read and of the table (an index's items carry both).</summary>
    public static IReadOnlyList<string> KeyAttributesOf(KeySchema target, KeySchema table)
        => target.KeyAttributes.Concat(table.KeyAttributes).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The top-level attributes a condition reads.</summary>
    public static IEnumerable<string> AttributesOf(FilterNode node)
        => node switch
        {
            AndFilter a => AttributesOf(a.Left).Concat(AttributesOf(a.Right)),
            OrFilter o => AttributesOf(o.Left).Concat(AttributesOf(o.Right)),
            NotFilter n => AttributesOf(n.Operand),
            ComparisonFilter c => c.Right is PathOperand r ? [c.Left.Path.RootAttribute, r.RootAttribute] : [c.Left.Path.RootAttribute],
            StringCompareFilter s => [s.Path.RootAttribute],
            NullCheckFilter n => [n.Path.RootAttribute],
            BeginsWithFilter b => [b.Path.RootAttribute],
            ContainsFilter c => [c.Path.RootAttribute],
            InFilter i => [i.Path.RootAttribute],
            _ => [],
        };

    public static bool ReferencesAny(FilterNode node, HashSet<string> attributes) => AttributesOf(node).Any(attributes.Contains);

    /// <summary>The conditions to check on the items read: all but those derived from key templates.</summary>
    public static List<FilterNode> ClientChecks(PlanningContext context, IEnumerable<FilterNode> conditions)
    {
        var checks = new List<FilterNode>();
        foreach (var condition in conditions)
        {
            if (context.Implied.Count == 0 || !context.Implied.Contains(condition))
            {
                checks.Add(condition);
            }
        }

        return checks;
    }

    /// <summary>
    ///     The conditions a request may send as its FilterExpression: those the query wrote, not those derived from key templates.
    ///     A derived condition only finds keys and key conditions: filtering with one would drop items whose attribute another
    ///     writer did not write as this model would (an order without the <c>GSI1PK</c> its status would make), which the
    ///     query's own conditions match.
    /// </summary>
    public static IEnumerable<FilterNode> ServerFilters(PlanningContext context, IEnumerable<FilterNode> conditions)
        => conditions.Where(c => !context.Implied.Contains(c));

    /// <summary>Whether a condition compares a property inside a key template's text, which only the client can do.</summary>
    public static bool HasKeyComponent(FilterNode node)
        => node switch
        {
            AndFilter a => HasKeyComponent(a.Left) || HasKeyComponent(a.Right),
            OrFilter o => HasKeyComponent(o.Left) || HasKeyComponent(o.Right),
            NotFilter n => HasKeyComponent(n.Operand),
            ComparisonFilter c => c.Left.Path.Component != null || c.Right is PathOperand { Component: not null },
            StringCompareFilter s => s.Path.Component != null,
            NullCheckFilter n => n.Path.Component != null,
            BeginsWithFilter b => b.Path.Component != null,
            ContainsFilter c => c.Path.Component != null,
            InFilter i => i.Path.Component != null,
            _ => false,
        };

    public static FilterNode? AndAll(IReadOnlyList<FilterNode> nodes)
        => nodes.Count == 0 ? null : nodes.Aggregate(FilterBinder.And);

    /// <summary>Writes the conjuncts as the request's FilterExpression (null when there are none), checking DynamoDB's limits.</summary>
    public static string? FilterExpression(DynamoDbExpressionBuilder builder, IReadOnlyList<FilterNode> filters)
    {
        if (AndAll(filters) is not { } filter)
        {
            return null;
        }

        if (HasKeyComponent(filter))
        {
            throw new InvalidOperationException(
                $"The condition '{filter}' compares a property inside a key template's text; it must be checked on the client.");
        }

        var writer = new FilterWriter(builder);
        var expression = writer.Write(filter);
        DynamoDbExpressionLimits.Check("FilterExpression", expression, writer.OperatorCount);
        return expression;
    }

    /// <summary>The ProjectionExpression: the attributes results need, plus those checked on the client; null for whole items.</summary>
    public static string? ProjectionExpression(
        DynamoDbQueryExpression query,
        PlanningContext context,
        DynamoDbExpressionBuilder builder,
        IReadOnlyList<FilterNode> clientSide,
        KeySchema target,
        KeySchema table)
    {
        IEnumerable<string>? attributes = query.Terminal == QueryTerminal.Items ? context.ProjectedAttributes : [];
        if (attributes == null)
        {
            return null;
        }

        var all = new List<string>(attributes);
        all.AddRange(clientSide.SelectMany(AttributesOf));

        // The keys always: GetItem and BatchGetItem answer an item that has none of the projected attributes as no item at all,
        // which would drop a row LINQ-to-Objects has (with nulls); and a read error can then name the item by its key.
        all.AddRange(KeyAttributesOf(target, table));
        return string.Join(", ", all.Distinct(StringComparer.Ordinal).Select(builder.Name));
    }

    /// <summary>The attributes the query reads (results and conditions), or null when it reads whole items.</summary>
    public static IReadOnlyList<string>? RequiredAttributes(DynamoDbQueryExpression query, PlanningContext context, IReadOnlyList<FilterNode> conjuncts)
    {
        if (query.Terminal == QueryTerminal.Items && context.ProjectedAttributes == null)
        {
            return null;
        }

        return (context.ProjectedAttributes ?? []).Concat(conjuncts.SelectMany(AttributesOf)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether the index's projection holds every attribute the query reads.</summary>
    public static bool Covers(KeySchema index, KeySchema table, IReadOnlyList<string>? required)
        => index.Projection == DynamoDbIndexProjection.All
            || (required != null
                && required.All(a => index.KeyAttributes.Contains(a) || table.KeyAttributes.Contains(a) || index.IncludedAttributes.Contains(a)));

    /// <summary>Whether every item the condition can match has the attribute (so an index keyed on it holds them all).</summary>
    public static bool IsPresent(IEntityType root, IReadOnlyList<FilterNode> conjuncts, string attribute)
    {
        // A key template's attribute is written whenever its properties have values: always, when they are all required.
        if (Metadata.Internal.DynamoDbKeyParts.IndexTemplates(root).FirstOrDefault(p => p.Part.AttributeName == attribute) is { Part: { } part }
            && part.Properties.All(p => !p.IsNullable))
        {
            return true;
        }

        // Non-nullable properties are always written, so the attribute is in every item of the type.
        var property = root.GetDerivedTypesInclusive().SelectMany(t => t.GetDeclaredProperties())
            .FirstOrDefault(p => p.GetAttributeName() == attribute);
        if (property is { IsNullable: false } && root.GetDerivedTypesInclusive().All(t => t.FindProperty(property.Name) != null))
        {
            return true;
        }

        return conjuncts.Any(c => c switch
        {
            ComparisonFilter { Left: PathOperand { IsTopLevel: true } p, Operator: not ComparisonOperator.NotEqual, Right: ConstantOperand }
                => p.RootAttribute == attribute,
            NullCheckFilter { IsNull: false, Path: { IsTopLevel: true } p } => p.RootAttribute == attribute,
            BeginsWithFilter { Path: { IsTopLevel: true } p } => p.RootAttribute == attribute,
            InFilter { Path: { IsTopLevel: true } p } => p.RootAttribute == attribute,
            _ => false,
        });
    }

    /// <summary>Whether every ordering of the query is on a key of the table or index (DynamoDB's only order).</summary>
    public static bool OrderingFits(DynamoDbQueryExpression query, KeySchema target)
        => query.Orderings.All(o => o.Path.RootAttribute == target.PartitionKey || o.Path.RootAttribute == target.SortKey);

    /// <summary>ScanIndexForward for the query's ordering on the target's sort key (null: DynamoDB's default, ascending).</summary>
    public static bool? Direction(DynamoDbQueryExpression query, KeySchema target)
    {
        var sortOrdering = query.Orderings.FirstOrDefault(o => o.Path.RootAttribute == target.SortKey);
        return sortOrdering is { Ascending: false } ? false : null;
    }

    public static void RequireNoOrdering(DynamoDbQueryExpression query, string reason)
    {
        if (query.Orderings.Count > 0)
        {
            throw new InvalidOperationException($"The ordering of '{query.EntityType.DisplayName()}' cannot be applied: {reason}.");
        }
    }

    public static bool? ConsistentRead(DynamoDbQueryExpression query) => query.ConsistentRead ? true : null;

    /// <summary>Select=COUNT when only the number of items is needed and nothing is checked on the client.</summary>
    public static Select? CountSelect(DynamoDbQueryExpression query, IReadOnlyList<FilterNode> clientSide)
        => query.Terminal == QueryTerminal.Count && clientSide.Count == 0 ? Select.COUNT : null;
}
