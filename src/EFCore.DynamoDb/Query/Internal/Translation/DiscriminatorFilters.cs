using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>
///     The condition that keeps a query to the items of its entity type (and derived types) when a table holds items of
///     several types: single-table design or an inheritance hierarchy.
/// </summary>
internal static class DiscriminatorFilters
{
    /// <summary>The filter a query of <paramref name="entityType" /> needs, or null when every item of its table is one of its types.</summary>
    public static FilterNode? For(IEntityType entityType)
    {
        var root = entityType.GetRootType();
        var sharesTable = root.Model.GetEntityTypes()
            .Any(e => e.BaseType == null && !e.IsOwned() && e != root && e.GetTableName() == root.GetTableName());
        return sharesTable || entityType != root ? ForTypes(entityType) : null;
    }

    /// <summary>The discriminator condition for <paramref name="entityType" /> and its derived types.</summary>
    public static FilterNode? ForTypes(IEntityType entityType)
    {
        var discriminator = entityType.FindDiscriminatorProperty();
        if (discriminator == null)
        {
            return null;
        }

        var values = entityType.GetConcreteDerivedTypesInclusive().Select(t => t.GetDiscriminatorValue()).ToList();
        var path = new PathOperand([new MapKeySegment(discriminator.GetAttributeName())], discriminator, DynamoDbValueMapping.ForProperty(discriminator));
        return values.Count == 1
            ? new ComparisonFilter(ComparisonOperator.Equal, path, new ConstantOperand(values[0], path.Mapping))
            : new InFilter(path, new ConstantOperand(values, path.Mapping));
    }
}
