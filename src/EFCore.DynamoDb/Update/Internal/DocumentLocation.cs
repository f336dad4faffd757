using EFCore.DynamoDb.Query.Internal.Filters;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     Where an update writes: the item itself, a nested map holding an owned or complex object, or an element of an owned
///     collection; and what the item must still hold for a write inside it to land where it was meant to (DynamoDB refuses
///     a document path through a missing map as invalid, and addresses list elements by position).
/// </summary>
internal sealed class DocumentLocation
{
    private DocumentLocation(IReadOnlyList<PathSegment> path, string display, DocumentLocation? parent, PathRequirement? requirement)
    {
        Path = path;
        Display = display;
        Parent = parent;
        Requirement = requirement;
    }

    /// <summary>The item: writing a top-level attribute requires nothing beyond the item's existence.</summary>
    public static DocumentLocation Item { get; } = new([], "", null, null);

    /// <summary>The document path of this location (empty for the item).</summary>
    public IReadOnlyList<PathSegment> Path { get; }

    /// <summary>The CLR path of the object stored here, for messages ("Screenings[1].Seat"; "" for the item).</summary>
    public string Display { get; }

    public DocumentLocation? Parent { get; }

    /// <summary>What the item must hold for a write inside this location; null when the parent's requirements suffice.</summary>
    public PathRequirement? Requirement { get; }

    public bool IsItem => Path.Count == 0;

    /// <summary>The document path of the attribute <paramref name="name" /> stored here.</summary>
    public IReadOnlyList<PathSegment> Member(string name) => [.. Path, new MapKeySegment(name)];

    /// <summary>The map stored under <paramref name="name" />: writing inside it requires it to exist.</summary>
    public DocumentLocation Map(string name, string display)
    {
        var path = Member(name);
        return new DocumentLocation(path, Join(display), this, new PathRequirement(path, null));
    }

    /// <summary>
    ///     The element at <paramref name="index" /> of the list under <paramref name="name" />, which was read with
    ///     <paramref name="size" /> elements: writing inside it requires the list to still have that many, so that position
    ///     <paramref name="index" /> still holds the element read there (unless another writer replaced or reordered elements,
    ///     which only a concurrency token of the item detects).
    /// </summary>
    public DocumentLocation Element(string name, string display, int index, int size)
    {
        var list = Member(name);
        return new DocumentLocation([.. list, new ListIndexSegment(index)], $"{Join(display)}[{index}]", this, new PathRequirement(list, size));
    }

    /// <summary>The CLR path of the member <paramref name="display" /> of the object stored here, for messages.</summary>
    public string Join(string display) => Display.Length == 0 ? display : Display + "." + display;
}
