using EFCore.DynamoDb.ChangeTracking.Internal;

namespace EFCore.DynamoDb.Tests.ChangeTracking;

public class DynamoDbValueComparersTests
{
    [Theory]
    [InlineData(typeof(int))]
    [InlineData(typeof(string))]
    [InlineData(typeof(Guid))]
    [InlineData(typeof(DateTime?))]
    [InlineData(typeof(Dictionary<int, string>))]
    public void Immutable_and_unsupported_types_get_no_special_comparer(Type type)
        => Assert.Null(DynamoDbValueComparers.Create(type));

    [Theory]
    [InlineData(typeof(HashSet<string>), typeof(SetValueComparer<HashSet<string>, string>))]
    [InlineData(typeof(ISet<byte[]>), typeof(SetValueComparer<ISet<byte[]>, byte[]>))]
    [InlineData(typeof(IReadOnlySet<decimal>), typeof(SetValueComparer<IReadOnlySet<decimal>, decimal>))]
    [InlineData(typeof(SortedSet<Guid>), typeof(SetValueComparer<SortedSet<Guid>, Guid>))]
    [InlineData(typeof(int[]), typeof(ListValueComparer<int[], int>))]
    [InlineData(typeof(List<DateTime?>), typeof(ListValueComparer<List<DateTime?>, DateTime?>))]
    [InlineData(typeof(ICollection<string>), typeof(ListValueComparer<ICollection<string>, string>))]
    [InlineData(typeof(Dictionary<string, byte[]>), typeof(DictionaryValueComparer<Dictionary<string, byte[]>, byte[]>))]
    [InlineData(typeof(byte[]), typeof(ByteArrayValueComparer))]
    public void Mutable_types_get_a_deep_comparer(Type type, Type comparerType)
    {
        var comparer = DynamoDbValueComparers.Create(type);
        Assert.IsType(comparerType, comparer);
        Assert.Equal(type, comparer!.Type);
    }

    [Fact]
    public void Element_comparers_are_deep_for_nested_collections()
    {
        var comparer = Assert.IsType<ListValueComparer<List<HashSet<string>>, HashSet<string>>>(
            DynamoDbValueComparers.Create(typeof(List<HashSet<string>>)));
        Assert.IsType<SetValueComparer<HashSet<string>, string>>(comparer.ElementComparer);
    }

    [Theory]
    [InlineData(typeof(List<double?>))]
    [InlineData(typeof(IList<float?>))]
    [InlineData(typeof(DateTimeOffset?[]))]
    [InlineData(typeof(Dictionary<string, double?>))]
    public void Collections_of_nullable_types_whose_EF_default_comparer_is_not_nullable_get_one(Type type)
    {
        // EF's default comparer of double? is a ValueComparer<double>; the element comparer must be a ValueComparer<double?>.
        var comparer = DynamoDbValueComparers.Create(type);
        Assert.NotNull(comparer);
        Assert.Equal(type, comparer.Type);
    }

    [Fact]
    public void A_list_of_nullable_doubles_compares_nulls_and_values()
    {
        var comparer = DynamoDbValueComparers.Create(typeof(List<double?>))!;
        var value = new List<double?> { null, 1.5, double.NaN };
        var snapshot = comparer.Snapshot(value);
        Assert.True(comparer.Equals(value, snapshot));
        Assert.Equal(comparer.GetHashCode(value), comparer.GetHashCode(snapshot!));
        value[0] = 0;
        Assert.False(comparer.Equals(value, snapshot));
    }

    [Fact]
    public void Comparers_are_cached()
        => Assert.Same(DynamoDbValueComparers.Create(typeof(List<int>)), DynamoDbValueComparers.Create(typeof(List<int>)));

    [Fact]
    public void Byte_array_comparer_compares_by_content_and_snapshots_a_copy()
    {
        var comparer = ByteArrayValueComparer.Instance;
        var value = new byte[] { 1, 2 };
        var snapshot = comparer.Snapshot(value);
        Assert.NotSame(value, snapshot);
        Assert.True(comparer.Equals(value, new byte[] { 1, 2 }));
        Assert.Equal(comparer.GetHashCode(value), comparer.GetHashCode(new byte[] { 1, 2 }));
        value[0] = 0;
        Assert.False(comparer.Equals(value, snapshot));
    }

    [Fact]
    public void Untyped_members_work_as_EF_calls_them()
    {
        var comparer = DynamoDbValueComparers.Create(typeof(List<int>))!;
        var value = new List<int> { 1 };
        var snapshot = comparer.Snapshot(value);
        Assert.True(comparer.Equals(value, snapshot));
        value.Add(2);
        Assert.False(comparer.Equals(value, snapshot));
        Assert.False(comparer.Equals(value, null));
        Assert.True(comparer.Equals(null, null));
    }
}
