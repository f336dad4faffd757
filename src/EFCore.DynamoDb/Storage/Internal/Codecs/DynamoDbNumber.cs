using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     Formatting, parsing and validation of DynamoDB's N type for the CLR numeric types.
/// </summary>
// DynamoDB numbers are decimal with up to 38 significant digits and a magnitude between 1E-130 and
// 9.99...E+125 (plus zero). Every check lives here so that writes are refused before a request is
// sent (DynamoDB's own error names neither the item nor the attribute) and so that reads are exact.
internal static class DynamoDbNumber
{
    public const int MaxSignificantDigits = 38;
    public const long MinLeadingExponent = -130;
    public const long MaxLeadingExponent = 125;

    public const string TooManyDigitsMessage = "a number must have at most 38 significant digits";
    public const string OutOfRangeMessage =
        "DynamoDB numbers range from 1E-130 to 9.9999999999999999999999999999999999999E+125 in magnitude";

    /// <summary>Formats a CLR number as canonical DynamoDB number text, refusing values DynamoDB cannot hold.</summary>
    public static string Format<T>(T value)
        where T : struct, INumber<T>
    {
        if (typeof(T) == typeof(double))
        {
            return FormatDouble((double)(object)value);
        }

        if (typeof(T) == typeof(float))
        {
            return FormatSingle((float)(object)value);
        }

        if (typeof(T) == typeof(decimal))
        {
            return Normalize(((decimal)(object)value).ToString(CultureInfo.InvariantCulture));
        }

        // Integers up to 64 bits have at most 20 digits and no fraction, so their invariant text is
        // already canonical and within range.
        return value.ToString(null, CultureInfo.InvariantCulture);
    }

    /// <summary>Validates number text from any source and returns its canonical form.</summary>
    public static string Normalize(string text)
    {
        if (!ParsedNumber.TryParse(text, out var number))
        {
            throw new UnstorableValueException($"'{text}' is not a number");
        }

        Validate(number);
        return number.ToCanonicalString();
    }

    private static string FormatDouble(double value)
    {
        ThrowIfNotFinite(double.IsNaN(value), double.IsPositiveInfinity(value), double.IsNegativeInfinity(value));

        // "R" is the shortest text that parses back to the same double, so reads are exact.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        ParsedNumber.TryParse(text, out var number);
        if (!IsInRange(number))
        {
            // The shortest text can round past the limit (the largest double below 1E+126 is
            // shortest-printed as "1E+126"); 17 digits name the double without that rounding.
            ParsedNumber.TryParse(value.ToString("G17", CultureInfo.InvariantCulture), out number);
        }

        Validate(number);
        return number.ToCanonicalString();
    }

    private static string FormatSingle(float value)
    {
        ThrowIfNotFinite(float.IsNaN(value), float.IsPositiveInfinity(value), float.IsNegativeInfinity(value));

        // Formatting the float itself (not a widened double) keeps 0.1f as "0.1" rather than
        // "0.100000001490116".
        ParsedNumber.TryParse(value.ToString("R", CultureInfo.InvariantCulture), out var number);
        Validate(number);
        return number.ToCanonicalString();
    }

    private static void ThrowIfNotFinite(bool isNaN, bool isPositiveInfinity, bool isNegativeInfinity)
    {
        if (isNaN)
        {
            throw new UnstorableValueException("NaN cannot be stored in a DynamoDB number");
        }

        if (isPositiveInfinity)
        {
            throw new UnstorableValueException("Infinity cannot be stored in a DynamoDB number");
        }

        if (isNegativeInfinity)
        {
            throw new UnstorableValueException("-Infinity cannot be stored in a DynamoDB number");
        }
    }

    private static void Validate(ParsedNumber number)
    {
        if (number.DigitCount > MaxSignificantDigits)
        {
            throw new UnstorableValueException(TooManyDigitsMessage);
        }

        if (!IsInRange(number))
        {
            throw new UnstorableValueException(OutOfRangeMessage);
        }
    }

    // With at most 38 digits, any number whose leading digit is at 10^125 is below the maximum.
    private static bool IsInRange(ParsedNumber number)
        => number.IsZero
            || number.LeadingExponent is >= MinLeadingExponent and <= MaxLeadingExponent;

