using System.Text;
using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     The size of an item as DynamoDB counts it against its 400 KB limit: attribute names and values in UTF-8 bytes; a
///     number as one byte per two significant digits plus one; binary as its length; a boolean or NULL as one byte; a list or
///     map as 3 bytes plus its elements (one byte each, plus map keys). Numbers are an upper estimate, everything else exact.
/// </summary>
internal static class ItemSize
{
    /// <summary>DynamoDB's item size limit: 400 KB.</summary>
    public const int MaxItemBytes = 409_600;

    /// <summary>DynamoDB's limit on the items of one TransactWriteItems request: 4 MB.</summary>
    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    public static int Of(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var size = 0;
        if (item is Dictionary<string, AttributeValue> dictionary)
        {
            // The dictionary's own enumerator: no boxed enumerator per item measured.
            foreach (var (name, value) in dictionary)
            {
                size += Attribute(name, value);
            }

            return size;
        }

        foreach (var (name, value) in item)
        {
            size += Attribute(name, value);
        }

        return size;
    }

    /// <summary>The bytes one attribute adds to its item: its name and its value.</summary>
    public static int Attribute(string name, AttributeValue value) => Encoding.UTF8.GetByteCount(name) + Of(value);

    public static int Of(AttributeValue value)
    {
        if (value.S != null)
        {
            return Encoding.UTF8.GetByteCount(value.S);
        }

        if (value.N != null)
        {
            return Number(value.N);
        }

        if (value.B != null)
        {
            return (int)value.B.Length;
        }

        if (value.BOOL.HasValue || value.NULL == true)
        {
            return 1;
        }

        if (value.IsSSSet)
        {
            // A loop, not Sum(method group): this runs for every set of every item written, and the delegate and enumerator
            // would be allocated each time.
            var size = 0;
            foreach (var member in value.SS)
            {
                size += Encoding.UTF8.GetByteCount(member);
            }

            return size;
        }

        if (value.IsNSSet)
        {
            return value.NS.Sum(Number);
        }

        if (value.IsBSSet)
        {
            return value.BS.Sum(b => (int)b.Length);
        }

        if (value.IsLSet)
        {
            var size = 3;
            foreach (var element in value.L)
            {
                size += 1 + Of(element);
            }

            return size;
        }

        if (value.IsMSet)
        {
            var size = 3;
            foreach (var (key, member) in value.M)
            {
                size += 1 + Attribute(key, member);
            }

            return size;
        }

        return 0;
    }

    private static int Number(string text)
    {
        var mantissa = text.AsSpan();
        var exponent = mantissa.IndexOfAny('e', 'E');
        if (exponent >= 0)
        {
            mantissa = mantissa[..exponent];
        }

        // Significant digits: leading and trailing zeros are not stored.
        var first = -1;
        var last = -1;
        var digits = 0;
        for (var i = 0; i < mantissa.Length; i++)
        {
            if (mantissa[i] is >= '1' and <= '9')
            {
                first = first < 0 ? digits : first;
                last = digits;
            }

            if (char.IsAsciiDigit(mantissa[i]))
            {
                digits++;
            }
        }

        var significant = first < 0 ? 1 : last - first + 1;
        return (significant + 1) / 2 + 1 + (mantissa.StartsWith("-") ? 1 : 0);
    }
}
