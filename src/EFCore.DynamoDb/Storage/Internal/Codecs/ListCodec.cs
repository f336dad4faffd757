using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     Arrays and lists as DynamoDB L, keeping order, duplicates and null elements (as NULL); or, for DynamoDBContext's
///     conventions (<see cref="AsSet" />), as the SS, NS or BS DynamoDBContext writes under its default conversion, V1.
/// </summary>
// An empty list is written as an empty L, not omitted, so that null and empty stay distinct: a missing attribute reads
// back as null. Reading also accepts a set of the element type whatever the model writes (DynamoDBContext stores
// List<string> and string[] as SS by default): its members, in the order DynamoDB returns them.
// Stored as a set, a list loses its order and cannot hold duplicates or nulls: a list that holds any is refused on save
// (DynamoDB would refuse the request), and like a set an empty list is no attribute and a missing one reads as empty.
internal sealed class ListCodec<TList, TElement> : AttributeValueCodec<TList>, IListCodec
    where TList : class, IEnumerable<TElement>
{
    private readonly AttributeValueCodec<TElement> _elementCodec;
    private readonly DynamoDbAttributeType? _setType;

    public ListCodec(AttributeValueCodec<TElement> elementCodec)
        : this(elementCodec, asSet: false)
    {
    }

    private ListCodec(AttributeValueCodec<TElement> elementCodec, bool asSet)
    {
        _elementCodec = elementCodec;
        _setType = asSet ? SetTypeOf(elementCodec.AttributeType) : null;
    }

    public override DynamoDbAttributeType AttributeType => _setType ?? DynamoDbAttributeType.L;

    public override object? MissingValue => _setType == null ? null : FromElements([]);

    /// <inheritdoc />
    public AttributeValueCodec? AsSet()
        => SetTypeOf(_elementCodec.AttributeType) == null ? null : new ListCodec<TList, TElement>(_elementCodec, asSet: true);

    public override AttributeValue? Write(TList value) => _setType == null ? WriteList(value) : WriteSet(value);

    private AttributeValue WriteList(TList value)
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

    private AttributeValue? WriteSet(TList value)
    {
        var members = new List<AttributeValue>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in value)
        {
            var member = element is null ? null : _elementCodec.Write(element);
            if (member == null)
            {
                throw new UnstorableValueException(
                    $"the list holds null at index {members.Count}, and stored as {_setType} (DynamoDBContext's form) it cannot");
            }

            var text = member.S ?? member.N ?? Convert.ToBase64String(member.B.ToArray());
            if (!seen.Add(text))
            {
                throw new UnstorableValueException(
                    $"the list holds '{text}'{(member.B != null ? " (base64)" : "")} twice, and stored as {_setType} (DynamoDBContext's "
                    + "form) it cannot hold duplicates; remove them, or store this list as L (map it as a list without "
                    + "UseDynamoDbContextConventions, which DynamoDBContext reads too)");
            }

            members.Add(member);
        }

        return members.Count == 0
            ? null
            : _setType switch
            {
                DynamoDbAttributeType.SS => new AttributeValue { SS = members.Select(m => m.S).ToList() },
                DynamoDbAttributeType.NS => new AttributeValue { NS = members.Select(m => m.N).ToList() },
                _ => new AttributeValue { BS = members.Select(m => m.B).ToList() },
            };
    }

    public override TList Read(AttributeValue value)
    {
        if (value.IsLSet)
        {
            var stored = value.L;
            var elements = new TElement[stored.Count];
            for (var i = 0; i < elements.Length; i++)
            {
                elements[i] = ReadElement(stored, i);
            }

            return FromElements(elements);
        }

        // A set of the element type: DynamoDBContext's form of a list. Its members are never NULL.
        var members = _elementCodec.AttributeType switch
        {
            DynamoDbAttributeType.S when value.IsSSSet => value.SS.Select(s => new AttributeValue { S = s }),
            DynamoDbAttributeType.N when value.IsNSSet => value.NS.Select(n => new AttributeValue { N = n }),
            DynamoDbAttributeType.B when value.IsBSSet => value.BS.Select(b => new AttributeValue { B = b }),
            _ => throw new AttributeTypeMismatchException(DescribeExpected(), value),
        };

        return FromElements(members.Select(_elementCodec.Read).ToArray());
    }

    private static TList FromElements(TElement[] elements)
        // Every other supported shape (List<T>, IList<T>, IReadOnlyList<T>, ICollection<T>, IEnumerable<T>...) is satisfied
        // by a List<T>, which the application can then modify.
        => typeof(TList) == typeof(TElement[]) ? (TList)(object)elements : (TList)(object)new List<TElement>(elements);

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

    public override string DescribeExpected()
        => _setType is { } setType
            ? $"{setType} or L"
            : SetTypeOf(_elementCodec.AttributeType) is { } readable ? $"L or {readable}" : "L";

    private static DynamoDbAttributeType? SetTypeOf(DynamoDbAttributeType elementType)
        => elementType switch
        {
            DynamoDbAttributeType.S => DynamoDbAttributeType.SS,
            DynamoDbAttributeType.N => DynamoDbAttributeType.NS,
            DynamoDbAttributeType.B => DynamoDbAttributeType.BS,
            _ => null,
        };
}
