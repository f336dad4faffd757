using EFCore.DynamoDb.ChangeTracking.Internal;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EFCore.DynamoDb.Tests.ChangeTracking;

public class SetValueComparerTests
{
    private static ValueComparer<T> For<T>() => (ValueComparer<T>)DynamoDbValueComparers.Create(typeof(T))!;

    [Fact]
    public void Adding_to_a_set_in_place_is_detected()
    {
        var comparer = For<HashSet<string>>();
        var tags = new HashSet<string> { "a", "b" };
        var snapshot = comparer.Snapshot(tags);
        Assert.True(comparer.Equals(tags, snapshot));

        tags.Add("x");
        Assert.False(comparer.Equals(tags, snapshot));
        Assert.Equal(2, snapshot.Count);
    }

    [Fact]
    public void Removing_from_a_set_in_place_is_detected()
    {
        var comparer = For<ISet<int>>();
        ISet<int> scores = new HashSet<int> { 1, 2 };
        var snapshot = comparer.Snapshot(scores);
        scores.Remove(1);
        Assert.False(comparer.Equals(scores, snapshot));
    }

    [Fact]
    public void Sets_are_equal_regardless_of_order_and_hash_alike()
    {
        var comparer = For<SortedSet<int>>();
        var a = new SortedSet<int>([1, 2, 3]);
        var b = new SortedSet<int>([3, 2, 1], Comparer<int>.Create((x, y) => y.CompareTo(x)));
        Assert.True(comparer.Equals(a, b));
        Assert.Equal(comparer.GetHashCode(a), comparer.GetHashCode(b));
        Assert.False(comparer.Equals(a, new SortedSet<int>([1, 2])));
        Assert.False(comparer.Equals(a, null));
        Assert.True(comparer.Equals(null, null));
    }

    [Fact]
    public void Snapshots_keep_the_concrete_kind_and_comparer()
    {
        var ignoreCase = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "A" };
        var snapshot = Assert.IsType<HashSet<string>>(For<ISet<string>>().Snapshot(ignoreCase));
        Assert.Same(StringComparer.OrdinalIgnoreCase, snapshot.Comparer);
        Assert.NotSame(ignoreCase, snapshot);

        Assert.IsType<HashSet<string>>(For<IReadOnlySet<string>>().Snapshot(new HashSet<string> { "x" }));
        Assert.IsType<SortedSet<string>>(For<IReadOnlySet<string>>().Snapshot(new SortedSet<string> { "x" }));
        Assert.IsType<SortedSet<int>>(For<SortedSet<int>>().Snapshot(new SortedSet<int> { 1 }));
    }

    [Fact]
    public void Case_changes_are_detected_even_in_a_case_insensitive_set()
    {
        var comparer = For<HashSet<string>>();
        var tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "a" };
        var snapshot = comparer.Snapshot(tags);
        tags.Remove("a");
        tags.Add("A");
        Assert.False(comparer.Equals(tags, snapshot));
    }

    [Fact]
    public void Binary_sets_compare_by_content_and_snapshot_copies_of_the_arrays()
    {
        var comparer = For<HashSet<byte[]>>();
        var value = new HashSet<byte[]> { new byte[] { 1, 2 } };
        var snapshot = comparer.Snapshot(value);
        Assert.True(comparer.Equals(value, new HashSet<byte[]> { new byte[] { 1, 2 } }));
        Assert.True(comparer.Equals(value, snapshot));

        value.First()[0] = 9;
        Assert.False(comparer.Equals(value, snapshot));
        Assert.Equal(1, snapshot.First()[0]);
    }

    [Fact]
    public void Sets_created_by_the_codec_compare_equal_to_their_snapshot()
    {
        var codec = (AttributeValueCodec<HashSet<byte[]>>)AttributeValueCodecFactory.Create(typeof(HashSet<byte[]>));
        var read = codec.Read(codec.Write([[1], [2]])!);
        var comparer = For<HashSet<byte[]>>();
        Assert.True(comparer.Equals(read, comparer.Snapshot(read)));
        Assert.Equal(comparer.GetHashCode(read), comparer.GetHashCode(comparer.Snapshot(read)));
    }

    [Fact]
    public void HashSets_of_strings_compare_as_the_general_path_does()
    {
        // Ordinal HashSets of strings are compared as they are (no new set per comparison); the answer must be the general one:
        // the members of both, compared ordinally, whatever each set's own comparer.
        IEqualityComparer<string?>[] comparers = [EqualityComparer<string?>.Default, StringComparer.Ordinal, StringComparer.OrdinalIgnoreCase];
        string?[][] contents = [[], ["a"], ["A"], ["a", "b"], ["b", "a"], ["a", null], [null], ["a", "b", "c"], ["", "😀"]];
        var comparer = For<HashSet<string?>>();
        foreach (var left in contents)
        {
            foreach (var right in contents)
            {
                foreach (var leftComparer in comparers)
                {
                    foreach (var rightComparer in comparers)
                    {
                        var a = new HashSet<string?>(left, leftComparer);
                        var b = new HashSet<string?>(right, rightComparer);
                        var general = new HashSet<string?>(a, StringComparer.Ordinal).SetEquals(b);
                        Assert.Equal(general, comparer.Equals(a, b));
                    }
                }
            }
        }
    }

    [Fact]
    public void The_snapshot_of_a_HashSet_of_strings_is_a_new_set_of_the_same_members_and_comparer()
    {
        var comparer = For<HashSet<string?>>();
        foreach (var set in new[] { new HashSet<string?> { "a", null, "" }, new HashSet<string?>(StringComparer.Ordinal) { "x" } })
        {
            var snapshot = comparer.Snapshot(set);
            Assert.NotSame(set, snapshot);
            Assert.Same(set.Comparer, snapshot.Comparer);
            Assert.True(snapshot.SetEquals(set));
            set.Add("changed");
            Assert.DoesNotContain("changed", snapshot);
        }
    }
}
