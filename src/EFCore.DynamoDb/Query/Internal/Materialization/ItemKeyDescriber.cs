using System.Globalization;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Materialization;

/// <summary>Describes an item by its key, for error messages: <c>(ForumName = "DynamoDB", Subject = "Tables")</c>.</summary>
internal static class ItemKeyDescriber
{
    public static string Describe(IEntityType entityType, Dictionary<string, AttributeValue> item)
    {
        // An owned type's key is its owner's key plus an ordinal, which are not attributes: the item is its root owner's.
        var root = ItemEntityType(entityType).GetRootType();
        var keys = new[] { root.GetPartitionKeyAttributeName(), root.GetSortKeyAttributeName() }.Where(n => n != null).Select(n => n!);
        return "(" + string.Join(", ", keys.Select(k => k + " = " + (item.TryGetValue(k, out var v) ? DynamoDbRequestFormatter.FormatValue(v) : "?")))
            + ")";
    }

    /// <summary>The entity type whose items hold <paramref name="entityType" />: its outermost owner, or itself.</summary>
    public static IEntityType ItemEntityType(IEntityType entityType)
    {
        while (entityType.FindOwnership() is { } ownership)
        {
            entityType = ownership.PrincipalEntityType;
        }

        return entityType;
    }

    /// <summary>
    ///     Where <paramref name="map" /> sits inside <paramref name="item" />, as a document path ("Lines[1]",
    ///     "Profile.Badges[0]"); "" for the item itself, null when it is not inside. Only for error messages: it searches.
    /// </summary>
    public static string? Locate(Dictionary<string, AttributeValue> item, Dictionary<string, AttributeValue> map)
    {
        if (ReferenceEquals(item, map))
        {
            return "";
        }

        foreach (var (name, value) in item)
        {
            if (Locate(value, map) is { } inner)
            {
                return DocumentPath.Prepend(name, inner.Length == 0 ? null : inner);
            }
        }

        return null;
    }

    private static string? Locate(AttributeValue value, Dictionary<string, AttributeValue> map)
    {
        if (value.M != null)
        {
            return Locate(value.M, map);
        }

        if (value.L != null)
        {
            for (var i = 0; i < value.L.Count; i++)
            {
                if (Locate(value.L[i], map) is { } inner)
                {
                    return DocumentPath.Index(i) + (inner.Length == 0 ? "" : inner.StartsWith('[') ? inner : "." + inner);
                }
            }
        }

        return null;
    }

    public static string DescribeValue(object? value)
        => value switch
        {
            null => "null",
            string s => "\"" + s + "\"",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
}
