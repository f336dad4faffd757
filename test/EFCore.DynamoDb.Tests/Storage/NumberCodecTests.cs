using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;

namespace EFCore.DynamoDb.Tests.Storage;

public class NumberCodecTests
{
    private static T RoundTrip<T>(T value)
    {
        var codec = Codecs.For<T>();
        var attribute = codec.ToAttributeValue(value);
        Assert.NotNull(attribute);
        Assert.NotNull(attribute.N);
        Assert.Equal(DynamoDbAttributeType.N, codec.AttributeType);
        return (T)codec.FromAttributeValue(attribute)!;
    }

    private static T Read<T>(string n) => Codecs.For<T>().Read(new AttributeValue { N = n });

    [Fact]
    public void Integer_extremes_round_trip()
    {
        Assert.Equal(byte.MaxValue, RoundTrip(byte.MaxValue));
        Assert.Equal(sbyte.MinValue, RoundTrip(sbyte.MinValue));
        Assert.Equal(short.MinValue, RoundTrip(short.MinValue));
        Assert.Equal(ushort.MaxValue, RoundTrip(ushort.MaxValue));
        Assert.Equal(int.MinValue, RoundTrip(int.MinValue));
        Assert.Equal(int.MaxValue, RoundTrip(int.MaxValue));
        Assert.Equal(uint.MaxValue, RoundTrip(uint.MaxValue));
        Assert.Equal(long.MinValue, RoundTrip(long.MinValue));
        Assert.Equal(long.MaxValue, RoundTrip(long.MaxValue));
        Assert.Equal(ulong.MaxValue, RoundTrip(ulong.MaxValue));
        Assert.Equal(0UL, RoundTrip(0UL));
    }

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("0.1234567890123456789012345678")]
    [InlineData("-0.0000000000000000000000000001")]
    [InlineData("7.9228162514264337593543950335")]
    [InlineData("1234567890123456.789012345678")]
    public void Decimals_round_trip_exactly(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var result = RoundTrip(value);
        Assert.Equal(value, result);
        Assert.Equal(decimal.GetBits(value), decimal.GetBits(result));
    }

    [Fact]
    public void Decimal_extremes_round_trip()
    {
        Assert.Equal(decimal.MaxValue, RoundTrip(decimal.MaxValue));
        Assert.Equal(decimal.MinValue, RoundTrip(decimal.MinValue));
    }

    [Fact]
    public void Float_and_double_extremes_that_DynamoDB_can_hold_round_trip()
    {
        Assert.Equal(float.MaxValue, RoundTrip(float.MaxValue));
        Assert.Equal(float.MinValue, RoundTrip(float.MinValue));
        Assert.Equal(float.Epsilon, RoundTrip(float.Epsilon));
        Assert.Equal(0.1f, RoundTrip(0.1f));

        var largestDouble = Math.BitDecrement(1E+126);
        Assert.Equal(largestDouble, RoundTrip(largestDouble));
        Assert.Equal(-largestDouble, RoundTrip(-largestDouble));
        var smallestDouble = Math.BitIncrement(1E-130);
        Assert.Equal(smallestDouble, RoundTrip(smallestDouble));
        Assert.Equal(0.1, RoundTrip(0.1));
        Assert.Equal(Math.PI, RoundTrip(Math.PI));
    }

    [Fact]
    public void Negative_zero_is_stored_as_zero()
    {
        var attribute = Codecs.For<double>().Write(-0.0);
        Assert.Equal("0", attribute!.N);
        Assert.Equal(0.0, RoundTrip(-0.0));
    }

    [Fact]
    public void Unstorable_doubles_are_refused_by_the_codec()
    {
        var codec = Codecs.For<double>();
        Assert.Equal("NaN cannot be stored in a DynamoDB number", Assert.Throws<UnstorableValueException>(() => codec.Write(double.NaN)).Message);
        Assert.Throws<UnstorableValueException>(() => codec.ToAttributeValue(double.Epsilon));
        Assert.Throws<UnstorableValueException>(() => codec.ToAttributeValue(double.PositiveInfinity));
    }

    [Fact]
    public void Every_form_DynamoDB_returns_reads_into_every_numeric_type()
    {
        Assert.Equal((byte)100, Read<byte>("1E+2"));
        Assert.Equal((sbyte)100, Read<sbyte>("1E+2"));
        Assert.Equal((short)100, Read<short>("1E+2"));
        Assert.Equal((ushort)100, Read<ushort>("100"));
        Assert.Equal(100, Read<int>("1E+2"));
        Assert.Equal(100u, Read<uint>("1.00E+2"));
        Assert.Equal(100L, Read<long>("100.000"));
        Assert.Equal(100UL, Read<ulong>("1E+2"));
        Assert.Equal(100f, Read<float>("1E+2"));
        Assert.Equal(100d, Read<double>("1E+2"));
        Assert.Equal(100m, Read<decimal>("1E+2"));

        Assert.Equal(1.5f, Read<float>("1.50"));
        Assert.Equal(1.5d, Read<double>("1.50"));
        Assert.Equal(1.5m, Read<decimal>("1.50"));

        Assert.Equal((byte)0, Read<byte>("-0"));
        Assert.Equal(0u, Read<uint>("-0"));
        Assert.Equal(0UL, Read<ulong>("-0"));
        Assert.Equal(0, Read<int>("-0"));
        Assert.Equal(0m, Read<decimal>("-0"));
        Assert.False(double.IsNegative(Read<double>("-0")));
        Assert.False(float.IsNegative(Read<float>("-0")));
    }

    [Fact]
    public void Integer_extremes_read_from_scientific_forms()
    {
        Assert.Equal(ulong.MaxValue, Read<ulong>("1.8446744073709551615E+19"));
        Assert.Equal(long.MinValue, Read<long>("-9.223372036854775808E+18"));
        Assert.Equal(10_000_000_000_000_000_000UL, Read<ulong>("1E+19"));
    }

    [Fact]
    public void Decimal_reads_are_exact()
    {
        Assert.Equal(0.1234567890123456789012345678m, Read<decimal>("0.1234567890123456789012345678"));
        Assert.Equal(decimal.MaxValue, Read<decimal>("7.9228162514264337593543950335E+28"));
        Assert.Equal(10_000_000_000_000_000_000_000_000_000m, Read<decimal>("1E+28"));
        Assert.Equal(0.0000000000000000000000000001m, Read<decimal>("1E-28"));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0.1")]
    [InlineData("-2.000001")]
    [InlineData("1E-1")]
    public void Integer_targets_refuse_fractional_values(string n)
    {
        var e = Assert.Throws<AttributeTypeMismatchException>(() => Read<int>(n));
        Assert.Equal($"expected N (Int32) but the attribute is N \"{n}\", which has a fractional part", e.Message);
        Assert.Throws<AttributeTypeMismatchException>(() => Read<ulong>(n));
        Assert.Throws<AttributeTypeMismatchException>(() => Read<byte>(n));
    }

    [Fact]
    public void Integer_targets_refuse_out_of_range_values()
    {
        var e = Assert.Throws<AttributeTypeMismatchException>(() => Read<byte>("256"));
        Assert.Equal("expected N (Byte) but the attribute is N \"256\", which is outside the range of Byte", e.Message);
        Assert.Throws<AttributeTypeMismatchException>(() => Read<sbyte>("-129"));
        Assert.Throws<AttributeTypeMismatchException>(() => Read<short>("32768"));
        Assert.Throws<AttributeTypeMismatchException>(() => Read<ushort>("-1"));
        Assert.Throws<AttributeTypeMismatchException>(() => Read<int>("2147483648"));
        Assert.Throws<AttributeTypeMismatchException>(() => Read<uint>("-1"));
        Assert.Throws<AttributeTypeMismatchException>(() => Read<long>("9223372036854775808"));
        Assert.Throws<AttributeTypeMismatchException>(() => Read<ulong>("18446744073709551616"));
        Assert.Throws<AttributeTypeMismatchException>(() => Read<ulong>("1E+20"));
        Assert.Throws<AttributeTypeMismatchException>(() => Read<long>("1E+125"));
    }

    [Fact]
    public void Decimal_refuses_values_it_cannot_hold_exactly()
    {
        Assert.Contains("outside the range of Decimal", Assert.Throws<AttributeTypeMismatchException>(() => Read<decimal>("79228162514264337593543950336")).Message);
        Assert.Contains("more decimal places", Assert.Throws<AttributeTypeMismatchException>(() => Read<decimal>("1E-29")).Message);
        Assert.Contains("more significant digits", Assert.Throws<AttributeTypeMismatchException>(() => Read<decimal>("9.9999999999999999999999999999")).Message);
        Assert.Throws<AttributeTypeMismatchException>(() => Read<decimal>("1E+29"));
    }

    [Fact]
    public void Float_refuses_values_outside_its_range()
    {
        Assert.Contains("outside the range of Single", Assert.Throws<AttributeTypeMismatchException>(() => Read<float>("1E+39")).Message);
        Assert.Throws<AttributeTypeMismatchException>(() => Read<float>("1E-50"));
        Assert.Equal(1E+125, Read<double>("1E+125"));
        Assert.Equal(1E-130, Read<double>("1E-130"));
    }

    [Fact]
    public void Non_number_attributes_are_refused_with_the_stored_value_quoted()
    {
        var e = Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<int>().Read(new AttributeValue { S = "abc" }));
        Assert.Equal("expected N (Int32) but the attribute is S \"abc\"", e.Message);
        Assert.Equal(DynamoDbAttributeType.S, e.ActualType);

        Assert.Contains("is not a number", Assert.Throws<AttributeTypeMismatchException>(() => Read<double>("NaN")).Message);
        Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<long>().Read(new AttributeValue { BOOL = true }));
    }

    [Fact]
    public void A_stored_NULL_reads_as_null_through_the_untyped_member()
        => Assert.Null(Codecs.For<int>().FromAttributeValue(new AttributeValue { NULL = true }));

    [Fact]
    public void Null_writes_no_attribute()
        => Assert.Null(Codecs.For<int>().ToAttributeValue(null));

    [Fact]
    public void Nullable_numbers_round_trip_null_and_values()
    {
        var codec = Codecs.For<int?>();
        Assert.Null(codec.Write(null));
        Assert.Equal("42", codec.Write(42)!.N);
        Assert.Equal(42, codec.Read(new AttributeValue { N = "42" }));
        Assert.Null(codec.Read(new AttributeValue { NULL = true }));
    }
}
