using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>The owned objects of a collection navigation, read from a list of maps in the owner's item.</summary>
internal sealed class OwnedCollectionShaperExpression(INavigation navigation, StructuralTypeShaperExpression elementShaper)
    : Expression, IPrintableExpression
{
    public INavigation Navigation { get; } = navigation;

    /// <summary>Materializes one element; its value buffer's path is the list attribute.</summary>
    public StructuralTypeShaperExpression ElementShaper { get; } = elementShaper;

    public override Type Type => Navigation.ClrType;

    public override ExpressionType NodeType => ExpressionType.Extension;

    protected override Expression VisitChildren(ExpressionVisitor visitor) => this;

    public void Print(ExpressionPrinter expressionPrinter) => expressionPrinter.Append("OwnedCollection(" + Navigation.Name + ")");
}
