using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>Wraps the shaper of a <c>ToPageAsync</c> query: the query returns one <see cref="DynamoDbPage{T}" />.</summary>
internal sealed class PagingShaperExpression(Expression itemShaper) : Expression, IPrintableExpression
{
    public Expression ItemShaper { get; } = itemShaper;

    public override Type Type { get; } = typeof(DynamoDbPage<>).MakeGenericType(itemShaper.Type);

    public override ExpressionType NodeType => ExpressionType.Extension;

    protected override Expression VisitChildren(ExpressionVisitor visitor)
    {
        var shaper = visitor.Visit(ItemShaper);
        return shaper == ItemShaper ? this : new PagingShaperExpression(shaper);
    }

    public void Print(ExpressionPrinter expressionPrinter)
    {
        expressionPrinter.Append("Page(");
        expressionPrinter.Visit(ItemShaper);
        expressionPrinter.Append(")");
    }
}
