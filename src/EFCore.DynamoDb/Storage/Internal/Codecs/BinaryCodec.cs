using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>Byte arrays as DynamoDB B.</summary>
internal sealed class BinaryCodec : AttributeValueCodec<byte[]>
{
    public static readonly BinaryCodec Instance = new();

    public override DynamoDbAttributeType AttributeType => DynamoDbAttributeType.B;

    // The bytes are copied so that the entity's array can change after the write is prepared (and
    // before the SDK serializes the request) without altering what is sent.
    public override AttributeValue Write(byte[] value) => new() { B = ToStream(value) };

    public override byte[] Read(AttributeValue value)
        => value.B is { } stream ? ToArray(stream) : throw new AttributeTypeMismatchException(DescribeExpected(), value);

    public override string DescribeExpected() => "B";

    // publiclyVisible lets a binary set compare the bytes it is about to send without another copy.
    public static MemoryStream ToStream(byte[] value)
        => new((byte[])value.Clone(), 0, value.Length, writable: false, publiclyVisible: true);

    // ToArray copies the whole stream whatever its position, so the entity never shares the SDK's buffer.
    public static byte[] ToArray(MemoryStream stream) => stream.ToArray();
}
