using System.Globalization;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Materialization;

/// <summary>Describes an item by its key, for error messages: <c>(ForumName = "DynamoDB", Subject = "Tables")</c>.</summary>
internal static class ItemKeyDescriber
{
    public static string Describe(IEntityType entityType, Dictionary<string, AttributeValue> item)
    {
        var root = entityType.GetRootType();
        var keys = new[] { root.GetPartitionKeyProperty(), root.GetSortKeyProperty() }.Where(p => p != null).Select(p => p!.GetAttributeName());
        return "(" + string.Join(", ", keys.Select(k => k + " = " + (item.TryGetValue(k, out var v) ? DynamoDbRequestFormatter.FormatValue(v) : "?")))
            + ")";
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
