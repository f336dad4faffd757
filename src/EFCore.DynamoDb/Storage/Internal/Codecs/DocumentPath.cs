namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     Builds document paths such as "[2].scores[0]" for errors inside lists and maps.
/// </summary>
// The notation follows DynamoDB's own document paths (list index in brackets, map key after a dot)
// so a reported path can be pasted into a ProjectionExpression to look at the value.
internal static class DocumentPath
{
    public static string Index(int index) => $"[{index}]";

    /// <summary>Joins a container's segment with the path inside the contained value.</summary>
    public static string Prepend(string segment, string? inner)
        => inner is null ? segment
            : inner.StartsWith('[') ? segment + inner
            : segment + "." + inner;
}