    /// <summary>
    ///     Reads DynamoDB number text into a CLR number exactly. On failure, <paramref name="failure" />
    ///     completes the sentence "the attribute is N "...", which ___".
    /// </summary>
    public static bool TryParse<T>(string text, out T value, [NotNullWhen(false)] out string? failure)
        where T : struct, INumber<T>, IMinMaxValue<T>
    {
        value = default;
        if (!ParsedNumber.TryParse(text, out var number))
        {
            failure = "is not a number";
            return false;
        }

        if (typeof(T) == typeof(double))
        {
            var ok = TryParseDouble(text, number, out var result, out failure);
            value = (T)(object)result;
            return ok;
        }

        if (typeof(T) == typeof(float))
        {
            var ok = TryParseSingle(text, number, out var result, out failure);
            value = (T)(object)result;
            return ok;
        }

        if (typeof(T) == typeof(decimal))
        {
            var ok = TryParseDecimal(number, out var result, out failure);
            value = (T)(object)result;
            return ok;
        }

        return TryParseInteger(number, out value, out failure);
    }

    private static bool TryParseDouble(string text, ParsedNumber number, out double value, [NotNullWhen(false)] out string? failure)
    {
        failure = null;
        // DynamoDB has no negative zero; reading "-0" as +0 keeps equality with what was written.
        if (number.IsZero)
        {
            value = 0;
            return true;
        }

        // .NET's parser is correctly rounded, and the syntax was already checked above.
        value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value) || value == 0)
        {
            failure = "is outside the range of Double";
            return false;
        }

        return true;
    }

    private static bool TryParseSingle(string text, ParsedNumber number, out float value, [NotNullWhen(false)] out string? failure)
    {
        failure = null;
        if (number.IsZero)
        {
            value = 0;
            return true;
        }

        // Parsing straight to float avoids double rounding through double.
        value = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (float.IsInfinity(value) || value == 0)
        {
            failure = "is outside the range of Single";
            return false;
        }

        return true;
    }

    private static bool TryParseDecimal(ParsedNumber number, out decimal value, [NotNullWhen(false)] out string? failure)
    {
        value = 0;
        failure = null;
        if (number.IsZero)
        {
            return true;
        }

        if (number.HasTooManyDigits)
        {
            failure = "has more significant digits than Decimal can hold";
            return false;
        }

        var significand = number.Significand;
        var scale = 0;
        if (number.Exponent >= 0)
        {
            if (number.LeadingExponent > 28)
            {
                failure = "is outside the range of Decimal";
                return false;
            }

            significand *= UInt128Pow10((int)number.Exponent);
        }
        else if (number.Exponent < -28)
        {
            // The significand has no trailing zeros, so the scale cannot be reduced to fit.
            failure = "has more decimal places than Decimal can hold";
            return false;
        }
        else
        {
            scale = (int)-number.Exponent;
        }

        if (significand > DecimalMaxSignificand)
        {
            failure = number.Exponent >= 0
                ? "is outside the range of Decimal"
                : "has more significant digits than Decimal can hold";
            return false;
        }

        value = new decimal(
            (int)(uint)significand,
            (int)(uint)(significand >> 32),
            (int)(uint)(significand >> 64),
            number.Negative,
            (byte)scale);
        return true;
    }

    private static readonly UInt128 DecimalMaxSignificand = (UInt128.One << 96) - 1;

    private static bool TryParseInteger<T>(ParsedNumber number, out T value, [NotNullWhen(false)] out string? failure)
        where T : struct, INumber<T>, IMinMaxValue<T>
    {
        value = T.Zero;
        failure = null;
        if (number.IsZero)
        {
            return true;
        }

        // Refuse rather than truncate: silently dropping a fraction would corrupt the data on the
        // next write.
        if (number.Exponent < 0)
        {
            failure = "has a fractional part";
            return false;
        }

        // 64-bit integers have at most 20 digits; anything longer is out of range for all of them.
        if (number.LeadingExponent >= 20)
        {
            failure = $"is outside the range of {typeof(T).Name}";
            return false;
        }

        var magnitude = (Int128)(number.Significand * UInt128Pow10((int)number.Exponent));
        var signed = number.Negative ? -magnitude : magnitude;
        if (signed < Int128.CreateTruncating(T.MinValue) || signed > Int128.CreateTruncating(T.MaxValue))
        {
            failure = $"is outside the range of {typeof(T).Name}";
            return false;
        }

        value = T.CreateTruncating(signed);
        return true;
    }

    private static UInt128 UInt128Pow10(int exponent)
    {
        UInt128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
