using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EFCore.DynamoDb.ChangeTracking.Internal;

/// <summary>
///     Deep comparison of arrays and lists, so that EF notices in-place changes such as
///     <c>entity.Scores[0] = 3</c>.
/// </summary>
// EF detects changes by comparing the current value with a snapshot. With reference equality and a
// shared instance as "snapshot", mutating the list in place would never be noticed; so equality is
// element by element (deep for nested collections, via the element comparer) and the snapshot is a
// new list of element snapshots, of a type assignable to the property.
internal sealed class ListValueComparer<TList, TElement> : ValueComparer<TList>
    where TList : class, IEnumerable<TElement>
{
    public ListValueComparer(ValueComparer<TElement> elementComparer)
        : base(
            (a, b) => AreEqual(a, b, elementComparer),
            v => ComputeHash(v, elementComparer),
            v => Snapshot(v, elementComparer))
    {
        ElementComparer = elementComparer;
    }

    public ValueComparer<TElement> ElementComparer { get; }

    private static bool AreEqual(TList? a, TList? b, ValueComparer<TElement> elementComparer)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        if (a.TryGetNonEnumeratedCount(out var countA) && b.TryGetNonEnumeratedCount(out var countB) && countA != countB)
        {
            return false;
        }

        using var enumeratorA = a.GetEnumerator();
        using var enumeratorB = b.GetEnumerator();
        while (true)
        {
            var hasA = enumeratorA.MoveNext();
            var hasB = enumeratorB.MoveNext();
            if (hasA != hasB)
            {
                return false;
            }

            if (!hasA)
            {
                return true;
            }

            if (!ElementValueComparison.AreEqual(enumeratorA.Current, enumeratorB.Current, elementComparer))
            {
                return false;
            }
        }
    }

    private static int ComputeHash(TList value, ValueComparer<TElement> elementComparer)
    {
        var hash = new HashCode();
        foreach (var element in value)
        {
            hash.Add(ElementValueComparison.GetHashCode(element, elementComparer));
        }

        return hash.ToHashCode();
    }

    private static TList Snapshot(TList value, ValueComparer<TElement> elementComparer)
    {
        // Arrays stay arrays (an int[] property needs an int[]); every other supported shape
        // (List<T> and the list interfaces) accepts a List<T>.
        if (value is TElement[] array)
        {
            var copy = new TElement[array.Length];
            for (var i = 0; i < array.Length; i++)
            {
                copy[i] = ElementValueComparison.Snapshot(array[i], elementComparer);
            }

            return (TList)(object)copy;
        }

        var list = value.TryGetNonEnumeratedCount(out var count) ? new List<TElement>(count) : [];
        foreach (var element in value)
        {
            list.Add(ElementValueComparison.Snapshot(element, elementComparer));
        }

        return (TList)(object)list;
    }
}
