using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     A set of strings, numbers or byte arrays (or of values converted to one of those) as DynamoDB SS, NS or BS.
/// </summary>
// DynamoDB cannot store an empty set, so an empty set is written as no attribute and a missing
// attribute reads back as an empty set: the property is never null after a read. Duplicates are
// checked on the converted form because the service rejects a set whose stored members repeat
// (e.g. two DateTimes of different Kind that denote the same UTC instant).
internal sealed class SetCodec<TSet, TElement> : AttributeValueCodec<TSet>
    where TSet : class, IEnumerable<TElement>
{
    private readonly AttributeValueCodec<TElement> _elementCodec;
    private readonly DynamoDbAttributeType _setType;
    private readonly bool _sorted;
    private readonly bool _membersAreTheirText;

    public SetCodec(AttributeValueCodec<TElement> elementCodec)
    {
        _elementCodec = elementCodec;
        _setType = elementCodec.AttributeType switch
        {
            DynamoDbAttributeType.S => DynamoDbAttributeType.SS,
            DynamoDbAttributeType.N => DynamoDbAttributeType.NS,
            DynamoDbAttributeType.B => DynamoDbAttributeType.BS,
            var other => throw new ArgumentException($"DynamoDB sets hold S, N or B values, not {other}.", nameof(elementCodec)),
        };
        _sorted = typeof(TSet) == typeof(SortedSet<TElement>);
        _membersAreTheirText = elementCodec is StringCodec;
    }

    public override DynamoDbAttributeType AttributeType => _setType;

    public override object? MissingValue => CreateEmpty();

    public override AttributeValue? Write(TSet value)
        => _setType == DynamoDbAttributeType.BS ? WriteBinarySet(value) : WriteTextSet(value);

    private AttributeValue? WriteTextSet(TSet value)
    {
        // HashSet is what most models use: enumerated as itself, its enumerator is not boxed.
        List<string> members;
        if (value is HashSet<TElement> hashSet)
        {
            members = new List<string>(hashSet.Count);
            var seen = MembersAreDistinctTexts(hashSet) ? null : new HashSet<string>(hashSet.Count, StringComparer.Ordinal);
            foreach (var element in hashSet)
            {
                members.Add(WriteTextMember(element, seen));
            }
        }
        else
        {
            members = [];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var element in value)
            {
                members.Add(WriteTextMember(element, seen));
            }
        }

        if (members.Count == 0)
        {
            return null;
        }

        return _setType == DynamoDbAttributeType.SS ? new AttributeValue { SS = members } : new AttributeValue { NS = members };
    }

    /// <summary>
    ///     Whether the members of the set are distinct texts already, so no duplicate check is needed: strings stored as they are,
    ///     in a set whose equality holds for ordinally equal strings (distinct members are then distinct texts). Any other
    ///     set, or a conversion (two DateTimes of different Kind can be the same text), is checked member by member.
    /// </summary>
    private bool MembersAreDistinctTexts(HashSet<TElement> set)
        => _membersAreTheirText
            && set.Comparer is var comparer
            && (ReferenceEquals(comparer, EqualityComparer<string>.Default) || ReferenceEquals(comparer, StringComparer.Ordinal)
                || ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase));

    private string WriteTextMember(TElement element, HashSet<string>? seen)
    {
        if (element is null)
        {
            throw new UnstorableValueException("a set must not contain null");
        }

        var text = _elementCodec.WriteSetMember(element) ?? throw new UnstorableValueException("a set must not contain null");
        if (seen != null && !seen.Add(text))
        {
            throw new UnstorableValueException($"the set holds '{text}' twice after conversion");
        }

        return text;
    }

    private AttributeValue? WriteBinarySet(TSet value)
    {
        var members = new List<MemoryStream>();
        var seen = new HashSet<byte[]>(ByteArrayComparer.Instance);
        foreach (var element in value)
        {
            var stream = WriteMember(element).B;
            var bytes = stream.TryGetBuffer(out var buffer) && buffer.Offset == 0 && buffer.Count == buffer.Array!.Length
                ? buffer.Array
                : stream.ToArray();
            if (!seen.Add(bytes))
            {
                throw new UnstorableValueException($"the set holds '{Convert.ToBase64String(bytes)}' (base64) twice after conversion");
            }

            members.Add(stream);
        }

        return members.Count == 0 ? null : new AttributeValue { BS = members };
    }

    private AttributeValue WriteMember(TElement element)
    {
        if (element is null)
        {
            throw new UnstorableValueException("a set must not contain null");
        }

        return _elementCodec.Write(element)
            ?? throw new UnstorableValueException("a set must not contain null");
    }

    public override TSet Read(AttributeValue value)
    {
        var set = CreateEmpty();
        switch (_setType)
        {
            case DynamoDbAttributeType.SS when value.IsSSSet:
                foreach (var member in value.SS)
                {
                    set.Add(_elementCodec.ReadSetMember(member));
                }

                break;
            case DynamoDbAttributeType.NS when value.IsNSSet:
                foreach (var member in value.NS)
                {
                    set.Add(_elementCodec.ReadSetMember(member));
                }

                break;
            case DynamoDbAttributeType.BS when value.IsBSSet:
                foreach (var member in value.BS)
                {
                    set.Add(_elementCodec.Read(new AttributeValue { B = member }));
                }

                break;
            default:
                throw new AttributeTypeMismatchException(DescribeExpected(), value);
        }

        return (TSet)set;
    }

    public override string DescribeExpected() => $"{_setType} ({ClrTypeNames.Display(typeof(TSet))})";

    private ISet<TElement> CreateEmpty()
    {
        // Content equality for byte[] members, which otherwise compare by reference and would let
        // a read set hold "duplicates" and never find a member by value.
        if (typeof(TElement) == typeof(byte[]))
        {
            var byteArrayComparer = (IComparer<TElement>)(object)ByteArrayComparer.Instance;
            return _sorted
                ? new SortedSet<TElement>(byteArrayComparer)
                : new HashSet<TElement>((IEqualityComparer<TElement>)byteArrayComparer);
        }

        return _sorted ? new SortedSet<TElement>() : new HashSet<TElement>();
    }
}
