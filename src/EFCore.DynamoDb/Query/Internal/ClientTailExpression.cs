using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>
///     The shaper of a query whose last operators run on the client, over the rows the DynamoDB requests returned
///     (<c>Select(x => x.City).Distinct().Take(2)</c>): <see cref="RowShaper" /> shapes each item into a row, and
///     <see cref="Tail" /> — LINQ-to-Objects over those rows — gives the result. Nothing more is read than the query without
///     its tail would read.
/// </summary>
internal sealed class ClientTailExpression : Expression, IPrintableExpression
{
    public ClientTailExpression(Expression rowShaper, LambdaExpression tail, bool isScalar)
    {
        RowShaper = rowShaper;
        Tail = tail;
        IsScalar = isScalar;
        Type = isScalar ? tail.ReturnType : ElementType(tail.ReturnType);
    }

    /// <summary>Shapes one item into one row.</summary>
    public Expression RowShaper { get; }

    /// <summary><c>(QueryContext queryContext, IEnumerable&lt;TRow&gt; rows) => result</c>.</summary>
    public LambdaExpression Tail { get; }

    /// <summary>Whether the tail gives one value (Count, Sum...) rather than a sequence.</summary>
    public bool IsScalar { get; }

    /// <summary>The rows the tail reads.</summary>
    public ParameterExpression Rows => Tail.Parameters[1];

    public override Type Type { get; }

    public override ExpressionType NodeType => ExpressionType.Extension;

    /// <summary>The tail's description for ToQueryString: the LINQ-to-Objects operators it applies.</summary>
    public string Description { get; init; } = "";

    protected override Expression VisitChildren(ExpressionVisitor visitor) => this;

    public void Print(ExpressionPrinter expressionPrinter)
    {
        expressionPrinter.Append("ClientTail(");
        expressionPrinter.Visit(RowShaper);
        expressionPrinter.Append(")" + Description);
    }

    internal static Type ElementType(Type sequenceType)
        => sequenceType.IsGenericType && sequenceType.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? sequenceType.GetGenericArguments()[0]
            : sequenceType.GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                .GetGenericArguments()[0];
}
