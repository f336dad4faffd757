using System.Globalization;
using System.Text;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     A decimal number taken apart as sign, significand and power of ten, with the significand's
///     leading and trailing zeros removed: "1.50", "015E-1" and "0.15E+1" all become 15 x 10^-1.
/// </summary>
// DynamoDB numbers are decimal, not binary, so exactness requires working on the digits rather
// than going through double. Stripping trailing zeros gives one canonical form per value, which is
// what lets "1E+2" and "100" (and sets holding both) be recognised as the same number.
internal readonly struct ParsedNumber
{
    // 10^38 < 2^128, so every significand DynamoDB can hold fits in a UInt128.
    private const int MaxAccumulatedDigits = 38;

    private ParsedNumber(bool negative, UInt128 significand, int digitCount, long exponent)
    {
        Negative = negative;
        Significand = significand;
        DigitCount = digitCount;
        Exponent = exponent;
    }

    public bool Negative { get; }

    /// <summary>The significant digits as an integer; only meaningful when <see cref="HasTooManyDigits" /> is false.</summary>
    public UInt128 Significand { get; }

    /// <summary>How many significant digits there are; zero for the number zero.</summary>
    public int DigitCount { get; }

    /// <summary>The value is <see cref="Significand" /> x 10^Exponent.</summary>
    public long Exponent { get; }

    public bool IsZero => DigitCount == 0;

    public bool HasTooManyDigits => DigitCount > MaxAccumulatedDigits;

    /// <summary>The power of ten of the most significant digit: 2 for 123, -1 for 0.5.</summary>
    public long LeadingExponent => Exponent + DigitCount - 1;

    /// <summary>
    ///     Accepts an optional sign, digits with at most one decimal point, and an optional exponent
    ///     (e/E, optional sign, digits); no white space, no group separators, no NaN or Infinity.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ParsedNumber number)
    {
        number = default;
        var i = 0;
        var negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }

        UInt128 significand = 0;
        var digitCount = 0;
        var pendingZeros = 0;
        var fractionDigits = 0L;
        var sawDigit = false;
        var sawPoint = false;
        for (; i < text.Length && text[i] != 'e' && text[i] != 'E'; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                if (sawPoint)
                {
                    return false;
                }

                sawPoint = true;
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            sawDigit = true;
            if (sawPoint)
            {
                fractionDigits++;
            }

            if (c == '0')
            {
                // Zeros before the first significant digit carry no information; zeros after it
                // are held back until a later non-zero digit shows they are not trailing.
                if (digitCount > 0)
                {
                    pendingZeros++;
                }

                continue;
            }

            for (; pendingZeros > 0; pendingZeros--)
            {
                Accumulate(ref significand, ref digitCount, 0);
            }

            Accumulate(ref significand, ref digitCount, c - '0');
        }

        if (!sawDigit)
        {
            return false;
        }

        long exponent = 0;
        if (i < text.Length)
        {
            if (!TryParseExponent(text[(i + 1)..], out exponent))
            {
                return false;
            }
        }

        number = digitCount == 0
            ? new ParsedNumber(false, 0, 0, 0)
            : new ParsedNumber(negative, significand, digitCount, exponent - fractionDigits + pendingZeros);
        return true;
    }

    private static void Accumulate(ref UInt128 significand, ref int digitCount, int digit)
    {
        // Past 38 digits the value can no longer be exact anywhere; only the count is kept so
        // that the caller can report it.
        if (digitCount < MaxAccumulatedDigits)
        {
            significand = significand * 10 + (uint)digit;
        }

        digitCount++;
    }

    private static bool TryParseExponent(ReadOnlySpan<char> text, out long exponent)
    {
        exponent = 0;
        var negative = false;
        var i = 0;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }

        if (i == text.Length)
        {
            return false;
        }

        for (; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            // Saturate rather than overflow: any exponent this large is out of every range anyway,
            // yet "0E+99999999999" is still a valid zero.
            exponent = Math.Min(exponent * 10 + (text[i] - '0'), int.MaxValue);
        }

        if (negative)
        {
            exponent = -exponent;
        }

        return true;
    }

    /// <summary>
    ///     The canonical text: no trailing zeros, plain notation for moderate magnitudes and
    ///     scientific notation (d.dddE+n) beyond them, so that equal numbers always format the same.
    /// </summary>
    public string ToCanonicalString()
    {
        if (IsZero)
        {
            return "0";
        }

        var digits = Significand.ToString(CultureInfo.InvariantCulture);
        var leading = LeadingExponent;
        var builder = new StringBuilder(digits.Length + 8);
        if (Negative)
        {
            builder.Append('-');
        }

        // Integers are plain while short (like JavaScript's rule) or when every digit is significant;
        // a long run of trailing zeros (float.MaxValue) reads better in scientific notation.
        if (Exponent >= 0 && (leading < 21 || Exponent == 0))
        {
            builder.Append(digits).Append('0', (int)Exponent);
        }
        else if (Exponent < 0 && leading >= 0)
        {
            var integerDigits = (int)(leading + 1);
            builder.Append(digits, 0, integerDigits).Append('.').Append(digits, integerDigits, digits.Length - integerDigits);
        }
        else if (Exponent < 0 && leading >= -30)
        {
            builder.Append("0.").Append('0', (int)(-leading - 1)).Append(digits);
        }
        else
        {
            builder.Append(digits[0]);
            if (digits.Length > 1)
            {
                builder.Append('.').Append(digits, 1, digits.Length - 1);
            }

            builder.Append(leading >= 0 ? "E+" : "E-").Append(Math.Abs(leading).ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
