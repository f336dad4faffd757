using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>Strings as DynamoDB S.</summary>
// The empty string is written as is: DynamoDB accepts it for non-key attributes, and refusing it for
// keys is the caller's job because only the caller knows whether the attribute is a key.
internal sealed class StringCodec : AttributeValueCodec<string>
{
    public static readonly StringCodec Instance = new();

    public override DynamoDbAttributeType AttributeType => DynamoDbAttributeType.S;

    public override AttributeValue Write(string value)
    {
        ThrowIfNotUnicode(value, "the text");
        return new AttributeValue { S = value };
    }

    public override string Read(AttributeValue value)
        => value.S ?? throw new AttributeTypeMismatchException(DescribeExpected(), value);

    public override string WriteSetMember(string value)
    {
        ThrowIfNotUnicode(value, "the text");
        return value;
    }

    public override string ReadSetMember(string text) => text;

    public override string DescribeExpected() => "S";

    /// <summary>
    ///     Refuses text with a lone surrogate. DynamoDB stores strings as UTF-8, which cannot encode one: the request would
    ///     carry U+FFFD in its place and the stored value would silently differ from the written one.
    /// </summary>
    public static void ThrowIfNotUnicode(string text, string what)
    {
        var span = text.AsSpan();
        var offset = 0;
        while (true)
        {
            // Surrogates are rare: a vectorized search skips to the next one.
            var found = span[offset..].IndexOfAnyInRange('\ud800', '\udfff');
            if (found < 0)
            {
                return;
            }

            var at = offset + found;
            if (!char.IsHighSurrogate(span[at]) || at + 1 >= span.Length || !char.IsLowSurrogate(span[at + 1]))
            {
                throw new UnstorableValueException(
                    $"{what} holds a lone surrogate (U+{(int)span[at]:X4} at index {at}), which DynamoDB's UTF-8 cannot encode");
            }

            offset = at + 2;
        }
    }
}
