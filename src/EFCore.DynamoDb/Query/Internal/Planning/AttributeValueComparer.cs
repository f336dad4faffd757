using System.Numerics;
using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>
///     Compares attribute values the way DynamoDB does: numbers by value, strings by UTF-8 bytes (code point order), binaries
///     by unsigned bytes; values of different types are not comparable.
/// </summary>
internal static class AttributeValueComparer
{
    /// <summary>The order of two values, or null when DynamoDB cannot order them (different or unordered types).</summary>
    public static int? Compare(AttributeValue left, AttributeValue right)
    {
        if (left.N != null && right.N != null)
        {
            return CompareNumbers(left.N, right.N);
        }

        if (left.S != null && right.S != null)
        {
            return CompareStrings(left.S, right.S);
        }

        if (left.B != null && right.B != null)
        {
            return CompareBytes(left.B.ToArray(), right.B.ToArray());
        }

        return null;
    }

    /// <summary>Whether two values are equal in DynamoDB's sense (sets compare as sets, numbers by value).</summary>
    public static bool AreEqual(AttributeValue left, AttributeValue right)
    {
        if (Compare(left, right) is { } order)
        {
            return order == 0;
        }

        if (left.BOOL != null || right.BOOL != null)
        {
            return left.BOOL == right.BOOL;
        }

        if (left.NULL == true || right.NULL == true)
        {
            return left.NULL == right.NULL;
        }

        if (left.SS != null && right.SS != null)
        {
            return left.SS.ToHashSet(StringComparer.Ordinal).SetEquals(right.SS);
        }

        if (left.NS != null && right.NS != null)
        {
            return left.NS.Count == right.NS.Count && left.NS.All(a => right.NS.Any(b => CompareNumbers(a, b) == 0));
        }

        if (left.BS != null && right.BS != null)
        {
            return left.BS.Count == right.BS.Count
                && left.BS.All(a => right.BS.Any(b => a.ToArray().AsSpan().SequenceEqual(b.ToArray())));
        }

        if (left.L != null && right.L != null && (left.IsLSet || left.L.Count > 0) && (right.IsLSet || right.L.Count > 0))
        {
            return left.L.Count == right.L.Count && left.L.Zip(right.L).All(p => AreEqual(p.First, p.Second));
        }

        if (left.M != null && right.M != null && (left.IsMSet || left.M.Count > 0) && (right.IsMSet || right.M.Count > 0))
        {
            return left.M.Count == right.M.Count
                && left.M.All(p => right.M.TryGetValue(p.Key, out var other) && AreEqual(p.Value, other));
        }

        return false;
    }

    public static int CompareStrings(string left, string right)
    {
        // UTF-8 byte order is Unicode code point order, which differs from UTF-16 ordinal order for surrogate pairs.
        var l = left.EnumerateRunes();
        var r = right.EnumerateRunes();
        while (true)
        {
            var hasLeft = l.MoveNext();
            var hasRight = r.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft ? 1 : hasRight ? -1 : 0;
            }

            var order = l.Current.Value.CompareTo(r.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }

    public static int CompareBytes(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    public static int CompareNumbers(string left, string right)
    {
        var (lm, le) = Parse(left);
        var (rm, re) = Parse(right);
        // Align exponents: value = mantissa * 10^exponent.
        if (le > re)
        {
            lm *= BigInteger.Pow(10, le - re);
        }
        else if (re > le)
        {
            rm *= BigInteger.Pow(10, re - le);
        }

        return lm.CompareTo(rm);
    }

    private static (BigInteger Mantissa, int Exponent) Parse(string text)
    {
        text = text.Trim();
        var exponent = 0;
        var e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var negative = text.StartsWith('-');
        text = text.TrimStart('-', '+');
        var dot = text.IndexOf('.');
        if (dot >= 0)
        {
            exponent -= text.Length - dot - 1;
            text = text.Remove(dot, 1);
        }

        var mantissa = text.Length == 0 ? BigInteger.Zero : BigInteger.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return (negative ? -mantissa : mantissa, exponent);
    }
}
