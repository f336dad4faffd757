using EFCore.DynamoDb.Storage.ValueConversion.Internal;

namespace EFCore.DynamoDb.Tests.ValueConversion;

public class DateTimeConverterTests
{
    // Through the converter's own expressions, which is how EF uses them.
    private static readonly DateTimeToSortableStringConverter Converter = new();

    private static string ToProvider(DateTime value) => (string)Converter.ConvertToProvider(value)!;

    private static DateTime FromProvider(string text) => (DateTime)Converter.ConvertFromProvider(text)!;

    [Fact]
    public void Utc_values_are_written_fixed_width_with_seven_fraction_digits()
    {
        Assert.Equal("2024-01-02T03:04:05.0000000Z", ToProvider(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
        Assert.Equal("0001-01-01T00:00:00.0000000Z", ToProvider(DateTime.MinValue));
        Assert.Equal("9999-12-31T23:59:59.9999999Z", ToProvider(DateTime.MaxValue));
    }

    [Fact]
    public void Unspecified_values_are_taken_as_utc()
        => Assert.Equal("2024-06-30T12:00:00.0000000Z", ToProvider(new DateTime(2024, 6, 30, 12, 0, 0, DateTimeKind.Unspecified)));

    [Fact]
    public void Local_values_are_converted_to_utc()
    {
        var utc = new DateTime(2024, 6, 30, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(ToProvider(utc), ToProvider(utc.ToLocalTime()));
    }

    [Fact]
    public void Values_read_back_equal_and_with_utc_kind()
    {
        var value = new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(9999999);
        var read = FromProvider(ToProvider(value));
        Assert.Equal(value, read);
        Assert.Equal(DateTimeKind.Utc, read.Kind);
        Assert.Equal(DateTime.MinValue, FromProvider(ToProvider(DateTime.MinValue)));
        Assert.Equal(DateTime.MaxValue, FromProvider(ToProvider(DateTime.MaxValue)));
    }

    [Fact]
    public void PynamoDB_utc_datetime_form_is_read()
    {
        var read = FromProvider("2024-01-02T03:04:05.123456+0000");
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234560), read);
        Assert.Equal(DateTimeKind.Utc, read.Kind);
    }

    [Theory]
    [InlineData("2024-01-02T03:04:05Z", "2024-01-02T03:04:05.0000000Z")]
    [InlineData("2024-01-02T03:04:05.5Z", "2024-01-02T03:04:05.5000000Z")]
    [InlineData("2024-01-02T05:34:05+02:30", "2024-01-02T03:04:05.0000000Z")]
    [InlineData("2024-01-01T22:04:05-05:00", "2024-01-02T03:04:05.0000000Z")]
    [InlineData("2024-01-02T03:04:05", "2024-01-02T03:04:05.0000000Z")]
    [InlineData("2024-01-02", "2024-01-02T00:00:00.0000000Z")]
    public void Other_iso_8601_forms_are_read_as_their_utc_instant(string stored, string expected)
    {
        var read = FromProvider(stored);
        Assert.Equal(DateTimeKind.Utc, read.Kind);
        Assert.Equal(expected, ToProvider(read));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("1/2/2024")]
    [InlineData("2024-13-02T03:04:05Z")]
    public void Text_that_is_not_iso_8601_is_refused(string stored)
        => Assert.Throws<FormatException>(() => FromProvider(stored));
}
