namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     Thrown when a CLR value has no DynamoDB representation (NaN, a number out of range, a set with duplicates...).
/// </summary>
// The message states only what is wrong with the value (and where inside a list or map it sits);
// the caller knows the entity, property and key and wraps this exception with that context.
internal sealed class UnstorableValueException : Exception
{
    public UnstorableValueException(string reason)
        : this(reason, path: null, innerException: null)
    {
    }

    private UnstorableValueException(string reason, string? path, Exception? innerException)
        : base(path is null ? reason : $"{reason} (at {path})", innerException)
    {
        Reason = reason;
        Path = path;
    }

    /// <summary>The reason without the path, e.g. "NaN cannot be stored in a DynamoDB number".</summary>
    public string Reason { get; }

    /// <summary>Where the value sits inside the attribute, e.g. "[2].scores[0]"; null for the attribute itself.</summary>
    public string? Path { get; }

    /// <summary>The same failure one container level further out.</summary>
    public UnstorableValueException WithOuterPathSegment(string segment)
        => new(Reason, DocumentPath.Prepend(segment, Path), this);
}
