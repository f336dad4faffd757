using EFCore.DynamoDb.Storage.ValueConversion.Internal;

namespace EFCore.DynamoDb.Tests.ValueConversion;

public class TimeSpanConverterTests
{
    private static readonly TimeSpanToSortableStringConverter Converter = new();

    private static string ToProvider(TimeSpan value) => (string)Converter.ConvertToProvider(value)!;

    private static TimeSpan FromProvider(string text) => (TimeSpan)Converter.ConvertFromProvider(text)!;

    [Theory]
    [InlineData(0L, "00000000.00:00:00.0000000")]
    [InlineData(1L, "00000000.00:00:00.0000001")]
    [InlineData(long.MaxValue, "10675199.02:48:05.4775807")]
    [InlineData(-1L, "-10675199.02:48:05.4775807")]
    [InlineData(long.MinValue, "-00000000.00:00:00.0000000")]
    [InlineData(long.MinValue + 1, "-00000000.00:00:00.0000001")]
    public void Values_are_written_in_the_documented_form(long ticks, string expected)
    {
        Assert.Equal(expected, ToProvider(new TimeSpan(ticks)));
        Assert.Equal(new TimeSpan(ticks), FromProvider(expected));
    }

    [Fact]
    public void Non_negative_values_stay_readable()
        => Assert.Equal("00000001.02:03:04.5000000", ToProvider(new TimeSpan(1, 2, 3, 4, 500)));

    [Fact]
    public void Extremes_and_neighbours_round_trip()
    {
        foreach (var value in new[] { TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.Zero, TimeSpan.FromTicks(-1), TimeSpan.FromDays(-3.25), TimeSpan.FromMilliseconds(1) })
        {
            Assert.Equal(value, FromProvider(ToProvider(value)));
        }
    }

    [Theory]
    [InlineData("1.02:03:04", 1, 2, 3, 4)]
    [InlineData("-00:00:05", 0, 0, 0, -5)]
    [InlineData("02:03:04", 0, 2, 3, 4)]
    public void Other_tools_TimeSpan_text_is_read(string stored, int days, int hours, int minutes, int seconds)
        => Assert.Equal(new TimeSpan(days, hours, minutes, seconds), FromProvider(stored));

    [Fact]
    public void Out_of_range_and_invalid_text_is_refused()
    {
        Assert.Throws<OverflowException>(() => FromProvider("99999999.00:00:00.0000000"));
        Assert.Throws<FormatException>(() => FromProvider("00000000.24:00:00.0000000x"));
        Assert.Throws<FormatException>(() => FromProvider("soon"));
    }
}
