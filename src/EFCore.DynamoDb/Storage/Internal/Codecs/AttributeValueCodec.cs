using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     Converts values of one provider CLR type (the type after any EF value converter) to and from
///     DynamoDB's <see cref="AttributeValue" />.
/// </summary>
// The untyped members exist for callers that only hold a type mapping and an object (EF's update
// and materialization plumbing); collection codecs use the typed members of
// AttributeValueCodec<T> for their elements so that scalars are not boxed per element.
internal abstract class AttributeValueCodec
{
    /// <summary>The CLR type this codec reads and writes.</summary>
    public abstract Type ProviderClrType { get; }

    /// <summary>The DynamoDB type this codec writes.</summary>
    public abstract DynamoDbAttributeType AttributeType { get; }

    /// <summary>
    ///     The attribute to store, or null to store no attribute (a null value, an empty set).
    ///     Throws <see cref="UnstorableValueException" /> for values DynamoDB cannot hold.
    /// </summary>
    public abstract AttributeValue? ToAttributeValue(object? providerValue);

    /// <summary>
    ///     Reads a stored attribute; a DynamoDB NULL reads as <see cref="MissingValue" />.
    ///     Throws <see cref="AttributeTypeMismatchException" /> when the attribute is not of a form this codec reads.
    /// </summary>
    public abstract object? FromAttributeValue(AttributeValue value);

    /// <summary>
    ///     What an absent attribute (or a NULL) reads as: a new empty set for set codecs, because
    ///     DynamoDB cannot store an empty set and so writes none; null for everything else.
    /// </summary>
    public virtual object? MissingValue => null;

    /// <summary>
    ///     The other stored form that reads as the same value as <paramref name="written" /> (what this codec writes), when other
    ///     tools store such values differently and this codec reads both: a bool as BOOL or as N 1/0. Null for most codecs.
    /// </summary>
    // Queries compare with both forms, so a filter matches what a read would return whichever tool wrote the item.
    public virtual AttributeValue? AlternativeForm(AttributeValue written) => null;

    /// <summary>A new DynamoDB NULL.</summary>
    // Never shared: AttributeValue is mutable and callers may add it to request objects they alter.
    public static AttributeValue CreateNull() => new() { NULL = true };
}
