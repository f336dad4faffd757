using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>A nullable value type, stored as its underlying type; null stores no attribute (NULL inside collections).</summary>
internal sealed class NullableCodec<T> : AttributeValueCodec<T?>
    where T : struct
{
    private readonly AttributeValueCodec<T> _inner;

    public NullableCodec(AttributeValueCodec<T> inner)
    {
        _inner = inner;
    }

    public override DynamoDbAttributeType AttributeType => _inner.AttributeType;

    public override AttributeValue? Write(T? value) => value.HasValue ? _inner.Write(value.Value) : null;

    public override T? Read(AttributeValue value) => value.NULL == true ? null : _inner.Read(value);

    public override AttributeValue? AlternativeForm(AttributeValue written) => _inner.AlternativeForm(written);

    public override string DescribeExpected() => _inner.DescribeExpected();
}
