namespace Orders;

/// <summary>One DynamoDB request EF sent, as its <c>ExecutedRequest</c> event reported it.</summary>
/// <param name="Operation">The operation as the API spells it: Query, GetItem, TransactWriteItems...</param>
/// <param name="Table">The table (with its prefix).</param>
/// <param name="Index">The index queried, if any.</param>
/// <param name="ItemCount">For reads, how many items the response held.</param>
/// <param name="Text">The request's expressions, as EF logs them.</param>
public sealed record SentRequest(string Operation, string Table, string? Index, int? ItemCount, string Text)
{
    public override string ToString()
        => $"{Operation} {Table}{(Index == null ? "" : " INDEX " + Index)}{(ItemCount == null ? "" : $" ({ItemCount} item{(ItemCount == 1 ? "" : "s")})")}";
}
