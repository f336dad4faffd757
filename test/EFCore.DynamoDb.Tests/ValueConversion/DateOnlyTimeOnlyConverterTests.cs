using EFCore.DynamoDb.Storage.ValueConversion.Internal;

namespace EFCore.DynamoDb.Tests.ValueConversion;

public class DateOnlyTimeOnlyConverterTests
{
    private static readonly DateOnlyToSortableStringConverter Dates = new();
    private static readonly TimeOnlyToSortableStringConverter Times = new();

    [Fact]
    public void Dates_are_yyyy_MM_dd_and_round_trip()
    {
        Assert.Equal("0001-01-01", Dates.ConvertToProvider(DateOnly.MinValue));
        Assert.Equal("9999-12-31", Dates.ConvertToProvider(DateOnly.MaxValue));
        Assert.Equal("2024-02-29", Dates.ConvertToProvider(new DateOnly(2024, 2, 29)));
        Assert.Equal(new DateOnly(2024, 2, 29), Dates.ConvertFromProvider("2024-02-29"));
        Assert.Throws<FormatException>(() => Dates.ConvertFromProvider("2024-2-29"));
    }

    [Fact]
    public void Times_are_fixed_width_with_seven_fraction_digits_and_round_trip()
    {
        Assert.Equal("00:00:00.0000000", Times.ConvertToProvider(TimeOnly.MinValue));
        Assert.Equal("23:59:59.9999999", Times.ConvertToProvider(TimeOnly.MaxValue));
        Assert.Equal(TimeOnly.MaxValue, Times.ConvertFromProvider("23:59:59.9999999"));
        Assert.Equal(new TimeOnly(7, 5, 3, 120), Times.ConvertFromProvider(Times.ConvertToProvider(new TimeOnly(7, 5, 3, 120))));
    }

    [Theory]
    [InlineData("12:30", 12, 30, 0)]
    [InlineData("12:30:05", 12, 30, 5)]
    [InlineData("12:30:05.5", 12, 30, 5)]
    public void Shorter_time_forms_are_read(string stored, int hour, int minute, int second)
    {
        var read = (TimeOnly)Times.ConvertFromProvider(stored)!;
        Assert.Equal((hour, minute, second), (read.Hour, read.Minute, read.Second));
    }

    [Fact]
    public void Invalid_times_are_refused()
        => Assert.Throws<FormatException>(() => Times.ConvertFromProvider("25:00:00.0000000"));
}
