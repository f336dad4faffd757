using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Storage.ValueConversion.Internal;

/// <summary>
///     Stores a DateTime as whole seconds since the Unix epoch (UTC), the form DynamoDB's TTL requires.
/// </summary>
// DynamoDB's time-to-live reads an N attribute of epoch seconds and ignores anything else, so TTL
// properties need this instead of the sortable text form. Sub-second parts are dropped (rounding
// toward the past, so an item never outlives its stated expiry); values read back have Kind Utc.
internal sealed class DateTimeToEpochSecondsConverter : ValueConverter<DateTime, long>
{
    private static readonly long MinSeconds = FloorSeconds(DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks);
    private static readonly long MaxSeconds = FloorSeconds(DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks);

    public DateTimeToEpochSecondsConverter()
        : base(v => ToProvider(v), v => FromProvider(v))
    {
    }

    public static long ToProvider(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return FloorSeconds(utc.Ticks - DateTime.UnixEpoch.Ticks);
    }

    public static DateTime FromProvider(long seconds)
    {
        if (seconds < MinSeconds || seconds > MaxSeconds)
        {
            throw new OverflowException($"{seconds} seconds since the Unix epoch is outside the range of DateTime.");
        }

        return new DateTime(DateTime.UnixEpoch.Ticks + seconds * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    private static long FloorSeconds(long ticks)
    {
        var seconds = ticks / TimeSpan.TicksPerSecond;
        return ticks % TimeSpan.TicksPerSecond < 0 ? seconds - 1 : seconds;
    }
}
