using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Storage.ValueConversion.Internal;

/// <summary>
///     Stores a Guid as lowercase hyphenated text ("D" format); reads any format Guid.Parse accepts.
/// </summary>
// S comparison is byte-wise, so a Guid must always produce the same bytes for keys and conditions to
// match; Guid.ToString() is lower case already, but the format is pinned here rather than assumed.
internal sealed class GuidToLowercaseStringConverter : ValueConverter<Guid, string>
{
    public GuidToLowercaseStringConverter()
        : base(v => ToProvider(v), v => FromProvider(v))
    {
    }

    public static string ToProvider(Guid value) => value.ToString("D");

    public static Guid FromProvider(string text)
        => Guid.TryParse(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a Guid.");
}
