using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;

namespace EFCore.DynamoDb.Tests.Storage;

public class ListCodecTests
{
    [Fact]
    public void Lists_keep_order_and_duplicates()
    {
        var codec = Codecs.For<List<int>>();
        var attribute = codec.Write([3, 1, 3, int.MinValue])!;
        Assert.Equal(["3", "1", "3", "-2147483648"], attribute.L.Select(v => v.N));
        Assert.Equal([3, 1, 3, int.MinValue], codec.Read(attribute));
    }

    [Fact]
    public void Empty_lists_are_an_empty_L_and_null_is_no_attribute()
    {
        var codec = Codecs.For<List<string>>();
        var attribute = codec.Write([])!;
        Assert.True(attribute.IsLSet);
        Assert.Empty(attribute.L);
        Assert.Empty(codec.Read(attribute));
        Assert.Null(codec.ToAttributeValue(null));
        Assert.Null(codec.MissingValue);
    }

    [Fact]
    public void Arrays_read_back_as_arrays_and_interfaces_as_lists()
    {
        var stored = new AttributeValue { L = [new AttributeValue { S = "x" }, new AttributeValue { S = "y" }] };
        Assert.Equal(["x", "y"], Assert.IsType<string[]>(Codecs.For<string[]>().Read(stored)));
        Assert.IsType<List<string>>(Codecs.For<IList<string>>().Read(stored));
        Assert.IsType<List<string>>(Codecs.For<IReadOnlyList<string>>().Read(stored));
        Assert.IsType<List<string>>(Codecs.For<ICollection<string>>().Read(stored));
        Assert.IsType<List<string>>(Codecs.For<IEnumerable<string>>().Read(stored));
        Assert.IsType<List<string>>(Codecs.For<IReadOnlyCollection<string>>().Read(stored));
    }

    [Fact]
    public void Null_elements_are_stored_as_NULL_and_read_back_as_null()
    {
        var codec = Codecs.For<List<int?>>();
        var attribute = codec.Write([1, null, 3])!;
        Assert.True(attribute.L[1].NULL);
        Assert.Equal([1, null, 3], codec.Read(attribute));

        var strings = Codecs.For<string?[]>();
        Assert.Equal(new[] { "a", null }, strings.Read(strings.Write(["a", null])!).AsEnumerable());
    }

