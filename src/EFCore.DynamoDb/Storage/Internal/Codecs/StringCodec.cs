using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>Strings as DynamoDB S.</summary>
// The empty string is written as is: DynamoDB accepts it for non-key attributes, and refusing it for
// keys is the caller's job because only the caller knows whether the attribute is a key.
internal sealed class StringCodec : AttributeValueCodec<string>
{
    public static readonly StringCodec Instance = new();

    public override DynamoDbAttributeType AttributeType => DynamoDbAttributeType.S;

    public override AttributeValue Write(string value) => new() { S = value };

    public override string Read(AttributeValue value)
        => value.S ?? throw new AttributeTypeMismatchException(DescribeExpected(), value);

    public override string DescribeExpected() => "S";
}
