using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     String-keyed dictionaries as DynamoDB M; null values are stored as NULL; keys must not be empty.
/// </summary>
// As with lists, an empty dictionary is an empty M so that null (no attribute) and empty survive a
// round trip as different values.
internal sealed class MapCodec<TMap, TValue> : AttributeValueCodec<TMap>
    where TMap : class, IEnumerable<KeyValuePair<string, TValue>>
{
    private readonly AttributeValueCodec<TValue> _valueCodec;

    public MapCodec(AttributeValueCodec<TValue> valueCodec)
    {
        _valueCodec = valueCodec;
    }

    public override DynamoDbAttributeType AttributeType => DynamoDbAttributeType.M;

    public override AttributeValue Write(TMap value)
    {
        var entries = value.TryGetNonEnumeratedCount(out var count)
            ? new Dictionary<string, AttributeValue>(count, StringComparer.Ordinal)
            : new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var (key, entryValue) in value)
        {
            // Map keys are attribute names to DynamoDB: it refuses an empty one ("Empty attribute name") only once the request
            // is sent, and, like any text, a key must be encodable as UTF-8.
            if (key.Length == 0)
            {
                throw new UnstorableValueException("a map key must not be empty");
            }

            StringCodec.ThrowIfNotUnicode(key, "a map key");
            try
            {
                entries[key] = _valueCodec.WriteElement(entryValue);
            }
            catch (UnstorableValueException e)
            {
                throw e.WithOuterPathSegment(key);
            }
        }

        return new AttributeValue { M = entries };
    }

    public override TMap Read(AttributeValue value)
    {
        if (!value.IsMSet)
        {
            throw new AttributeTypeMismatchException(DescribeExpected(), value);
        }

        // Ordinal keys, because DynamoDB map keys are compared byte for byte.
        var dictionary = new Dictionary<string, TValue>(value.M.Count, StringComparer.Ordinal);
        foreach (var (key, entryValue) in value.M)
        {
            try
            {
                dictionary[key] = _valueCodec.ReadElement(entryValue);
            }
            catch (AttributeTypeMismatchException e)
            {
                throw e.WithOuterPathSegment(key);
            }
        }

        return (TMap)(object)dictionary;
    }

    public override string DescribeExpected() => "M";
}
