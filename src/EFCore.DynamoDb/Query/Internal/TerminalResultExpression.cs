using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>The shaper of Count, LongCount, Any and All: the query's single scalar result, computed from the responses.</summary>
internal sealed class TerminalResultExpression(Type type) : Expression, IPrintableExpression
{
    public override Type Type { get; } = type;

    public override ExpressionType NodeType => ExpressionType.Extension;

    protected override Expression VisitChildren(ExpressionVisitor visitor) => this;

    public void Print(ExpressionPrinter expressionPrinter) => expressionPrinter.Append("TerminalResult");
}
