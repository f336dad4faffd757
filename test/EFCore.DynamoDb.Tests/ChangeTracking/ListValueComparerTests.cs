using EFCore.DynamoDb.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EFCore.DynamoDb.Tests.ChangeTracking;

public class ListValueComparerTests
{
    private static ValueComparer<T> For<T>() => (ValueComparer<T>)DynamoDbValueComparers.Create(typeof(T))!;

    [Fact]
    public void Assigning_an_array_element_in_place_is_detected()
    {
        var comparer = For<int[]>();
        var scores = new[] { 1, 2 };
        var snapshot = comparer.Snapshot(scores);
        Assert.IsType<int[]>(snapshot);
        Assert.NotSame(scores, snapshot);
        Assert.True(comparer.Equals(scores, snapshot));

        scores[0] = 3;
        Assert.False(comparer.Equals(scores, snapshot));
        Assert.Equal(1, snapshot[0]);
    }

    [Fact]
    public void List_changes_in_place_are_detected()
    {
        var comparer = For<List<string>>();
        var names = new List<string> { "a", "b" };
        var snapshot = comparer.Snapshot(names);

        names.Reverse();
        Assert.False(comparer.Equals(names, snapshot));
        names.Reverse();
        Assert.True(comparer.Equals(names, snapshot));
        names.Add("b");
        Assert.False(comparer.Equals(names, snapshot));
    }

    [Fact]
    public void Nested_lists_compare_and_snapshot_deeply()
    {
        var comparer = For<List<List<int>>>();
        var value = new List<List<int>> { new() { 1 }, new() { 2, 3 } };
        var snapshot = comparer.Snapshot(value);
        Assert.NotSame(value[1], snapshot[1]);
        Assert.True(comparer.Equals(value, snapshot));
        Assert.Equal(comparer.GetHashCode(value), comparer.GetHashCode(snapshot));

        value[1][0] = 9;
        Assert.False(comparer.Equals(value, snapshot));
        Assert.Equal(2, snapshot[1][0]);
    }

    [Fact]
    public void Lists_with_nulls_compare_correctly()
    {
        var comparer = For<List<int?>>();
        var value = new List<int?> { 1, null };
        var snapshot = comparer.Snapshot(value);
        Assert.True(comparer.Equals(value, snapshot));
        value[1] = 0;
        Assert.False(comparer.Equals(value, snapshot));

        var strings = For<string?[]>();
        Assert.True(strings.Equals([null, "a"], [null, "a"]));
        Assert.False(strings.Equals([null, "a"], ["a", null]));
        Assert.Equal(strings.GetHashCode([null, "a"]), strings.GetHashCode([null, "a"]));
    }

    [Fact]
    public void Byte_array_elements_are_compared_by_content_and_copied()
    {
        var comparer = For<List<byte[]>>();
        var value = new List<byte[]> { new byte[] { 1 } };
        var snapshot = comparer.Snapshot(value);
        Assert.True(comparer.Equals(value, new List<byte[]> { new byte[] { 1 } }));
        value[0][0] = 2;
        Assert.False(comparer.Equals(value, snapshot));
    }

    [Fact]
    public void Snapshots_are_assignable_to_interface_typed_properties()
    {
        IReadOnlyList<string> readOnly = new List<string> { "x" }.AsReadOnly();
        var snapshot = For<IReadOnlyList<string>>().Snapshot(readOnly);
        Assert.IsType<List<string>>(snapshot);
        Assert.True(For<IReadOnlyList<string>>().Equals(readOnly, snapshot));

        IEnumerable<int> array = new[] { 1, 2 };
        Assert.IsType<int[]>(For<IEnumerable<int>>().Snapshot(array));
    }

    [Fact]
    public void Lists_of_different_length_are_unequal()
    {
        var comparer = For<IEnumerable<int>>();
        Assert.False(comparer.Equals(new[] { 1, 2 }, new[] { 1 }));
        Assert.False(comparer.Equals(Enumerable.Range(1, 2), Enumerable.Range(1, 3)));
        Assert.True(comparer.Equals(Enumerable.Range(1, 3), new List<int> { 1, 2, 3 }));
    }
}
