using System.Numerics;
using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>One CLR numeric type as DynamoDB N.</summary>
internal sealed class NumberCodec<T> : AttributeValueCodec<T>
    where T : struct, INumber<T>, IMinMaxValue<T>
{
    public static readonly NumberCodec<T> Instance = new();

    public override DynamoDbAttributeType AttributeType => DynamoDbAttributeType.N;

    public override AttributeValue Write(T value) => new() { N = DynamoDbNumber.Format(value) };

    public override T Read(AttributeValue value)
    {
        if (value.N is null)
        {
            throw new AttributeTypeMismatchException(DescribeExpected(), value);
        }

        return DynamoDbNumber.TryParse<T>(value.N, out var result, out var failure)
            ? result
            : throw new AttributeTypeMismatchException(DescribeExpected(), value, failure);
    }

    public override string WriteSetMember(T value) => DynamoDbNumber.Format(value);

    public override T ReadSetMember(string text)
        => DynamoDbNumber.TryParse<T>(text, out var result, out var failure)
            ? result
            : throw new AttributeTypeMismatchException(DescribeExpected(), SetMemberAttribute(text), failure);
}
