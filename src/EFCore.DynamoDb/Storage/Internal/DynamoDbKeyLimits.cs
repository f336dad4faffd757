using System.Text;
using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     DynamoDB's limits on key values, for tables and indexes alike: a partition key value of at most 2048 bytes, a sort key
///     value of at most 1024 bytes (strings in UTF-8), and never an empty string or binary. No item can have a key outside
///     them: a write with one is refused before sending, and a read asking for one reads nothing.
/// </summary>
internal static class DynamoDbKeyLimits
{
    public const int MaxPartitionKeyBytes = 2048;

    public const int MaxSortKeyBytes = 1024;

    /// <summary>The bytes a key value counts against its limit (numbers are far below it).</summary>
    public static int Size(AttributeValue value)
        => value.S != null ? Encoding.UTF8.GetByteCount(value.S) : value.B?.Length is { } length ? (int)length : 0;

    public static bool IsEmpty(AttributeValue value) => value.S is { Length: 0 } || value.B is { Length: 0 };

    /// <summary>Whether no item can hold <paramref name="value" /> as its partition key (or as its sort key).</summary>
    public static bool CannotBeKey(AttributeValue value, bool isSortKey)
        => IsEmpty(value) || Size(value) > (isSortKey ? MaxSortKeyBytes : MaxPartitionKeyBytes);
}
