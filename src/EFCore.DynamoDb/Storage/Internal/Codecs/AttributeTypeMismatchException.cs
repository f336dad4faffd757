using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     Thrown when a stored attribute is not of a form the reading codec understands.
/// </summary>
// Items in DynamoDB are schemaless, so any attribute may have been written by another tool with
// another type. The message quotes the stored value (and its place inside a list or map) so the
// mismatch can be found in the table; the caller adds entity, property and key.
internal sealed class AttributeTypeMismatchException : Exception
{
    private readonly string _actualDescription;
    private readonly string? _reason;

    public AttributeTypeMismatchException(string expected, AttributeValue actual, string? reason = null, Exception? innerException = null)
        : this(expected, AttributeValueDescriber.GetAttributeType(actual), AttributeValueDescriber.Describe(actual), reason, path: null, innerException)
    {
    }

    private AttributeTypeMismatchException(
        string expected,
        DynamoDbAttributeType? actualType,
        string actualDescription,
        string? reason,
        string? path,
        Exception? innerException)
        : base(BuildMessage(expected, actualDescription, reason, path), innerException)
    {
        Expected = expected;
        ActualType = actualType;
        Path = path;
        _actualDescription = actualDescription;
        _reason = reason;
    }

    /// <summary>What the codec can read, e.g. "N" or "N (Int32)".</summary>
    public string Expected { get; }

    /// <summary>The type of the stored attribute, or null when the AttributeValue has no member set.</summary>
    public DynamoDbAttributeType? ActualType { get; }

    /// <summary>Where the offending value sits inside the attribute, e.g. "[2].scores"; null for the attribute itself.</summary>
    public string? Path { get; }

    /// <summary>The same failure one container level further out.</summary>
    public AttributeTypeMismatchException WithOuterPathSegment(string segment)
        => new(Expected, ActualType, _actualDescription, _reason, DocumentPath.Prepend(segment, Path), this);

    private static string BuildMessage(string expected, string actualDescription, string? reason, string? path)
    {
        var where = path is null ? "the attribute" : $"the value at {path}";
        var message = $"expected {expected} but {where} is {actualDescription}";
        return reason is null ? message : $"{message}, which {reason}";
    }
}
