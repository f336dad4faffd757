using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EFCore.DynamoDb.ChangeTracking.Internal;

/// <summary>
///     Null-safe use of an element comparer by the collection comparers.
/// </summary>
// Collections may hold nulls (List<int?>, List<string?>), but a ValueComparer's typed members are
// not guaranteed to accept null, so every element goes through these guards.
internal static class ElementValueComparison
{
    public static bool AreEqual<T>(T x, T y, ValueComparer<T> comparer)
        => x is null ? y is null : y is not null && comparer.Equals(x, y);

    public static int GetHashCode<T>(T value, ValueComparer<T> comparer)
        => value is null ? 0 : comparer.GetHashCode(value);

    public static T Snapshot<T>(T value, ValueComparer<T> comparer)
        => value is null ? value : comparer.Snapshot(value);
}
