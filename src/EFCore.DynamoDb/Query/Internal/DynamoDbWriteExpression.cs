using System.Linq.Expressions;
using EFCore.DynamoDb.Query.Internal.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>
///     The translation of an ExecuteUpdate (with its actions) or an ExecuteDelete (no actions): the query whose Where is the
///     condition of every write. <see cref="DynamoDbShapedQueryCompilingExpressionVisitor" /> compiles it into a call of
///     <see cref="ExecuteWriteRunner" />; as the source of ExecuteUpdateAndGetAsync it is the query expression of a
///     <see cref="ShapedQueryExpression" /> whose shaper materializes the item after the update.
/// </summary>
internal sealed class DynamoDbWriteExpression(DynamoDbQueryExpression query, IReadOnlyList<UpdateAction>? actions) : Expression, IPrintableExpression
{
    public DynamoDbQueryExpression Query { get; } = query;

    /// <summary>The update's actions; null for a delete.</summary>
    public IReadOnlyList<UpdateAction>? Actions { get; } = actions;

    public override Type Type => typeof(int);

    public override ExpressionType NodeType => ExpressionType.Extension;

    protected override Expression VisitChildren(ExpressionVisitor visitor) => this;

    public void Print(ExpressionPrinter expressionPrinter)
    {
        expressionPrinter.Append(Actions == null ? "DynamoDb DELETE " : "DynamoDb UPDATE ");
        expressionPrinter.Append(Query.EntityType.DisplayName());
        if (Actions != null)
        {
            expressionPrinter.Append(" " + string.Join(", ", Actions.Select(a => a.GetType().Name.Replace("Action", "") + " " + a.Target)));
        }

        if (Query.Predicate != null)
        {
            expressionPrinter.Append(" WHERE " + Query.Predicate);
        }
    }
}
