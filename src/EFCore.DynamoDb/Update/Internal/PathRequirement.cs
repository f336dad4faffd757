using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     What an update's condition requires of a document path it writes inside: that the map there still exists
///     (<see cref="ListSize" /> null), or that the list there still has the elements it was read with (its elements are
///     addressed by position).
/// </summary>
internal readonly record struct PathRequirement(IReadOnlyList<PathSegment> Path, int? ListSize)
{
    /// <summary>The path as DynamoDB writes document paths, for messages: "info.cast", "screenings[0].seat".</summary>
    public string Text => Describe(Path);

    /// <summary>Whether <paramref name="item" /> still meets the requirement.</summary>
    public bool IsMetBy(Dictionary<string, AttributeValue> item)
        => Resolve(item, Path) is { } value && (ListSize is { } size ? value.IsLSet && value.L.Count == size : value.IsMSet);

    /// <summary>The value at <paramref name="path" /> of <paramref name="item" />, or null when there is none.</summary>
    public static AttributeValue? Resolve(Dictionary<string, AttributeValue> item, IReadOnlyList<PathSegment> path)
    {
        AttributeValue? current = null;
        var map = item;
        foreach (var segment in path)
        {
            switch (segment)
            {
                case MapKeySegment key when map != null && map.TryGetValue(key.Name, out var member):
                    current = member;
                    break;
                case ListIndexSegment index when current is { IsLSet: true } list && index.Index < list.L.Count:
                    current = list.L[index.Index];
                    break;
                default:
                    return null;
            }

            map = current.IsMSet ? current.M : null;
        }

        return current;
    }

    public static string Describe(IReadOnlyList<PathSegment> path)
        => string.Concat(path.Select((s, i) => s is MapKeySegment && i > 0 ? "." + s : s.ToString()));
}
