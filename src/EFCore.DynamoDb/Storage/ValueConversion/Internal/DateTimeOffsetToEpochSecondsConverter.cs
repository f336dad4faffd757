using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Storage.ValueConversion.Internal;

/// <summary>
///     Stores a DateTimeOffset as whole seconds since the Unix epoch, the form DynamoDB's TTL requires.
/// </summary>
// As for DateTime: TTL only understands epoch seconds. ToUnixTimeSeconds already rounds toward the
// past; values read back have offset zero.
internal sealed class DateTimeOffsetToEpochSecondsConverter : ValueConverter<DateTimeOffset, long>
{
    public DateTimeOffsetToEpochSecondsConverter()
        : base(v => ToProvider(v), v => FromProvider(v))
    {
    }

    public static long ToProvider(DateTimeOffset value) => value.ToUnixTimeSeconds();

    public static DateTimeOffset FromProvider(long seconds)
    {
        try
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new OverflowException($"{seconds} seconds since the Unix epoch is outside the range of DateTimeOffset.", e);
        }
    }
}
