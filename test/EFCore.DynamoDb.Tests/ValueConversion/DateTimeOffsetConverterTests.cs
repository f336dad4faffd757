using EFCore.DynamoDb.Storage.ValueConversion.Internal;

namespace EFCore.DynamoDb.Tests.ValueConversion;

public class DateTimeOffsetConverterTests
{
    private static readonly DateTimeOffsetToSortableStringConverter Converter = new();

    private static string ToProvider(DateTimeOffset value) => (string)Converter.ConvertToProvider(value)!;

    private static DateTimeOffset FromProvider(string text) => (DateTimeOffset)Converter.ConvertFromProvider(text)!;

    [Fact]
    public void Values_are_normalized_to_the_utc_instant()
    {
        var value = new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)).AddTicks(1);
        Assert.Equal("2024-01-02T03:04:05.0000001+00:00", ToProvider(value));
        var read = FromProvider(ToProvider(value));
        Assert.Equal(value, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }

    [Fact]
    public void Equal_instants_with_different_offsets_store_the_same_text()
        => Assert.Equal(
            ToProvider(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)),
            ToProvider(new DateTimeOffset(2024, 1, 1, 18, 4, 5, TimeSpan.FromHours(-9))));

    [Fact]
    public void Extremes_round_trip()
    {
        Assert.Equal("0001-01-01T00:00:00.0000000+00:00", ToProvider(DateTimeOffset.MinValue));
        Assert.Equal("9999-12-31T23:59:59.9999999+00:00", ToProvider(DateTimeOffset.MaxValue));
        Assert.Equal(DateTimeOffset.MinValue, FromProvider(ToProvider(DateTimeOffset.MinValue)));
        Assert.Equal(DateTimeOffset.MaxValue, FromProvider(ToProvider(DateTimeOffset.MaxValue)));
    }

    [Theory]
    [InlineData("2024-01-02T05:04:05+02:00")]
    [InlineData("2024-01-02T03:04:05Z")]
    [InlineData("2024-01-02T03:04:05.000+0000")]
    [InlineData("2024-01-01T22:04:05.0000000-05:00")]
    public void Any_iso_8601_offset_is_read(string stored)
    {
        var read = FromProvider(stored);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }

    [Fact]
    public void Garbage_is_refused()
        => Assert.Throws<FormatException>(() => FromProvider("not a date"));
}
