using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>Questions about the key attributes of a table and its secondary indexes.</summary>
internal static class KeyAttributes
{
    /// <summary>Whether some Query can return items ordered by <paramref name="property" />: it is a table or index key.</summary>
    public static bool IsOrderable(IEntityType rootEntityType, IProperty property)
        => property == rootEntityType.GetPartitionKeyProperty()
            || property == rootEntityType.GetSortKeyProperty()
            || rootEntityType.GetDerivedTypesInclusive().SelectMany(t => t.GetDeclaredIndexes())
                .Any(i => i.GetIndexSortKeyProperty() == property || i.GetIndexPartitionKeyProperty() == property);
}