    [Fact]
    public void A_NULL_element_cannot_be_read_into_a_non_nullable_element_type()
    {
        var stored = new AttributeValue { L = [new AttributeValue { N = "1" }, new AttributeValue { NULL = true }] };
        var e = Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<List<int>>().Read(stored));
        Assert.Equal("expected N (Int32) but the value at [1] is NULL, which cannot be read as a non-nullable Int32", e.Message);
        Assert.Equal("[1]", e.Path);
    }

    [Fact]
    public void Nested_lists_round_trip()
    {
        var codec = Codecs.For<List<List<string>>>();
        List<List<string>> value = [["a", "b"], [], ["c"]];
        var attribute = codec.Write(value)!;
        Assert.Equal(3, attribute.L.Count);
        Assert.True(attribute.L[1].IsLSet);
        Assert.Equal(value, codec.Read(attribute));

        var jagged = Codecs.For<int[][]>();
        Assert.Equal([[1], [2, 3]], jagged.Read(jagged.Write([[1], [2, 3]])!));
    }

    [Fact]
    public void Errors_inside_nested_lists_give_the_path()
    {
        var stored = new AttributeValue
        {
            L = [new AttributeValue { L = [] }, new AttributeValue { L = [new AttributeValue { N = "1" }, new AttributeValue { S = "x" }] }],
        };
        var e = Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<List<List<int>>>().Read(stored));
        Assert.Equal("expected N (Int32) but the value at [1][1] is S \"x\"", e.Message);

        var write = Assert.Throws<UnstorableValueException>(() => Codecs.For<List<double[]>>().Write([[1], [2, double.NaN]]));
        Assert.Equal("NaN cannot be stored in a DynamoDB number (at [1][1])", write.Message);
        Assert.Equal("NaN cannot be stored in a DynamoDB number", write.Reason);
    }

    [Fact]
    public void Elements_are_stored_exactly_like_properties_of_their_type()
    {
        var when = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567);
        var codec = Codecs.For<List<DateTime>>();
        var attribute = codec.Write([when])!;
        Assert.Equal("2024-01-02T03:04:05.1234567Z", attribute.L[0].S);
        var read = codec.Read(attribute);
        Assert.Equal(when, read[0]);
        Assert.Equal(DateTimeKind.Utc, read[0].Kind);

        var mixed = Codecs.For<List<TimeSpan?>>();
        Assert.Equal([TimeSpan.FromHours(-1), null], mixed.Read(mixed.Write([TimeSpan.FromHours(-1), null])!));

        var chars = Codecs.For<List<char>>();
        Assert.Equal("é", chars.Write(['é'])!.L[0].S);
        Assert.Equal(['é', 'z'], chars.Read(chars.Write(['é', 'z'])!));
    }

    [Fact]
    public void Element_values_that_do_not_parse_are_refused_with_the_reason()
    {
        var stored = new AttributeValue { L = [new AttributeValue { S = "not a date" }] };
        var e = Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<List<DateTime>>().Read(stored));
        Assert.StartsWith("expected S (DateTime) but the value at [0] is S \"not a date\", which cannot be read as DateTime", e.Message);
    }

    [Fact]
    public void Lists_of_sets_store_empty_sets_as_NULL_and_read_them_back_empty()
    {
        var codec = Codecs.For<List<HashSet<string>>>();
        var attribute = codec.Write([["a"], []])!;
        Assert.Equal(["a"], attribute.L[0].SS);
        Assert.True(attribute.L[1].NULL);
        var read = codec.Read(attribute);
        Assert.Equal(["a"], read[0]);
        Assert.Empty(read[1]);
    }

    [Fact]
    public void Reading_refuses_non_lists()
        => Assert.Equal(
            "expected L or SS but the attribute is N \"1\"",
            Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<List<string>>().Read(new AttributeValue { N = "1" })).Message);

    [Fact]
    public void Sets_of_the_element_type_read_as_lists_as_DynamoDBContext_writes_them()
    {
        Assert.Equal(["a", "b"], Codecs.For<List<string>>().Read(new AttributeValue { SS = ["a", "b"] }));
        Assert.Equal(["a", "b"], Codecs.For<string[]>().Read(new AttributeValue { SS = ["a", "b"] }));
        Assert.Equal([3, 1], Codecs.For<IReadOnlyList<int>>().Read(new AttributeValue { NS = ["3", "1"] }));
        Assert.Equal([1, 2], Codecs.For<List<int?>>().Read(new AttributeValue { NS = ["1", "2"] }));

        // A set of another type is still refused: a string set is not a list of numbers.
        Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<List<int>>().Read(new AttributeValue { SS = ["1"] }));
    }

    [Fact]
    public void A_list_stored_as_a_set_writes_the_set_and_refuses_duplicates_and_nulls()
    {
        var codec = (AttributeValueCodec<List<string?>>)((IListCodec)Codecs.For<List<string?>>()).AsSet()!;
        Assert.Equal(DynamoDbAttributeType.SS, codec.AttributeType);
        Assert.Equal(["b", "a"], codec.Write(["b", "a"])!.SS);
        Assert.Null(codec.Write([]));
        Assert.Equal([], (List<string?>)codec.MissingValue!);

        var duplicate = Assert.Throws<UnstorableValueException>(() => codec.Write(["a", "b", "a"]));
        Assert.Contains("holds 'a' twice", duplicate.Message);
        Assert.Contains("cannot hold duplicates", duplicate.Message);
        Assert.Contains("null at index 1", Assert.Throws<UnstorableValueException>(() => codec.Write(["a", null])).Message);

        var numbers = (AttributeValueCodec<int[]>)((IListCodec)Codecs.For<int[]>()).AsSet()!;
        Assert.Equal(["3", "1"], numbers.Write([3, 1])!.NS);
        Assert.Equal([3, 1], numbers.Read(new AttributeValue { L = [new() { N = "3" }, new() { N = "1" }] }));

        // Elements that are not S, N or B have no set form.
        Assert.Null(((IListCodec)Codecs.For<List<bool>>()).AsSet());
    }
}
