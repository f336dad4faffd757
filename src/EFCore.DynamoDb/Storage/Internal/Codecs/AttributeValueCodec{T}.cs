using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     A codec with typed members, so that collections of value types convert elements without boxing.
/// </summary>
internal abstract class AttributeValueCodec<T> : AttributeValueCodec
{
    public override Type ProviderClrType => typeof(T);

    /// <summary>The attribute for a non-null value, or null to store no attribute (e.g. an empty set).</summary>
    public abstract AttributeValue? Write(T value);

    /// <summary>Reads a non-NULL attribute.</summary>
    public abstract T Read(AttributeValue value);

    public override AttributeValue? ToAttributeValue(object? providerValue)
        => providerValue is null ? null : Write((T)providerValue);

    public override object? FromAttributeValue(AttributeValue value)
        => value.NULL == true ? MissingValue : Read(value);

    /// <summary>
    ///     Writes a list element or map value: both must always hold an attribute, so null (and
    ///     anything the codec would not store, such as an empty set) becomes a DynamoDB NULL.
    /// </summary>
    public AttributeValue WriteElement(T value)
        => value is null ? CreateNull() : Write(value) ?? CreateNull();

    /// <summary>Reads a list element or map value, where NULL stands for null or an empty set.</summary>
    public T ReadElement(AttributeValue value)
    {
        if (value.NULL != true)
        {
            return Read(value);
        }

        if (MissingValue is T missing)
        {
            return missing;
        }

        if (default(T) is null)
        {
            return default!;
        }

        throw new AttributeTypeMismatchException(DescribeExpected(), value, "cannot be read as a non-nullable " + ClrTypeNames.Display(typeof(T)));
    }

    /// <summary>
    ///     The text of a non-null value as a member of an SS or NS set (null when <see cref="Write" /> stores nothing). A set holds
    ///     its members as bare strings: the S and N codecs override this (and <see cref="ReadSetMember" />) to skip the
    ///     <see cref="AttributeValue" /> that <see cref="Write" /> would build for each member of every set written or read.
    /// </summary>
    public virtual string? WriteSetMember(T value)
    {
        var attribute = Write(value);
        return AttributeType == DynamoDbAttributeType.S ? attribute?.S : attribute?.N;
    }

    /// <summary>Reads one member of an SS or NS set: what <see cref="Read" /> reads from an S or N attribute of that text.</summary>
    public virtual T ReadSetMember(string text) => Read(SetMemberAttribute(text));

    /// <summary>The S or N attribute a set member's text stands for (for <see cref="Read" /> and for error messages).</summary>
    protected AttributeValue SetMemberAttribute(string text)
        => AttributeType == DynamoDbAttributeType.S ? new AttributeValue { S = text } : new AttributeValue { N = text };

    /// <summary>What this codec reads, for error messages, e.g. "N (Int32)".</summary>
    public virtual string DescribeExpected() => $"{AttributeType} ({ClrTypeNames.Display(typeof(T))})";
}
