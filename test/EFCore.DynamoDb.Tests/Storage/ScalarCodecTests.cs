using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;

namespace EFCore.DynamoDb.Tests.Storage;

public class ScalarCodecTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("😀𝄞")]
    [InlineData("mixed ä € 😀 text\0with nul")]
    public void Strings_round_trip(string value)
    {
        var codec = Codecs.For<string>();
        var attribute = codec.ToAttributeValue(value)!;
        Assert.Equal(value, attribute.S);
        Assert.Equal(value, codec.FromAttributeValue(attribute));
    }

    // Escaped, and unescaped at run time: test arguments are stored and serialized as UTF-8, which turns a lone surrogate into
    // U+FFFD before the test sees it.
    [Theory]
    [InlineData(@"a\uD83Db", "U+D83D at index 1")]
    [InlineData(@"\uDE00", "U+DE00 at index 0")]
    [InlineData(@"😀\uD83D", "U+D83D at index 2")]
    [InlineData(@"\uDE00\uD83D", "U+DE00 at index 0")]
    [InlineData(@"ok😀\uD83D\uD83D", "U+D83D at index 4")]
    public void Text_with_a_lone_surrogate_is_refused_as_UTF8_cannot_hold_it(string escaped, string where)
    {
        var value = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var e = Assert.Throws<UnstorableValueException>(() => Codecs.For<string>().Write(value));
        Assert.Equal($"the text holds a lone surrogate ({where}), which DynamoDB's UTF-8 cannot encode", e.Message);
        Assert.Throws<UnstorableValueException>(() => Codecs.For<HashSet<string>>().Write(["ok", value]));
        Assert.Throws<UnstorableValueException>(() => Codecs.For<List<string>>().Write(["ok", value]));
    }

    [Fact]
    public void A_lone_surrogate_char_is_refused_and_pairs_are_kept()
    {
        Assert.Throws<UnstorableValueException>(() => Codecs.ForElement<char>().Write('\uD800'));
        Assert.Equal("a😀", Codecs.For<string>().Write("a😀")!.S);
    }

    [Fact]
    public void String_codec_refuses_other_types()
    {
        var e = Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<string>().Read(new AttributeValue { N = "1" }));
        Assert.Equal("expected S but the attribute is N \"1\"", e.Message);
    }

    [Fact]
    public void Long_stored_strings_are_shortened_in_messages()
    {
        var stored = new string('x', 1000);
        var e = Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<int>().Read(new AttributeValue { S = stored }));
        Assert.Contains("(1000 characters)", e.Message);
        Assert.True(e.Message.Length < 200);
    }

    [Fact]
    public void Booleans_round_trip()
    {
        var codec = Codecs.For<bool>();
        Assert.Equal(true, codec.FromAttributeValue(codec.ToAttributeValue(true)!));
        Assert.Equal(false, codec.FromAttributeValue(codec.ToAttributeValue(false)!));
        Assert.False(codec.Write(false)!.BOOL!.Value);
        Assert.Equal(DynamoDbAttributeType.BOOL, codec.AttributeType);
    }

    [Fact]
    public void Booleans_read_BOOL_and_the_numbers_1_and_0_that_DynamoDBContext_writes()
    {
        var codec = Codecs.For<bool>();
        Assert.True(codec.Read(new AttributeValue { N = "1" }));
        Assert.False(codec.Read(new AttributeValue { N = "0" }));
        Assert.True(codec.Read(new AttributeValue { BOOL = true }));

        // Nothing else is guessed at: another number, or text.
        var e = Assert.Throws<AttributeTypeMismatchException>(() => codec.Read(new AttributeValue { N = "2" }));
        Assert.Equal("expected BOOL or N 1/0 but the attribute is N \"2\"", e.Message);
        Assert.Throws<AttributeTypeMismatchException>(() => codec.Read(new AttributeValue { S = "true" }));
    }

    [Fact]
    public void Booleans_as_numbers_write_1_and_0_and_read_both_forms()
    {
        var codec = BooleanCodec.AsNumber;
        Assert.Equal("1", codec.Write(true).N);
        Assert.Equal("0", codec.Write(false).N);
        Assert.Equal(DynamoDbAttributeType.N, codec.AttributeType);
        Assert.True(codec.Read(new AttributeValue { BOOL = true }));
        Assert.False(codec.Read(new AttributeValue { N = "0" }));
    }

    [Fact]
    public void A_boolean_has_the_other_form_as_alternative_and_other_values_have_none()
    {
        Assert.Equal("1", BooleanCodec.Instance.AlternativeForm(new AttributeValue { BOOL = true })!.N);
        Assert.Equal("0", BooleanCodec.Instance.AlternativeForm(new AttributeValue { BOOL = false })!.N);
        Assert.True(BooleanCodec.AsNumber.AlternativeForm(new AttributeValue { N = "1" })!.BOOL);
        Assert.True(Codecs.For<bool?>().AlternativeForm(new AttributeValue { N = "1" })!.BOOL);
        Assert.Null(Codecs.For<int>().AlternativeForm(new AttributeValue { N = "1" }));
        Assert.Null(Codecs.For<string>().AlternativeForm(new AttributeValue { S = "true" }));
    }

    [Fact]
    public void Binary_round_trips_including_empty()
    {
        var codec = Codecs.For<byte[]>();
        Assert.Equal(new byte[] { 0, 1, 255 }, codec.FromAttributeValue(codec.ToAttributeValue(new byte[] { 0, 1, 255 })!));
        var empty = codec.Write([])!;
        Assert.Equal(0, empty.B.Length);
        Assert.Empty((byte[])codec.FromAttributeValue(empty)!);
    }

    [Fact]
    public void Binary_write_copies_so_later_changes_to_the_array_are_not_sent()
    {
        var bytes = new byte[] { 1, 2, 3 };
        var attribute = Codecs.For<byte[]>().Write(bytes)!;
        bytes[0] = 9;
        Assert.Equal(new byte[] { 1, 2, 3 }, attribute.B.ToArray());
    }

    [Fact]
    public void Binary_read_copies_the_whole_stream_whatever_its_position()
    {
        var stream = new MemoryStream([1, 2, 3]);
        stream.Position = 2;
        var read = Codecs.For<byte[]>().Read(new AttributeValue { B = stream });
        Assert.Equal(new byte[] { 1, 2, 3 }, read);
        read[0] = 7;
        Assert.Equal(1, stream.ToArray()[0]);
    }

    [Fact]
    public void Binary_codec_refuses_text()
        => Assert.Equal(
            "expected B but the attribute is S \"AQID\"",
            Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<byte[]>().Read(new AttributeValue { S = "AQID" })).Message);

    [Fact]
    public void An_empty_AttributeValue_is_described()
        => Assert.Equal(
            "expected S but the attribute is an AttributeValue with no type set",
            Assert.Throws<AttributeTypeMismatchException>(() => Codecs.For<string>().Read(new AttributeValue())).Message);
}
