using EFCore.DynamoDb.Query.Internal.Planning;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     Orders strings as DynamoDB orders them (by UTF-8 bytes, which is Unicode code point order; null first, as LINQ puts it),
///     for ordering done on the client: OrderBy and Min/Max over the rows read give the order a sort key would have, on every
///     machine, instead of the culture's.
/// </summary>
internal sealed class DynamoDbStringComparer : IComparer<string?>
{
    public static readonly DynamoDbStringComparer Instance = new();

    public int Compare(string? x, string? y)
        => x == null ? (y == null ? 0 : -1)
            : y == null ? 1
            : AttributeValueComparer.CompareStrings(x, y);
}
