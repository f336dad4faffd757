using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using EFCore.DynamoDb.Query.Internal.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query.Internal;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>
///     Rewrites the includes EF adds for owned navigations (and member accesses to owned objects in projections) into shapers
///     that read the owned objects from the owner's item: a nested map for a reference, a list of maps for a collection.
///     Includes of navigations to other entity types would need joins and are refused.
/// </summary>
internal sealed class OwnedIncludeRewriter : ExpressionVisitor
{
    protected override Expression VisitExtension(Expression node)
    {
        if (node is IncludeExpression include)
        {
            var entity = Visit(include.EntityExpression);
            if (include.Navigation is not INavigation { TargetEntityType: var target } navigation || !target.IsOwned())
            {
                throw new InvalidOperationException(
                    $"Include('{include.Navigation.Name}') cannot be translated: '{include.Navigation.TargetEntityType.DisplayName()}' is "
                    + "stored in another table and DynamoDB has no joins. Query it separately.");
            }

            if (OwnerBuffer(entity) is not { } ownerBuffer)
            {
                return include.Update(entity, include.NavigationExpression);
            }

            // A reference's navigation expression may carry includes of its own (an owned type inside an owned type).
            var navigationExpression = navigation.IsCollection
                ? CreateOwnedCollectionShaper(ownerBuffer, navigation, include.NavigationExpression)
                : Visit(include.NavigationExpression);
            return include.Update(entity, navigationExpression);
        }

        // An owned collection selected on its own (Select(o => o.Lines)): EF's navigation expansion turns the member access into
        // a subquery over the owner's collection, EF.Property(owner, "Lines").AsQueryable() (with a Select of includes when
        // the elements own objects too), which would reach the compiler unreduced.
        if (node is MaterializeCollectionNavigationExpression { Navigation: INavigation { TargetEntityType: var owned } collectionNavigation } materialize
            && owned.IsOwned()
            && CollectionOwner(materialize.Subquery) is { } owner
            && OwnerBuffer(Visit(owner)) is { } collectionOwnerBuffer)
        {
            return CreateOwnedCollectionShaper(collectionOwnerBuffer, collectionNavigation, materialize);
        }

        return base.VisitExtension(node);
    }

    /// <summary>The owner in <c>EF.Property(owner, "Nav").AsQueryable()</c>, optionally followed by a Select.</summary>
    private static Expression? CollectionOwner(Expression subquery)
    {
        var source = subquery is MethodCallExpression { Method.Name: nameof(Queryable.Select) } select ? select.Arguments[0] : subquery;
        return source is MethodCallExpression { Method.Name: nameof(Queryable.AsQueryable) } asQueryable
            && asQueryable.Arguments[0] is MethodCallExpression property
            && property.TryGetEFPropertyArguments(out var entity, out _)
                ? entity
                : null;
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        // EF.Property<Owned>(owner, "Nav") outside an Include: a projection of the owned object itself.
        if (node.TryGetEFPropertyArguments(out var entity, out var name)
            && OwnerBuffer(Visit(entity!)) is { } ownerBuffer
            && ownerBuffer.EntityType.FindNavigation(name!) is { TargetEntityType: var target } navigation
            && target.IsOwned() && !navigation.IsOnDependent)
        {
            return CreateOwnedShaper(ownerBuffer, navigation);
        }

        return base.VisitMethodCall(node);
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        if (node.Expression != null
            && OwnerBuffer(Visit(node.Expression)) is { } ownerBuffer
            && ownerBuffer.EntityType.FindNavigation(node.Member.Name) is { TargetEntityType: var target } navigation
            && target.IsOwned() && !navigation.IsOnDependent)
        {
            return CreateOwnedShaper(ownerBuffer, navigation);
        }

        return base.VisitMember(node);
    }

    private readonly Dictionary<(ItemValueBufferExpression, INavigation), Expression> _shapers = [];

    private Expression CreateOwnedShaper(ItemValueBufferExpression ownerBuffer, INavigation navigation)
    {
        // One shaper (one buffer) per owned object, however many times the tree mentions it.
        if (_shapers.TryGetValue((ownerBuffer, navigation), out var existing))
        {
            return existing;
        }

        var target = navigation.TargetEntityType;
        var path = (IReadOnlyList<PathSegment>)[.. ownerBuffer.Path, new MapKeySegment(target.GetContainingAttributeName()!)];
        var buffer = new ItemValueBufferExpression(target, path, ownerBuffer, navigation);
        var elementShaper = new StructuralTypeShaperExpression(target, buffer, nullable: true);
        var shaper = navigation.IsCollection
            ? (Expression)new OwnedCollectionShaperExpression(navigation, buffer, elementShaper)
            : elementShaper;
        _shapers[(ownerBuffer, navigation)] = shaper;
        return shaper;
    }

    /// <summary>
    ///     An owned collection; when its elements own objects too, EF's include of them arrives as
    ///     <c>collection.AsQueryable().Select(e => Include(e, ...))</c>, applied here to each element's shaper.
    /// </summary>
    private Expression CreateOwnedCollectionShaper(ItemValueBufferExpression ownerBuffer, INavigation navigation, Expression navigationExpression)
    {
        var collection = (OwnedCollectionShaperExpression)CreateOwnedShaper(ownerBuffer, navigation);
        if (navigationExpression is MaterializeCollectionNavigationExpression { Subquery: MethodCallExpression select }
            && select.Method.Name == nameof(Queryable.Select)
            && (select.Arguments[1] is UnaryExpression { NodeType: ExpressionType.Quote } quote ? quote.Operand : select.Arguments[1]) is LambdaExpression selector)
        {
            var element = Visit(ReplacingExpressionVisitor.Replace(selector.Parameters[0], collection.ElementShaper, selector.Body));
            return collection.WithElementShaper(element);
        }

        return collection;
    }

    private static ItemValueBufferExpression? OwnerBuffer(Expression expression)
        => expression switch
        {
            StructuralTypeShaperExpression { ValueBufferExpression: ItemValueBufferExpression buffer } => buffer,
            IncludeExpression include => OwnerBuffer(include.EntityExpression),
            UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.TypeAs } convert => OwnerBuffer(convert.Operand),
            _ => null,
        };
}
