using EFCore.DynamoDb.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EFCore.DynamoDb.Tests.ChangeTracking;

public class DictionaryValueComparerTests
{
    private static ValueComparer<T> For<T>() => (ValueComparer<T>)DynamoDbValueComparers.Create(typeof(T))!;

    [Fact]
    public void Changing_a_value_in_place_is_detected()
    {
        var comparer = For<Dictionary<string, int>>();
        var value = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 };
        var snapshot = comparer.Snapshot(value);
        Assert.NotSame(value, snapshot);
        Assert.True(comparer.Equals(value, snapshot));

        value["a"] = 5;
        Assert.False(comparer.Equals(value, snapshot));
        Assert.Equal(1, snapshot["a"]);
    }

    [Fact]
    public void Adding_and_removing_keys_is_detected()
    {
        var comparer = For<IDictionary<string, string?>>();
        IDictionary<string, string?> value = new Dictionary<string, string?> { ["a"] = null };
        var snapshot = comparer.Snapshot(value);
        Assert.True(comparer.Equals(value, snapshot));

        value["b"] = "x";
        Assert.False(comparer.Equals(value, snapshot));
        value.Remove("b");
        value.Remove("a");
        value["c"] = null;
        Assert.False(comparer.Equals(value, snapshot));
    }

    [Fact]
    public void Key_case_changes_are_detected_even_with_a_case_insensitive_dictionary()
    {
        var comparer = For<Dictionary<string, int>>();
        var value = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["key"] = 1 };
        var snapshot = comparer.Snapshot(value);
        Assert.Same(StringComparer.OrdinalIgnoreCase, snapshot.Comparer);

        value.Remove("key");
        value["KEY"] = 1;
        Assert.False(comparer.Equals(value, snapshot));
    }

    [Fact]
    public void Nested_values_compare_and_snapshot_deeply()
    {
        var comparer = For<IReadOnlyDictionary<string, List<int>>>();
        IReadOnlyDictionary<string, List<int>> value = new Dictionary<string, List<int>> { ["s"] = [1, 2] };
        var snapshot = comparer.Snapshot(value);
        Assert.IsType<Dictionary<string, List<int>>>(snapshot);
        Assert.Equal(comparer.GetHashCode(value), comparer.GetHashCode(snapshot));

        value["s"].Add(3);
        Assert.False(comparer.Equals(value, snapshot));
        Assert.Equal([1, 2], snapshot["s"]);
    }

    [Fact]
    public void Equal_dictionaries_hash_alike_regardless_of_insertion_order()
    {
        var comparer = For<Dictionary<string, int>>();
        var a = new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 };
        var b = new Dictionary<string, int> { ["y"] = 2, ["x"] = 1 };
        Assert.True(comparer.Equals(a, b));
        Assert.Equal(comparer.GetHashCode(a), comparer.GetHashCode(b));
    }
}
