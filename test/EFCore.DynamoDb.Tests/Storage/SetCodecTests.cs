using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;

namespace EFCore.DynamoDb.Tests.Storage;

public class SetCodecTests
{
    [Fact]
    public void String_sets_round_trip_as_SS()
    {
        var codec = Codecs.For<HashSet<string>>();
        var attribute = codec.Write(["a", "😀", ""])!;
        Assert.Equal(DynamoDbAttributeType.SS, codec.AttributeType);
        Assert.Equal(["", "a", "😀"], attribute.SS.Order(StringComparer.Ordinal));
        Assert.True(codec.Read(attribute).SetEquals(["a", "😀", ""]));
    }

    [Fact]
    public void Empty_and_null_sets_store_no_attribute()
    {
        var codec = Codecs.For<HashSet<string>>();
        Assert.Null(codec.Write([]));
        Assert.Null(codec.ToAttributeValue(null));
        Assert.Null(Codecs.For<ISet<int>>().ToAttributeValue(new HashSet<int>()));
    }

    [Fact]
    public void A_missing_set_reads_as_a_new_empty_set_of_the_property_type()
    {
        var first = Assert.IsType<HashSet<string>>(Codecs.For<HashSet<string>>().MissingValue);
        var second = Assert.IsType<HashSet<string>>(Codecs.For<HashSet<string>>().MissingValue);
        Assert.Empty(first);
        Assert.NotSame(first, second);
        Assert.IsType<SortedSet<int>>(Codecs.For<SortedSet<int>>().MissingValue);
        Assert.IsAssignableFrom<IReadOnlySet<long>>(Codecs.For<IReadOnlySet<long>>().MissingValue);
        Assert.IsType<HashSet<string>>(Codecs.For<ISet<string>>().FromAttributeValue(new AttributeValue { NULL = true }));
    }

    [Fact]
    public void Number_sets_round_trip_as_NS_in_canonical_form()
    {
        var codec = Codecs.For<HashSet<decimal>>();
        var attribute = codec.Write([1.50m, 0.1234567890123456789012345678m, -3m])!;
        Assert.Equal(["-3", "0.1234567890123456789012345678", "1.5"], attribute.NS.Order(StringComparer.Ordinal));
        Assert.True(codec.Read(attribute).SetEquals([1.5m, 0.1234567890123456789012345678m, -3m]));

        var ulongs = Codecs.For<IReadOnlySet<ulong>>();
        var read = ulongs.Read(ulongs.Write(new HashSet<ulong> { ulong.MaxValue, 0 })!);
        Assert.IsType<HashSet<ulong>>(read);
        Assert.True(read.SetEquals([0UL, ulong.MaxValue]));
    }

    [Fact]
    public void Number_set_members_are_validated()
    {
        var e = Assert.Throws<UnstorableValueException>(() => Codecs.For<HashSet<double>>().Write([1, double.NaN]));
        Assert.Equal("NaN cannot be stored in a DynamoDB number", e.Message);
    }

    [Fact]
    public void Binary_sets_round_trip_and_read_with_content_equality()
    {
        var codec = Codecs.For<HashSet<byte[]>>();
        var attribute = codec.Write(new HashSet<byte[]> { new byte[] { 1, 2 }, Array.Empty<byte>() })!;
        Assert.Equal(DynamoDbAttributeType.BS, codec.AttributeType);
        Assert.Equal(2, attribute.BS.Count);
        var read = codec.Read(attribute);
        Assert.Contains(new byte[] { 1, 2 }, read);
        Assert.Contains(Array.Empty<byte>(), read);
        Assert.False(read.Add([1, 2]));
    }

    [Fact]
    public void Sorted_binary_sets_are_supported()
    {
        var codec = Codecs.For<SortedSet<byte[]>>();
        var read = codec.Read(codec.Write(new SortedSet<byte[]>(ByteArrayComparer.Instance) { new byte[] { 2 }, new byte[] { 1, 9 } })!);
        Assert.Same(ByteArrayComparer.Instance, read.Comparer);
        Assert.Equal(new[] { new byte[] { 1, 9 }, new byte[] { 2 } }, read.ToArray());
    }

