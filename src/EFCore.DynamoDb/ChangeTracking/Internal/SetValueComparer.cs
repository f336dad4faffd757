using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EFCore.DynamoDb.ChangeTracking.Internal;

/// <summary>
///     Order-insensitive deep comparison of sets, so that EF notices <c>entity.Tags.Add("x")</c>.
/// </summary>
// The snapshot is a new set of the same concrete kind (keeping the application's comparer, e.g. a
// case-insensitive HashSet<string>), so it stays assignable to the property and behaves like it.
internal sealed class SetValueComparer<TSet, TElement> : ValueComparer<TSet>
    where TSet : class, IEnumerable<TElement>
{
    public SetValueComparer(ValueComparer<TElement> elementComparer)
        : base(
            (a, b) => AreEqual(a, b, elementComparer),
            v => ComputeHash(v, elementComparer),
            v => Snapshot(v, elementComparer))
    {
        ElementComparer = elementComparer;
    }

    public ValueComparer<TElement> ElementComparer { get; }

    private static bool AreEqual(TSet? a, TSet? b, ValueComparer<TElement> elementComparer)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        return new HashSet<TElement>(a, new NullSafeEqualityComparer<TElement>(elementComparer)).SetEquals(b);
    }

    private static int ComputeHash(TSet value, ValueComparer<TElement> elementComparer)
    {
        // A sum does not depend on enumeration order, which differs between equal sets.
        var hash = 0;
        foreach (var element in value)
        {
            hash = unchecked(hash + ElementValueComparison.GetHashCode(element, elementComparer));
        }

        return hash;
    }

    private static TSet Snapshot(TSet value, ValueComparer<TElement> elementComparer)
    {
        ISet<TElement> copy = value switch
        {
            SortedSet<TElement> sorted => new SortedSet<TElement>(sorted.Comparer),
            HashSet<TElement> hashSet => new HashSet<TElement>(hashSet.Count, hashSet.Comparer),
            _ when typeof(TSet) == typeof(SortedSet<TElement>) => new SortedSet<TElement>(),
            _ => CreateHashSet(),
        };

        foreach (var element in value)
        {
            copy.Add(ElementValueComparison.Snapshot(element, elementComparer));
        }

        return (TSet)copy;
    }

    // Same default as the sets the codecs create when reading, so byte[] members compare by content.
    private static HashSet<TElement> CreateHashSet()
        => typeof(TElement) == typeof(byte[])
            ? new HashSet<TElement>((IEqualityComparer<TElement>)(object)ByteArrayComparer.Instance)
            : new HashSet<TElement>();
}
