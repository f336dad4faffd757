using System.Linq.Expressions;
using EFCore.DynamoDb.Query.Internal.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>What a query asks DynamoDB for, beyond the items themselves.</summary>
internal enum QueryTerminal
{
    /// <summary>The matching items (or their projections).</summary>
    Items,

    /// <summary>The number of matching items.</summary>
    Count,

    /// <summary>Whether any item matches.</summary>
    Any,

    /// <summary>Whether every item matches (the predicate is already negated: All is "no item fails").</summary>
    All,
}

/// <summary>An ordering on a key attribute.</summary>
internal sealed record DynamoDbOrdering(PathOperand Path, bool Ascending);

/// <summary>
///     The provider's translation of a LINQ query, before parameters are known: the entity type, the condition, the
///     ordering, the limits and the hints. <see cref="Planning.DynamoDbRequestPlanner" /> turns it into DynamoDB requests at
///     execution time, when parameter values decide between GetItem, Query, BatchGetItem and Scan.
/// </summary>
internal sealed class DynamoDbQueryExpression : Expression, IPrintableExpression
{
    public DynamoDbQueryExpression(IEntityType entityType, FilterNode? discriminatorFilter)
    {
        EntityType = entityType;
        RootEntityType = entityType.GetRootType();
        Predicate = discriminatorFilter;
    }

    /// <summary>The entity type the query reads (narrowed by OfType).</summary>
    public IEntityType EntityType { get; set; }

    /// <summary>The root of its hierarchy: the type that owns the table's key schema.</summary>
    public IEntityType RootEntityType { get; }

    /// <summary>Every Where, combined with AND, plus the discriminator condition of shared tables.</summary>
    public FilterNode? Predicate { get; private set; }

    public List<DynamoDbOrdering> Orderings { get; } = [];

    /// <summary>Take's count: a constant or a query parameter.</summary>
    public Expression? Limit { get; private set; }

    /// <summary>Skip's count: a constant or a query parameter.</summary>
    public Expression? Offset { get; private set; }

    /// <summary>The index forced with <c>WithIndex</c>: a constant or a query parameter.</summary>
    public Expression? IndexName { get; set; }

    public bool ConsistentRead { get; set; }

    /// <summary>Whether the query asked to be allowed to run as a Scan (<c>WithScan</c>, <c>WithParallelScan</c>).</summary>
    public bool ExplicitScan { get; set; }

    /// <summary>A PartiQL statement or given items the query reads instead of its table, or null.</summary>
    public ReadSource? Source { get; set; }

    /// <summary>DynamoDB's Limit per request (<c>WithPageSize</c>): a constant or a query parameter.</summary>
    public Expression? PageSize { get; set; }

    /// <summary>The read capacity units per second the requests may consume (<c>WithReadCapacityLimit</c>).</summary>
    public Expression? ReadCapacityLimit { get; set; }

    /// <summary>The number of parallel Scan segments (<c>WithParallelScan</c>).</summary>
    public Expression? TotalSegments { get; set; }

    public QueryTerminal Terminal { get; set; }

    /// <summary>For <c>ToPageAsync</c>: the page size and continuation token parameters.</summary>
    public (Expression PageSize, Expression ContinuationToken)? Paging { get; set; }

    /// <summary>Whether Take or Skip was applied: further filters or orderings would change their meaning.</summary>
    public bool IsLimited => Limit != null || Offset != null;

    public void AddPredicate(FilterNode filter) => Predicate = Predicate == null ? filter : new AndFilter(Predicate, filter);

    public void ApplyLimit(Expression count)
    {
        // Take(a).Take(b) is Take(min(a, b)).
        Limit = Limit == null ? count : Expression.Call(typeof(Math).GetMethod(nameof(Math.Min), [typeof(int), typeof(int)])!, Limit, count);
    }

    public void ApplyOffset(Expression count)
    {
        // Take(a).Skip(b) keeps a - b items; Skip(a).Skip(b) skips a + b.
        if (Limit != null)
        {
            Limit = Expression.Call(
                typeof(Math).GetMethod(nameof(Math.Max), [typeof(int), typeof(int)])!,
                Expression.Subtract(Limit, count), Expression.Constant(0));
        }

        Offset = Offset == null ? count : Expression.Add(Offset, count);
    }

    public override Type Type => typeof(object);

    public override ExpressionType NodeType => ExpressionType.Extension;

    protected override Expression VisitChildren(ExpressionVisitor visitor) => this;

    public void Print(ExpressionPrinter expressionPrinter)
    {
        expressionPrinter.Append($"DynamoDb {Terminal} {EntityType.DisplayName()}");
        if (Predicate != null)
        {
            expressionPrinter.Append(" WHERE " + Predicate);
        }

        if (Orderings.Count > 0)
        {
            expressionPrinter.Append(" ORDER BY " + string.Join(", ", Orderings.Select(o => o.Path + (o.Ascending ? "" : " DESC"))));
        }
    }
}
