using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;

namespace EFCore.DynamoDb.Tests.Storage;

public class MapCodecTests
{
    [Fact]
    public void Dictionaries_round_trip_with_null_values_as_NULL()
    {
        var codec = Codecs.For<Dictionary<string, int?>>();
        var attribute = codec.Write(new() { ["a"] = 1, ["b"] = null, ["😀"] = -5 })!;
        Assert.Equal(DynamoDbAttributeType.M, codec.AttributeType);
        Assert.Equal("1", attribute.M["a"].N);
        Assert.True(attribute.M["b"].NULL);
        var read = codec.Read(attribute);
        Assert.Equal(3, read.Count);
        Assert.Equal(1, read["a"]);
        Assert.Null(read["b"]);
        Assert.Equal(-5, read["😀"]);
    }

    [Fact]
    public void Empty_keys_are_refused_as_DynamoDB_refuses_empty_attribute_names()
    {
        var e = Assert.Throws<UnstorableValueException>(() => Codecs.For<Dictionary<string, int>>().Write(new() { ["a"] = 1, [""] = 2 }));
        Assert.Equal("a map key must not be empty", e.Message);

        var nested = Assert.Throws<UnstorableValueException>(
            () => Codecs.For<Dictionary<string, Dictionary<string, int>>>().Write(new() { ["outer"] = new() { [""] = 2 } }));
        Assert.Equal("a map key must not be empty (at outer)", nested.Message);
    }

    [Fact]
    public void Keys_with_a_lone_surrogate_are_refused()
    {
        var e = Assert.Throws<UnstorableValueException>(() => Codecs.For<Dictionary<string, int>>().Write(new() { ["k" + (char)0xDC00] = 1 }));
        Assert.Equal("a map key holds a lone surrogate (U+DC00 at index 1), which DynamoDB's UTF-8 cannot encode", e.Message);
    }

    [Fact]
    public void Empty_dictionaries_are_an_empty_M()
    {
        var codec = Codecs.For<IDictionary<string, string>>();
        var attribute = codec.Write(new Dictionary<string, string>())!;
        Assert.True(attribute.IsMSet);
        Assert.Empty(attribute.M);
        Assert.IsType<Dictionary<string, string>>(codec.Read(attribute));
        Assert.Null(codec.ToAttributeValue(null));
    }

    [Fact]
    public void Nested_maps_and_lists_round_trip()
    {
        var codec = Codecs.For<IReadOnlyDictionary<string, Dictionary<string, List<string?>>>>();
        var value = new Dictionary<string, Dictionary<string, List<string?>>>
        {
            ["outer"] = new() { ["inner"] = ["x", null], ["empty"] = [] },
        };
        var read = codec.Read(codec.Write(value)!);
        Assert.Equal(new[] { "x", null }, read["outer"]["inner"].AsEnumerable());
        Assert.Empty(read["outer"]["empty"]);
    }

    [Fact]
    public void Keys_are_case_sensitive_when_read()
    {
        var codec = Codecs.For<Dictionary<string, bool>>();
        var read = codec.Read(new AttributeValue { M = new() { ["Key"] = new() { BOOL = true }, ["key"] = new() { BOOL = false } } });
        Assert.Equal(2, read.Count);
        Assert.False(read.ContainsKey("KEY"));
    }

    [Fact]
    public void Errors_inside_maps_give_the_key_path()
    {
        var stored = new AttributeValue
        {
            M = new() { ["scores"] = new() { L = [new() { N = "1" }, new() { BOOL = true }] } },
        };
        var e = Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<Dictionary<string, List<int>>>().Read(stored));
        Assert.Equal("expected N (Int32) but the value at scores[1] is BOOL true", e.Message);

        var write = Assert.Throws<UnstorableValueException>(
            () => Codecs.For<Dictionary<string, Dictionary<string, double>>>().Write(new() { ["a"] = new() { ["b"] = double.PositiveInfinity } }));
        Assert.Equal("Infinity cannot be stored in a DynamoDB number (at a.b)", write.Message);
    }

    [Fact]
    public void Reading_refuses_non_maps()
        => Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<Dictionary<string, int>>().Read(new AttributeValue { L = [] }));
}
