using System.Linq.Expressions;
using EFCore.DynamoDb.Query.Internal.Translation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Includes;

/// <summary>The shapers of the entities a query includes: each entity type read from a whole item, with its owned objects.</summary>
internal static class RelatedIncludeShapers
{
    /// <summary>Whether the query's result is its entities themselves (with their owned includes): only then are includes applied.</summary>
    public static bool IsEntityShaper(Expression shaper, IEntityType entityType)
        => shaper switch
        {
            StructuralTypeShaperExpression { StructuralType: IEntityType type, ValueBufferExpression: ItemValueBufferExpression { Owner: null } }
                => type == entityType,
            IncludeExpression include => IsEntityShaper(include.EntityExpression, entityType),
            _ => false,
        };

    /// <summary>Every entity type the includes read.</summary>
    public static IEnumerable<IEntityType> Targets(IEnumerable<RelatedInclude> includes)
        => includes.SelectMany(i => Targets(i.Children).Prepend(i.Target)).Distinct();

    /// <summary>The shaper of a whole item of <paramref name="entityType" />, with includes of the objects it owns.</summary>
    public static Expression EntityShaper(IEntityType entityType)
    {
        Expression shaper = new StructuralTypeShaperExpression(
            entityType, new ItemValueBufferExpression(entityType, [], owner: null, ownerNavigation: null), nullable: false);
        return new OwnedIncludeRewriter().Visit(WithOwnedIncludes(shaper, entityType));
    }

    private static Expression WithOwnedIncludes(Expression entity, IEntityType entityType)
    {
        foreach (var navigation in entityType.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && !n.IsOnDependent && n.PropertyInfo != null))
        {
            Expression navigationExpression = Expression.MakeMemberAccess(entity, navigation.PropertyInfo!);
            if (!navigation.IsCollection)
            {
                navigationExpression = WithOwnedIncludes(navigationExpression, navigation.TargetEntityType);
            }

            entity = new IncludeExpression(entity, navigationExpression, navigation);
        }

        return entity;
    }
}
