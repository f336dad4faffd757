using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EFCore.DynamoDb.ChangeTracking.Internal;

/// <summary>
///     Adapts an element <see cref="ValueComparer{T}" /> for use as a HashSet's comparer, null-safely.
/// </summary>
// Set equality must follow the element comparer (content equality for byte[], the stored meaning),
// not whatever comparer the application's own HashSet was created with.
internal sealed class NullSafeEqualityComparer<T> : IEqualityComparer<T>
{
    private readonly ValueComparer<T> _comparer;

    public NullSafeEqualityComparer(ValueComparer<T> comparer)
    {
        _comparer = comparer;
    }

    public bool Equals(T? x, T? y) => ElementValueComparison.AreEqual<T>(x!, y!, _comparer);

    public int GetHashCode(T obj) => ElementValueComparison.GetHashCode(obj, _comparer);
}
