using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>Questions about the key attributes of a table and its secondary indexes.</summary>
internal static class KeyAttributes
{
    /// <summary>
    ///     Whether some Query can return items ordered by <paramref name="property" />: it is a table or index key whose stored
    ///     form sorts like its values (a date and time format may not).
    /// </summary>
    public static bool IsOrderable(IEntityType rootEntityType, IProperty property)
        => DynamoDbValueMapping.ForProperty(property).PreservesOrder && IsKey(rootEntityType, property);

    private static bool IsKey(IEntityType rootEntityType, IProperty property)
        => property == rootEntityType.GetPartitionKeyProperty()
            || property == rootEntityType.GetSortKeyProperty()
            || rootEntityType.GetDerivedTypesInclusive().SelectMany(t => t.GetDeclaredIndexes())
                .Any(i => i.GetIndexSortKeyProperty() == property || i.GetIndexPartitionKeyProperty() == property);
}
