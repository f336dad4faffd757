using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     Arrays and lists as DynamoDB L, keeping order, duplicates and null elements (as NULL).
/// </summary>
// An empty list is written as an empty L, not omitted, so that null and empty stay distinct: a
// missing attribute reads back as null.
internal sealed class ListCodec<TList, TElement> : AttributeValueCodec<TList>
    where TList : class, IEnumerable<TElement>
{
    private readonly AttributeValueCodec<TElement> _elementCodec;

    public ListCodec(AttributeValueCodec<TElement> elementCodec)
    {
        _elementCodec = elementCodec;
    }

    public override DynamoDbAttributeType AttributeType => DynamoDbAttributeType.L;

    public override AttributeValue Write(TList value)
    {
        var elements = value.TryGetNonEnumeratedCount(out var count) ? new List<AttributeValue>(count) : [];
        foreach (var element in value)
        {
            try
            {
                elements.Add(_elementCodec.WriteElement(element));
            }
            catch (UnstorableValueException e)
            {
                throw e.WithOuterPathSegment(DocumentPath.Index(elements.Count));
            }
        }

        return new AttributeValue { L = elements };
    }

    public override TList Read(AttributeValue value)
    {
        if (!value.IsLSet)
        {
            throw new AttributeTypeMismatchException(DescribeExpected(), value);
        }

        var stored = value.L;
        if (typeof(TList) == typeof(TElement[]))
        {
            var array = new TElement[stored.Count];
            for (var i = 0; i < array.Length; i++)
            {
                array[i] = ReadElement(stored, i);
            }

            return (TList)(object)array;
        }

        // Every other supported shape (List<T>, IList<T>, IReadOnlyList<T>, ICollection<T>,
        // IEnumerable<T>...) is satisfied by a List<T>, which the application can then modify.
        var list = new List<TElement>(stored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            list.Add(ReadElement(stored, i));
        }

        return (TList)(object)list;
    }

    private TElement ReadElement(List<AttributeValue> stored, int index)
    {
        try
        {
            return _elementCodec.ReadElement(stored[index]);
        }
        catch (AttributeTypeMismatchException e)
        {
            throw e.WithOuterPathSegment(DocumentPath.Index(index));
        }
    }

    public override string DescribeExpected() => "L";
}
