using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;

namespace EFCore.DynamoDb.Tests.Storage;

public class DynamoDbNumberTests
{
    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("1E+2", "100")]
    [InlineData("-0", "0")]
    [InlineData("0.000", "0")]
    [InlineData("0E+99999999999", "0")]
    [InlineData("+5", "5")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("0.0001E+4", "1")]
    [InlineData("00123.4500", "123.45")]
    [InlineData("-1.5e-3", "-0.0015")]
    [InlineData("1E+125", "1E+125")]
    [InlineData("1E-130", "1E-130")]
    [InlineData("12345678901234567890123456789012345678", "12345678901234567890123456789012345678")]
    [InlineData("9.9999999999999999999999999999999999999E+125", "9.9999999999999999999999999999999999999E+125")]
    [InlineData("123456789012345678901234567890123456780000", "1.2345678901234567890123456789012345678E+41")]
    public void Normalize_produces_canonical_text(string text, string expected)
        => Assert.Equal(expected, DynamoDbNumber.Normalize(text));

    [Fact]
    public void Normalize_refuses_39_significant_digits()
    {
        var e = Assert.Throws<UnstorableValueException>(() => DynamoDbNumber.Normalize("123456789012345678901234567890123456789"));
        Assert.Equal("a number must have at most 38 significant digits", e.Message);
    }

    [Fact]
    public void Normalize_does_not_count_trailing_or_leading_zeros_as_significant()
        => Assert.Equal("1.2345678901234567890123456789012345678E+41", DynamoDbNumber.Normalize("000123456789012345678901234567890123456780000.000"));

    [Theory]
    [InlineData("1E+126")]
    [InlineData("-1E+126")]
    [InlineData("1E-131")]
    [InlineData("9.99E-131")]
    public void Normalize_refuses_magnitudes_outside_DynamoDB_range(string text)
    {
        var e = Assert.Throws<UnstorableValueException>(() => DynamoDbNumber.Normalize(text));
        Assert.Equal(
            "DynamoDB numbers range from 1E-130 to 9.9999999999999999999999999999999999999E+125 in magnitude",
            e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1E")]
    [InlineData("1E+")]
    [InlineData(" 1")]
    [InlineData("1,000")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-")]
    [InlineData(".")]
    public void Normalize_refuses_text_that_is_not_a_number(string text)
        => Assert.Throws<UnstorableValueException>(() => DynamoDbNumber.Normalize(text));

    [Theory]
    [InlineData(double.NaN, "NaN cannot be stored in a DynamoDB number")]
    [InlineData(double.PositiveInfinity, "Infinity cannot be stored in a DynamoDB number")]
    [InlineData(double.NegativeInfinity, "-Infinity cannot be stored in a DynamoDB number")]
    public void Non_finite_doubles_are_refused(double value, string message)
        => Assert.Equal(message, Assert.Throws<UnstorableValueException>(() => DynamoDbNumber.Format(value)).Message);

    [Theory]
    [InlineData(float.NaN, "NaN cannot be stored in a DynamoDB number")]
    [InlineData(float.PositiveInfinity, "Infinity cannot be stored in a DynamoDB number")]
    [InlineData(float.NegativeInfinity, "-Infinity cannot be stored in a DynamoDB number")]
    public void Non_finite_floats_are_refused(float value, string message)
        => Assert.Equal(message, Assert.Throws<UnstorableValueException>(() => DynamoDbNumber.Format(value)).Message);

    [Theory]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(double.MinValue)]
    [InlineData(1E-131)]
    [InlineData(1.000000000000001E+126)]
    public void Doubles_outside_DynamoDB_range_are_refused(double value)
        => Assert.Equal(
            DynamoDbNumber.OutOfRangeMessage,
            Assert.Throws<UnstorableValueException>(() => DynamoDbNumber.Format(value)).Message);

    [Fact]
    public void The_largest_storable_double_is_written_with_17_digits_when_its_shortest_form_rounds_out_of_range()
    {
        // The double nearest 1E+126 lies just below it, but its shortest text is "1E+126".
        var largest = 1E+126;
        Assert.True(new System.Numerics.BigInteger(largest) < System.Numerics.BigInteger.Pow(10, 126));
        Assert.Equal("9.9999999999999992E+125", DynamoDbNumber.Format(largest));
        Assert.Equal("9.999999999999998E+125", DynamoDbNumber.Format(Math.BitDecrement(largest)));
        Assert.Equal(
            DynamoDbNumber.OutOfRangeMessage,
            Assert.Throws<UnstorableValueException>(() => DynamoDbNumber.Format(Math.BitIncrement(largest))).Message);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(-0.0, "0")]
    [InlineData(1E+16, "10000000000000000")]
    [InlineData(1.5E-05, "0.000015")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(1E-130, "1E-130")]
    [InlineData(-2.5E+100, "-2.5E+100")]
    public void Doubles_format_as_shortest_round_trip_text(double value, string expected)
        => Assert.Equal(expected, DynamoDbNumber.Format(value));

    [Fact]
    public void Floats_format_from_their_own_shortest_text_not_a_widened_double()
    {
        Assert.Equal("0.1", DynamoDbNumber.Format(0.1f));
        Assert.Equal("3.4028235E+38", DynamoDbNumber.Format(float.MaxValue));
        Assert.Equal("1E-45", DynamoDbNumber.Format(float.Epsilon));
    }

    [Fact]
    public void Decimals_format_exactly_without_trailing_zeros()
    {
        Assert.Equal("79228162514264337593543950335", DynamoDbNumber.Format(decimal.MaxValue));
        Assert.Equal("-79228162514264337593543950335", DynamoDbNumber.Format(decimal.MinValue));
        Assert.Equal("0.1234567890123456789012345678", DynamoDbNumber.Format(0.1234567890123456789012345678m));
        Assert.Equal("1.5", DynamoDbNumber.Format(1.50m));
        Assert.Equal("0.0000000000000000000000000001", DynamoDbNumber.Format(0.0000000000000000000000000001m));
    }

    [Fact]
    public void Integers_format_as_invariant_digits()
    {
        Assert.Equal("18446744073709551615", DynamoDbNumber.Format(ulong.MaxValue));
        Assert.Equal("-9223372036854775808", DynamoDbNumber.Format(long.MinValue));
        Assert.Equal("-128", DynamoDbNumber.Format(sbyte.MinValue));
    }

    [Fact]
    public void Formatting_ignores_the_current_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("1.5", DynamoDbNumber.Format(1.5));
            Assert.Equal("-1.25", DynamoDbNumber.Format(-1.25m));
            Assert.True(DynamoDbNumber.TryParse<double>("1.5", out var parsed, out _));
            Assert.Equal(1.5, parsed);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}
