using System.Text;

namespace EFCore.DynamoDb.Metadata.Internal;

/// <summary>
///     A key attribute's text built from properties, as .NET composite format text: <c>"ORDER#{0:yyyy-MM-dd}#{1}"</c> is the
///     literal <c>ORDER#</c>, the first property as a date, the literal <c>#</c> and the second property. Single-table designs
///     store every entity type's keys in generic attributes (<c>PK</c>, <c>SK</c>) this way, and the text parses back into the
///     properties when an item is read.
/// </summary>
/// <remarks>
///     Holes must be separated by literal text (so that the text splits back into its parts) and each property must appear
///     exactly once; <c>{{</c> and <c>}}</c> are literal braces.
/// </remarks>
internal sealed class DynamoDbKeyTemplate
{
    private DynamoDbKeyTemplate(string text, string[] literals, int[] holes, string?[] formats)
    {
        Text = text;
        Literals = literals;
        Holes = holes;
        Formats = formats;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>The literal texts: before the first hole, between holes, after the last (one more than there are holes).</summary>
    public IReadOnlyList<string> Literals { get; }

    /// <summary>For each hole, in order of appearance, the index of the property it holds.</summary>
    public IReadOnlyList<int> Holes { get; }

    /// <summary>For each hole, its format (<c>yyyy-MM-dd</c>, <c>D10</c>), or null.</summary>
    public IReadOnlyList<string?> Formats { get; }

    /// <summary>The literal text every key of the template starts with.</summary>
    public string Prefix => Literals[0];

    /// <summary>Parses template text; throws <see cref="FormatException" /> saying what is wrong.</summary>
    public static DynamoDbKeyTemplate Parse(string text)
    {
        var literals = new List<string>();
        var holes = new List<int>();
        var formats = new List<string?>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{' || c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                throw new FormatException($"The key template '{text}' has a '}}' with no '{{' before it at position {i}; write '}}}}' for a literal brace.");
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = text.IndexOf('}', i);
            if (end < 0)
            {
                throw new FormatException($"The key template '{text}' has a '{{' with no '}}' after it at position {i}.");
            }

            var hole = text[(i + 1)..end];
            var colon = hole.IndexOf(':');
            var indexText = colon < 0 ? hole : hole[..colon];
            if (!int.TryParse(indexText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                throw new FormatException($"The key template '{text}' has the hole '{{{hole}}}', which does not start with a property number such as {{0}}.");
            }

            if (holes.Count > 0 && literal.Length == 0)
            {
                throw new FormatException(
                    $"The key template '{text}' has two holes with no literal text between them, so its text could not be split back into "
                    + "the properties; put a separator such as '#' between them.");
            }

            literals.Add(literal.ToString());
            literal.Clear();
            holes.Add(index);
            formats.Add(colon < 0 ? null : hole[(colon + 1)..]);
            i = end;
        }

        literals.Add(literal.ToString());
        return new DynamoDbKeyTemplate(text, literals.ToArray(), holes.ToArray(), formats.ToArray());
    }

    /// <summary>The key text for the properties' texts (indexed by property number).</summary>
    public string Format(IReadOnlyList<string> propertyTexts)
    {
        var builder = new StringBuilder(Literals[0]);
        for (var i = 0; i < Holes.Count; i++)
        {
            builder.Append(propertyTexts[Holes[i]]).Append(Literals[i + 1]);
        }

        return builder.ToString();
    }

    /// <summary>
    ///     The texts of the properties (indexed by property number) a key text was built from, or null when the text does not
    ///     have the template's form (an item of another entity type, or written by another tool in another form).
    /// </summary>
    public string[]? TryParse(string keyText)
    {
        if (!keyText.StartsWith(Literals[0], StringComparison.Ordinal))
        {
            return null;
        }

        var texts = new string[Holes.Count == 0 ? 0 : Holes.Max() + 1];
        var position = Literals[0].Length;
        for (var i = 0; i < Holes.Count; i++)
        {
            var following = Literals[i + 1];
            int end;
            if (i == Holes.Count - 1)
            {
                // The last hole runs to the final literal, which must end the text.
                if (!keyText.EndsWith(following, StringComparison.Ordinal) || keyText.Length - following.Length < position)
                {
                    return null;
                }

                end = keyText.Length - following.Length;
            }
            else
            {
                end = keyText.IndexOf(following, position, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }
            }

            texts[Holes[i]] = keyText[position..end];
            position = end + following.Length;
        }

        return Holes.Count == 0 && keyText.Length != Literals[0].Length ? null : texts;
    }

    /// <summary>
    ///     The text every key starts with whose first <paramref name="holeCount" /> holes have these texts, up to and including
    ///     the literal that follows them: <c>ORDER#2024-01-05#</c> for one hole of <c>ORDER#{0:yyyy-MM-dd}#{1}</c>.
    /// </summary>
    public string PrefixThrough(int holeCount, IReadOnlyList<string> propertyTexts)
    {
        var builder = new StringBuilder(Literals[0]);
        for (var i = 0; i < holeCount; i++)
        {
            builder.Append(propertyTexts[Holes[i]]).Append(Literals[i + 1]);
        }

        return builder.ToString();
    }

    /// <summary>The literal text that follows hole <paramref name="hole" /> (empty for the last hole without a suffix).</summary>
    public string LiteralAfter(int hole) => Literals[hole + 1];

    public override string ToString() => Text;
}
