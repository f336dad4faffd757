using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EFCore.DynamoDb.ChangeTracking.Internal;

/// <summary>
///     Deep comparison of string-keyed dictionaries, so that EF notices <c>entity.Attributes["k"] = v</c>.
/// </summary>
// Keys are compared ordinally, as DynamoDB compares map keys, whatever comparer the application's
// dictionary uses; values go through the value comparer, so nested collections compare deeply.
internal sealed class DictionaryValueComparer<TDictionary, TValue> : ValueComparer<TDictionary>
    where TDictionary : class, IEnumerable<KeyValuePair<string, TValue>>
{
    public DictionaryValueComparer(ValueComparer<TValue> valueComparer)
        : base(
            (a, b) => AreEqual(a, b, valueComparer),
            v => ComputeHash(v, valueComparer),
            v => Snapshot(v, valueComparer))
    {
        ValueComparer = valueComparer;
    }

    public ValueComparer<TValue> ValueComparer { get; }

    private static bool AreEqual(TDictionary? a, TDictionary? b, ValueComparer<TValue> valueComparer)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        var lookup = AsOrdinalLookup(b);
        if (Count(a) != lookup.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!lookup.TryGetValue(key, out var other) || !ElementValueComparison.AreEqual(value, other, valueComparer))
            {
                return false;
            }
        }

        return true;
    }

    private static IReadOnlyDictionary<string, TValue> AsOrdinalLookup(TDictionary dictionary)
        => dictionary is Dictionary<string, TValue> concrete
            && (concrete.Comparer == EqualityComparer<string>.Default || concrete.Comparer == StringComparer.Ordinal)
                ? concrete
                : new Dictionary<string, TValue>(dictionary, StringComparer.Ordinal);

    private static int Count(TDictionary dictionary)
        => dictionary.TryGetNonEnumeratedCount(out var count) ? count : dictionary.Count();

    private static int ComputeHash(TDictionary value, ValueComparer<TValue> valueComparer)
    {
        // A sum does not depend on enumeration order, which differs between equal dictionaries.
        var hash = 0;
        foreach (var (key, entryValue) in value)
        {
            hash = unchecked(hash + HashCode.Combine(
                StringComparer.Ordinal.GetHashCode(key),
                ElementValueComparison.GetHashCode(entryValue, valueComparer)));
        }

        return hash;
    }

    private static TDictionary Snapshot(TDictionary value, ValueComparer<TValue> valueComparer)
    {
        // Keep the application's key comparer so the snapshot looks up keys as the original does.
        var copy = value is Dictionary<string, TValue> concrete
            ? new Dictionary<string, TValue>(concrete.Count, concrete.Comparer)
            : new Dictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var (key, entryValue) in value)
        {
            copy[key] = ElementValueComparison.Snapshot(entryValue, valueComparer);
        }

        return (TDictionary)(object)copy;
    }
}
