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

    /// <summary>
    ///     Whether the element comparer is EF's default one for strings (ordinal equality, a snapshot is the string itself): then
    ///     two HashSets that both compare ordinally are compared, and copied, as they are, without a new set per comparison. EF
    ///     compares every tracked set with its snapshot on each DetectChanges, so this runs for every entity of a save.
    /// </summary>
    private static bool IsDefaultStringComparer(ValueComparer<TElement> elementComparer)
        => typeof(TElement) == typeof(string) && elementComparer.GetType() == DefaultStringComparerType;

    private static readonly Type DefaultStringComparerType = ValueComparer.CreateDefault(typeof(string), favorStructuralComparisons: false).GetType();

    /// <summary>Whether the set's equality is ordinal (the default string comparer, or <see cref="StringComparer.Ordinal" />).</summary>
    private static bool IsOrdinal(HashSet<TElement> set)
        => ReferenceEquals(set.Comparer, EqualityComparer<string>.Default) || ReferenceEquals(set.Comparer, StringComparer.Ordinal);

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

        if (a is HashSet<TElement> setA && b is HashSet<TElement> setB && IsDefaultStringComparer(elementComparer) && IsOrdinal(setA)
            && IsOrdinal(setB))
        {
            // The same question as below, asked of the sets themselves: both already compare their members as the element comparer does.
            return setA.SetEquals(setB);
        }

        return new HashSet<TElement>(a, new NullSafeEqualityComparer<TElement>(elementComparer)).SetEquals(b);
    }

    private static int ComputeHash(TSet value, ValueComparer<TElement> elementComparer)
    {
        // A sum does not depend on enumeration order, which differs between equal sets.
        var hash = 0;
        if (value is HashSet<TElement> hashSet)
        {
            // Enumerated as itself, its enumerator is not boxed.
            foreach (var element in hashSet)
            {
                hash = unchecked(hash + ElementValueComparison.GetHashCode(element, elementComparer));
            }

            return hash;
        }

        foreach (var element in value)
        {
            hash = unchecked(hash + ElementValueComparison.GetHashCode(element, elementComparer));
        }

        return hash;
    }

    private static TSet Snapshot(TSet value, ValueComparer<TElement> elementComparer)
    {
        if (value is HashSet<TElement> strings && IsDefaultStringComparer(elementComparer))
        {
            // Strings are immutable (their snapshot is themselves): copy the set whole, with its comparer, as below.
            return (TSet)(object)new HashSet<TElement>(strings, strings.Comparer);
        }

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
