using System.Globalization;

namespace EFCore.DynamoDb.Storage.ValueConversion.Internal;

/// <summary>
///     Lenient reading of ISO-8601 date-time text written by other tools.
/// </summary>
// Other DynamoDB libraries store dates in their own ISO-8601 variants (PynamoDB uses
// "+0000", others "Z" with milliseconds or none); reading them lets an EF model sit on an existing
// table. Only text shaped like an ISO date (yyyy-MM-dd...) is accepted, so that culture-specific
// forms such as "1/2/2024" are refused rather than guessed at.
internal static class IsoDateTimeText
{
    /// <summary>Parses ISO-8601 text; text without an offset is taken as UTC.</summary>
    public static DateTimeOffset ParseToUtc(string text)
    {
        if (LooksLikeIsoDate(text)
            && DateTimeOffset.TryParse(
                text,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out var parsed))
        {
            return parsed.ToUniversalTime();
        }

        throw new FormatException($"'{text}' is not an ISO-8601 date and time.");
    }

    private static bool LooksLikeIsoDate(string text)
        => text.Length >= 10
            && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3])
            && text[4] == '-' && text[7] == '-';
}
