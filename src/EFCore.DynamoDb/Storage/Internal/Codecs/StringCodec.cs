using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     Strings as DynamoDB S. <see cref="ReadingNumbers" />, the codec of string properties, also reads an N attribute as its
///     text, as DynamoDBContext reads it into a string property.
/// </summary>
// The empty string is written as is: DynamoDB accepts it for non-key attributes, and refusing it for
// keys is the caller's job because only the caller knows whether the attribute is a key.
// Other writers store numbers into attributes a class declares as string (AWS's own ProductCatalog samples put PageCount
// as N 500 while their Book class has string PageCount): DynamoDBContext loads the number's text, and so does the provider.
// DynamoDB returns a number in its normalized text ("0500" and "500.0" are stored as "500"), so a string that is such a
// normalized number has a second stored form, N, which equality filters match too.
internal sealed partial class StringCodec : AttributeValueCodec<string>
{
    public static readonly StringCodec Instance = new(readsNumbers: false);

    public static readonly StringCodec ReadingNumbers = new(readsNumbers: true);

    private readonly bool _readsNumbers;

    // Only string properties read numbers: text a converter parses (a date, a Guid) is refused as N, naming what was found.
    private StringCodec(bool readsNumbers) => _readsNumbers = readsNumbers;

    public override DynamoDbAttributeType AttributeType => DynamoDbAttributeType.S;

    public override AttributeValue Write(string value)
    {
        ThrowIfNotUnicode(value, "the text");
        return new AttributeValue { S = value };
    }

    public override string Read(AttributeValue value)
        => value.S ?? (_readsNumbers ? value.N : null) ?? throw new AttributeTypeMismatchException(DescribeExpected(), value);

    public override AttributeValue? AlternativeForm(AttributeValue written)
        => _readsNumbers && written.S is { } text && text.Count(char.IsAsciiDigit) <= MaxNumberDigits && NormalizedNumber().IsMatch(text)
            ? new AttributeValue { N = text }
            : null;

    /// <summary>DynamoDB's precision: a longer number is refused, so such a string has no N form.</summary>
    private const int MaxNumberDigits = 38;

    public override string WriteSetMember(string value)
    {
        ThrowIfNotUnicode(value, "the text");
        return value;
    }

    public override string ReadSetMember(string text) => text;

    public override string DescribeExpected() => _readsNumbers ? "S (or N)" : "S";

    /// <summary>A number as DynamoDB returns it: no leading zeros, no trailing fractional zeros, no exponent, no "-0".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(0|-?[1-9][0-9]*(\.[0-9]*[1-9])?|-?0\.[0-9]*[1-9])$")]
    private static partial System.Text.RegularExpressions.Regex NormalizedNumber();

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