    [Fact]
    public void Byte_arrays_equal_by_content_are_refused_as_duplicates()
    {
        var set = new HashSet<byte[]> { new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 3 } };
        var e = Assert.Throws<UnstorableValueException>(() => Codecs.For<HashSet<byte[]>>().Write(set));
        Assert.Equal("the set holds 'AQID' (base64) twice after conversion", e.Message);
    }

    [Fact]
    public void Members_that_convert_to_the_same_text_are_refused_as_duplicates()
    {
        var instant = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var local = instant.ToLocalTime();
        var unspecified = DateTime.SpecifyKind(instant, DateTimeKind.Unspecified);
        var set = new HashSet<DateTime>(new KindSensitiveComparer()) { instant, unspecified };
        if (local.Ticks != instant.Ticks)
        {
            set.Add(local);
        }

        var e = Assert.Throws<UnstorableValueException>(() => Codecs.For<HashSet<DateTime>>().Write(set));
        Assert.Equal("the set holds '2024-01-02T03:04:05.0000000Z' twice after conversion", e.Message);
    }

    [Fact]
    public void Numbers_that_format_the_same_are_refused_as_duplicates()
    {
        var set = new HashSet<double>(new BitwiseDoubleComparer()) { 0.0, -0.0 };
        Assert.Equal(2, set.Count);
        var e = Assert.Throws<UnstorableValueException>(() => Codecs.For<HashSet<double>>().Write(set));
        Assert.Equal("the set holds '0' twice after conversion", e.Message);
    }

    [Fact]
    public void Null_members_are_refused()
    {
        var e = Assert.Throws<UnstorableValueException>(() => Codecs.For<HashSet<string>>().Write(["a", null!]));
        Assert.Equal("a set must not contain null", e.Message);
        Assert.Throws<UnstorableValueException>(() => Codecs.For<HashSet<byte[]>>().Write([null!]));
    }

    [Fact]
    public void Sets_of_converted_values_use_the_element_converters()
    {
        var id = Guid.Parse("0F8FAD5B-D9CB-469F-A165-70867728950E");
        var guids = Codecs.For<HashSet<Guid>>();
        var attribute = guids.Write([id])!;
        Assert.Equal(["0f8fad5b-d9cb-469f-a165-70867728950e"], attribute.SS);
        Assert.Equal([id], guids.Read(attribute));

        var days = Codecs.For<ISet<DayOfWeek>>();
        var stored = days.Write(new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Friday })!;
        Assert.Equal(DynamoDbAttributeType.NS, days.AttributeType);
        Assert.Equal(["1", "5"], stored.NS.Order());
        Assert.True(days.Read(stored).SetEquals([DayOfWeek.Friday, DayOfWeek.Monday]));
    }

    [Fact]
    public void Reading_refuses_a_set_of_another_type()
    {
        var e = Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<HashSet<string>>().Read(new AttributeValue { NS = ["1"] }));
        Assert.Equal("expected SS (HashSet<String>) but the attribute is NS of 1 elements", e.Message);
        Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<HashSet<string>>().Read(new AttributeValue { L = [new AttributeValue { S = "a" }] }));
    }

    [Fact]
    public void Members_that_do_not_parse_are_refused()
        => Assert.Contains(
            "has a fractional part",
            Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<HashSet<int>>().Read(new AttributeValue { NS = ["1", "2.5"] })).Message);

    [Fact]
    public void Sets_without_a_DynamoDB_set_type_are_not_mapped()
    {
        Assert.False(AttributeValueCodecFactory.TryCreate(typeof(HashSet<bool>), out _));
        Assert.False(AttributeValueCodecFactory.TryCreate(typeof(HashSet<int?>), out _));
        Assert.False(AttributeValueCodecFactory.TryCreate(typeof(HashSet<List<int>>), out _));
        Assert.False(AttributeValueCodecFactory.TryCreate(typeof(HashSet<object>), out _));
    }

    private sealed class KindSensitiveComparer : IEqualityComparer<DateTime>
    {
        public bool Equals(DateTime x, DateTime y) => x.Ticks == y.Ticks && x.Kind == y.Kind;

        public int GetHashCode(DateTime obj) => HashCode.Combine(obj.Ticks, obj.Kind);
    }

    private sealed class BitwiseDoubleComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);

        public int GetHashCode(double obj) => BitConverter.DoubleToInt64Bits(obj).GetHashCode();
    }
}
