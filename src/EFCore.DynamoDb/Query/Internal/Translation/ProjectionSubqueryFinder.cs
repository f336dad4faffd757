using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>
///     Finds, in a projection, what would need another request: a subquery over an entity type or a navigation to an entity
///     type with items of its own (<c>c.Orders.Count()</c>). EF leaves these as query roots and navigation nodes that no
///     shaper can compile, so the projection is refused with what it reads instead.
/// </summary>
internal sealed class ProjectionSubqueryFinder : ExpressionVisitor
{
    private string? _found;

    /// <summary>A description of the first such part ("the navigation 'Customer.Orders'"), or null when there is none.</summary>
    public static string? Find(Expression projection)
    {
        var finder = new ProjectionSubqueryFinder();
        finder.Visit(projection);
        return finder._found;
    }

    public override Expression? Visit(Expression? node)
    {
        if (_found != null || node == null)
        {
            return node;
        }

        switch (node)
        {
            case MaterializeCollectionNavigationExpression navigation:
                _found = $"the navigation '{navigation.Navigation.DeclaringEntityType.DisplayName()}.{navigation.Navigation.Name}'";
                return node;
            case EntityQueryRootExpression root:
                _found = $"the entity type '{root.EntityType.DisplayName()}'";
                return node;
            case ShapedQueryExpression:
                _found = "a subquery";
                return node;
            case StructuralTypeShaperExpression or IncludeExpression or QueryParameterExpression:
                return node;
        }

        return base.Visit(node);
    }

    protected override Expression VisitExtension(Expression node)
        => node.CanReduce ? base.VisitExtension(node) : node;
}
