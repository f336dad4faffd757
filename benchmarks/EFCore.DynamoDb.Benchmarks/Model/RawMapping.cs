using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Benchmarks.Model;

/// <summary>
///     Hand-written mapping between <see cref="ForumThread" /> and DynamoDB items: what a careful developer
///     writes against the raw SDK, and the baseline's best case (no reflection, no metadata, presized maps).
/// </summary>
public static class RawMapping
{
    /// <summary>The provider's DateTime text format (ISO-8601 UTC, 7 fraction digits).</summary>
    public const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static Dictionary<string, AttributeValue> ToItem(ForumThread thread)
        => new(7)
        {
            ["ForumName"] = new AttributeValue { S = thread.ForumName },
            ["Subject"] = new AttributeValue { S = thread.Subject },
            ["Views"] = new AttributeValue { N = thread.Views.ToString(CultureInfo.InvariantCulture) },
            ["Replies"] = new AttributeValue { N = thread.Replies.ToString(CultureInfo.InvariantCulture) },
            ["Tags"] = new AttributeValue { SS = [.. thread.Tags] },
            ["LastPostDateTime"] = new AttributeValue { S = FormatDate(thread.LastPostDateTime) },
            ["Message"] = new AttributeValue { S = thread.Message },
        };

    public static ForumThread FromItem(Dictionary<string, AttributeValue> item)
        => new()
        {
            ForumName = item["ForumName"].S,
            Subject = item["Subject"].S,
            Views = int.Parse(item["Views"].N, NumberStyles.Integer, CultureInfo.InvariantCulture),
            Replies = int.Parse(item["Replies"].N, NumberStyles.Integer, CultureInfo.InvariantCulture),
            Tags = new HashSet<string>(item["Tags"].SS, StringComparer.Ordinal),
            LastPostDateTime = ParseDate(item["LastPostDateTime"].S),
            Message = item["Message"].S,
        };

    public static List<ForumThread> FromItems(List<Dictionary<string, AttributeValue>>? items, List<ForumThread>? into = null)
    {
        into ??= new List<ForumThread>(items?.Count ?? 0);
        if (items != null)
        {
            foreach (var item in items)
            {
                into.Add(FromItem(item));
            }
        }

        return into;
    }

    public static Dictionary<string, AttributeValue> Key(string forumName, string subject)
        => new(2)
        {
            ["ForumName"] = new AttributeValue { S = forumName },
            ["Subject"] = new AttributeValue { S = subject },
        };

    public static string FormatDate(DateTime value)
        => value.ToUniversalTime().ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateTime ParseDate(string text)
        => DateTime.ParseExact(text, DateFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
