using EFCore.DynamoDb.Storage.Internal.Codecs;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;

namespace EFCore.DynamoDb.Tests.ValueConversion;

/// <summary>Configured date and time formats (HasDateTimeFormat): what they write and read, what sorts, what they refuse.</summary>
public class DateTimeFormatTests
{
    private const string Milliseconds = "yyyy-MM-ddTHH:mm:ss.fffZ";
    private const string Pynamo = "yyyy-MM-ddTHH:mm:ss.ffffff'+0000'";

    private static readonly DateTime Instant = new(2026, 11, 28, 16, 28, 34, 252, DateTimeKind.Utc);

    private static DateTimeToFormattedStringConverter Converter(string format) => new(DateTimeTextFormat.Get(format));

    private static string ToProvider(string format, DateTime value) => (string)Converter(format).ConvertToProvider(value)!;

    private static DateTime FromProvider(string format, string text) => (DateTime)Converter(format).ConvertFromProvider(text)!;

    [Fact]
    public void DynamoDBContext_and_PynamoDB_forms_are_written_exactly()
    {
        Assert.Equal("2026-11-28T16:28:34.252Z", ToProvider(Milliseconds, Instant));
        Assert.Equal("2026-11-28T16:28:34.252000+0000", ToProvider(Pynamo, Instant));

        // Local values are converted, Unspecified ones taken as UTC, as with the default form.
        Assert.Equal("2026-11-28T16:28:34.252Z", ToProvider(Milliseconds, Instant.ToLocalTime()));
        Assert.Equal("2026-11-28T16:28:34.252Z", ToProvider(Milliseconds, DateTime.SpecifyKind(Instant, DateTimeKind.Unspecified)));
    }

    [Fact]
    public void The_format_is_read_back_exactly_and_any_iso_text_leniently()
    {
        var read = FromProvider(Milliseconds, "2026-11-28T16:28:34.252Z");
        Assert.Equal(Instant, read);
        Assert.Equal(DateTimeKind.Utc, read.Kind);

        Assert.Equal(Instant, FromProvider(Pynamo, "2026-11-28T16:28:34.252000+0000"));
        Assert.Equal(Instant, FromProvider(Milliseconds, "2026-11-28T16:28:34.2520000Z"));
        Assert.Equal(Instant, FromProvider(Milliseconds, "2026-11-28T17:28:34.252+01:00"));
        Assert.Equal(DateTimeKind.Utc, FromProvider(Milliseconds, "2026-11-28T17:28:34.252+01:00").Kind);
        Assert.Throws<FormatException>(() => FromProvider(Milliseconds, "28/11/2026"));
    }

    [Fact]
    public void A_value_with_more_precision_than_the_format_is_refused_not_cut()
    {
        var fine = Instant.AddTicks(1234);
        var e = Assert.Throws<UnstorableValueException>(() => ToProvider(Milliseconds, fine));
        Assert.Contains("'yyyy-MM-ddTHH:mm:ss.fffZ' holds it only as '2026-11-28T16:28:34.252Z'", e.Message);
        Assert.Contains("2026-11-28T16:28:34.2520000Z when read back", e.Message);
        Assert.Contains("truncate it", e.Message);

        // A format without seconds refuses values with seconds.
        Assert.Throws<UnstorableValueException>(() => ToProvider("yyyy-MM-ddTHH:mmZ", Instant));
        Assert.Equal("2026-11-28T16:28Z", ToProvider("yyyy-MM-ddTHH:mmZ", new DateTime(2026, 11, 28, 16, 28, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("yyyy-MM-ddTHH:mm:ss.fffZ", true)]
    [InlineData("yyyy-MM-ddTHH:mm:ss.fffffff'Z'", true)]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.ffffff'+0000'", true)]
    [InlineData("yyyyMMddHHmmss", true)]
    [InlineData("yyyy-MM-dd", true)]
    [InlineData("yyyy-MM-ddTHH:mm:ss.FFFZ", false)]
    [InlineData("dd/MM/yyyy HH:mm", false)]
    [InlineData("yyyy-M-d H:m:s", false)]
    [InlineData("yyyy-MM-dd hh:mm:ss tt", false)]
    [InlineData("yy-MM-dd", false)]
    [InlineData("yyyy-MMM-dd", false)]
    public void Only_fixed_width_year_to_fraction_formats_sort_like_time(string format, bool sortable)
    {
        var textFormat = DateTimeTextFormat.Get(format);
        Assert.Equal(sortable, textFormat.IsSortable);
        Assert.Equal(sortable, textFormat.UnsortableReason == null);
    }

    [Fact]
    public void Sortable_text_orders_like_time()
    {
        var format = DateTimeTextFormat.Get(Milliseconds);
        DateTime[] values =
        [
            new(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), new(999, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc), Instant,
            Instant.AddMilliseconds(1), Instant.AddSeconds(1), Instant.AddMilliseconds(-1), new(9999, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc),
        ];
        var byText = values.OrderBy(format.Write, StringComparer.Ordinal).ToList();
        Assert.Equal(values.Order(), byText);
    }

    [Fact]
    public void The_floor_of_a_finer_value_is_the_greatest_value_the_format_holds_below_it()
    {
        var format = DateTimeTextFormat.Get(Milliseconds);
        Assert.True(format.TryFloor(Instant.AddTicks(9999), out var below));
        Assert.Equal(Instant, below);
        Assert.False(DateTimeTextFormat.Get("yyyy-MM-ddTHH:mm:ss.FFFZ").TryFloor(Instant.AddTicks(1), out _));
    }

    [Theory]
    [InlineData("yyyy-MM-ddTHH:mm:ss.fffzzz")]
    [InlineData("yyyy-MM-ddTHH:mm:ss.fffK")]
    public void Offset_specifiers_are_refused_because_values_are_stored_as_utc(string format)
        => Assert.Contains("offset specifier", Assert.Throws<ArgumentException>(() => DateTimeTextFormat.Get(format)).Message);

    [Fact]
    public void A_format_that_cannot_be_read_back_is_refused()
        => Assert.Contains("cannot be read back", Assert.Throws<ArgumentException>(() => DateTimeTextFormat.Get("dddd")).Message);

    [Fact]
    public void DateTimeOffsets_are_stored_as_their_utc_instant_in_the_format()
    {
        var converter = new DateTimeOffsetToFormattedStringConverter(DateTimeTextFormat.Get(Milliseconds));
        var value = new DateTimeOffset(2026, 11, 28, 18, 28, 34, 252, TimeSpan.FromHours(2));
        Assert.Equal("2026-11-28T16:28:34.252Z", converter.ConvertToProvider(value));
        var read = (DateTimeOffset)converter.ConvertFromProvider("2026-11-28T16:28:34.252Z")!;
        Assert.Equal(value, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
        Assert.Throws<UnstorableValueException>(() => converter.ConvertToProvider(value.AddTicks(1)));
    }
}
