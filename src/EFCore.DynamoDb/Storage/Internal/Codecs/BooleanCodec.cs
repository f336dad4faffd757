using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>Booleans as DynamoDB BOOL.</summary>
// Reading is strict: N "0"/"1" or S "true" are refused rather than guessed at, because a lenient
// read followed by a write would silently change the stored attribute's type.
internal sealed class BooleanCodec : AttributeValueCodec<bool>
{
    public static readonly BooleanCodec Instance = new();

    public override DynamoDbAttributeType AttributeType => DynamoDbAttributeType.BOOL;

    public override AttributeValue Write(bool value) => new() { BOOL = value };

    public override bool Read(AttributeValue value)
        => value.BOOL ?? throw new AttributeTypeMismatchException(DescribeExpected(), value);

    public override string DescribeExpected() => "BOOL";
}
