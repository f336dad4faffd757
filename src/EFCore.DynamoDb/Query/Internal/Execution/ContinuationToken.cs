using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     Where a paged query resumes: which request of the plan and the key to start after. Serialized as URL-safe base64 of a
///     small JSON document, so it can travel in a query string; it reveals key values, as DynamoDB's own LastEvaluatedKey does.
/// </summary>
/// <remarks>
///     <see cref="Source" /> is a digest of what the positions are positions in (operation, table, index, number of segments or
///     partitions): a token given to another query is refused, since a Scan's position read as a parallel Scan's (or a parallel
///     Scan's read with another segment count) would silently restart the query and return its items twice.
/// </remarks>
internal sealed record ContinuationToken(
    int Segment,
    Dictionary<string, AttributeValue>? ExclusiveStartKey,
    IReadOnlyList<SegmentPosition>? Segments = null)
{
    // 2: tokens say which read they resume (Source); tokens of version 1 are refused rather than guessed at.
    private const int Version = 2;

    /// <summary>The digest of the read the token resumes, set when it is encoded or decoded.</summary>
    public string? Source { get; init; }

    public string Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", Version);
            writer.WriteNumber("s", Segment);
            writer.WriteString("q", Source);
            if (ExclusiveStartKey != null)
            {
                WriteKey(writer, "k", ExclusiveStartKey);
            }

            if (Segments != null)
            {
                // A parallel Scan: each segment's position, done (true) or the key to start after (null: from its start).
                writer.WriteStartArray("p");
                foreach (var position in Segments)
                {
                    if (position.Done)
                    {
                        writer.WriteBooleanValue(true);
                    }
                    else if (position.StartKey == null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        WriteKey(writer, null, position.StartKey);
                    }
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(stream.ToArray());
    }

    private static void WriteKey(Utf8JsonWriter writer, string? propertyName, Dictionary<string, AttributeValue> key)
    {
        if (propertyName == null)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartObject(propertyName);
        }

        foreach (var (name, value) in key)
        {
            writer.WriteStartObject(name);
            if (value.S != null)
            {
                writer.WriteString("S", value.S);
            }
            else if (value.N != null)
            {
                writer.WriteString("N", value.N);
            }
            else if (value.B != null)
            {
                writer.WriteString("B", Convert.ToBase64String(value.B.ToArray()));
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static ContinuationToken Decode(string token)
    {
        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(token));
            var root = document.RootElement;
            if (root.GetProperty("v").GetInt32() != Version)
            {
                throw new FormatException("unknown version");
            }

            var key = root.TryGetProperty("k", out var keyElement) ? ReadKey(keyElement) : null;
            List<SegmentPosition>? segments = null;
            if (root.TryGetProperty("p", out var segmentsElement))
            {
                segments = segmentsElement.EnumerateArray()
                    .Select(e => e.ValueKind switch
                    {
                        JsonValueKind.True => SegmentPosition.Finished,
                        JsonValueKind.Null => SegmentPosition.Start,
                        JsonValueKind.Object => new SegmentPosition(false, ReadKey(e)),
                        _ => throw new FormatException("unknown segment position"),
                    })
                    .ToList();
            }

            return new ContinuationToken(root.GetProperty("s").GetInt32(), key, segments) { Source = root.GetProperty("q").GetString() };
        }
        catch (Exception exception) when (exception is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ArgumentException(
                "The continuation token is not one ToPageAsync returned (it may have been altered or truncated).", nameof(token), exception);
        }
    }

    private static Dictionary<string, AttributeValue> ReadKey(JsonElement element)
    {
        var key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var attribute in element.EnumerateObject())
        {
            var typed = attribute.Value.EnumerateObject().Single();
            key[attribute.Name] = typed.Name switch
            {
                "S" => new AttributeValue { S = typed.Value.GetString() },
                "N" => new AttributeValue { N = typed.Value.GetString() },
                "B" => new AttributeValue { B = new MemoryStream(Convert.FromBase64String(typed.Value.GetString()!)) },
                _ => throw new FormatException("unknown attribute type " + typed.Name),
            };
        }

        return key;
    }

    public override string ToString() => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(Encode()));
}
