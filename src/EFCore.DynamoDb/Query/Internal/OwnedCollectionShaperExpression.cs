using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>The owned objects of a collection navigation, read from a list of maps in the owner's item.</summary>
internal sealed class OwnedCollectionShaperExpression(INavigation navigation, ItemValueBufferExpression elementBuffer, Expression elementShaper)
    : Expression, IPrintableExpression
{
    public INavigation Navigation { get; } = navigation;

    /// <summary>Stands for one element's values; its path is the list attribute.</summary>
    public ItemValueBufferExpression ElementBuffer { get; } = elementBuffer;

    /// <summary>Materializes one element (with includes of the objects it owns).</summary>
    public Expression ElementShaper { get; } = elementShaper;

    public override Type Type => Navigation.ClrType;

    public override ExpressionType NodeType => ExpressionType.Extension;

    public OwnedCollectionShaperExpression WithElementShaper(Expression elementShaper) => new(Navigation, ElementBuffer, elementShaper);

    protected override Expression VisitChildren(ExpressionVisitor visitor) => this;

    public void Print(ExpressionPrinter expressionPrinter) => expressionPrinter.Append("OwnedCollection(" + Navigation.Name + ")");
}
