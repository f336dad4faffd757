using EFCore.DynamoDb.Storage.ValueConversion.Internal;

namespace EFCore.DynamoDb.Tests.ValueConversion;

public class GuidAndEpochConverterTests
{
    private static readonly Guid Id = Guid.Parse("0F8FAD5B-D9CB-469F-A165-70867728950E");

    [Fact]
    public void Guids_are_written_lowercase_hyphenated()
        => Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", new GuidToLowercaseStringConverter().ConvertToProvider(Id));

    [Theory]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("0F8FAD5B-D9CB-469F-A165-70867728950E")]
    [InlineData("0f8fad5bd9cb469fa16570867728950e")]
    [InlineData("{0f8fad5b-d9cb-469f-a165-70867728950e}")]
    [InlineData("(0f8fad5b-d9cb-469f-a165-70867728950e)")]
    public void Guids_are_read_in_any_form(string stored)
        => Assert.Equal(Id, new GuidToLowercaseStringConverter().ConvertFromProvider(stored));

    [Fact]
    public void Invalid_guids_are_refused()
        => Assert.Throws<FormatException>(() => new GuidToLowercaseStringConverter().ConvertFromProvider("0f8fad5b"));

    [Fact]
    public void DateTime_epoch_seconds_are_utc_whole_seconds_rounded_toward_the_past()
    {
        var converter = new DateTimeToEpochSecondsConverter();
        Assert.Equal(0L, converter.ConvertToProvider(DateTime.UnixEpoch));
        Assert.Equal(1704164645L, converter.ConvertToProvider(new DateTime(2024, 1, 2, 3, 4, 5, 999, DateTimeKind.Utc)));
        Assert.Equal(1704164645L, converter.ConvertToProvider(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified)));
        Assert.Equal(-1L, converter.ConvertToProvider(DateTime.UnixEpoch.AddMilliseconds(-1)));
        var utc = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        Assert.Equal(converter.ConvertToProvider(utc), converter.ConvertToProvider(utc.ToLocalTime()));
    }

    [Fact]
    public void DateTime_epoch_seconds_read_back_with_utc_kind()
    {
        var converter = new DateTimeToEpochSecondsConverter();
        var read = (DateTime)converter.ConvertFromProvider(1704164645L)!;
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), read);
        Assert.Equal(DateTimeKind.Utc, read.Kind);
        Assert.Equal(DateTime.MinValue, converter.ConvertFromProvider(converter.ConvertToProvider(DateTime.MinValue)));
        Assert.Equal(DateTime.MaxValue.AddTicks(-9_999_999), converter.ConvertFromProvider(converter.ConvertToProvider(DateTime.MaxValue)));
        Assert.Throws<OverflowException>(() => converter.ConvertFromProvider(long.MaxValue));
        Assert.Throws<OverflowException>(() => converter.ConvertFromProvider(-62135596801L));
    }

    [Fact]
    public void DateTimeOffset_epoch_seconds_round_trip_to_offset_zero()
    {
        var converter = new DateTimeOffsetToEpochSecondsConverter();
        var value = new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2));
        Assert.Equal(1704164645L, converter.ConvertToProvider(value));
        var read = (DateTimeOffset)converter.ConvertFromProvider(1704164645L)!;
        Assert.Equal(value, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
        Assert.Throws<OverflowException>(() => converter.ConvertFromProvider(long.MinValue));
    }
}
