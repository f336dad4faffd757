using System.Text;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Update.Internal;

namespace EFCore.DynamoDb.Tests.Update;

/// <summary>
///     The canonical text the update pipeline compares keys and requests by: equal for equal values whatever the order of map
///     entries, placeholders and set members; different whenever a value, a type or a name differs.
/// </summary>
public class CanonicalTextTests
{
    private static Dictionary<string, AttributeValue> Map(params (string Name, AttributeValue Value)[] entries)
        => entries.ToDictionary(e => e.Name, e => e.Value);

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(string value) => new() { N = value };

    [Fact]
    public void Key_text_does_not_depend_on_the_order_of_the_key_attributes()
    {
        var forward = CanonicalText.OfKey("T", Map(("Pk", S("a")), ("Sk", N("1"))));
        var backward = CanonicalText.OfKey("T", Map(("Sk", N("1")), ("Pk", S("a"))));

        Assert.Equal(forward, backward);
    }

    [Theory]
    [InlineData("Pk", "Sk")]
    [InlineData("Sk", "Pk")]
    [InlineData("b", "B")]
    [InlineData("ключ", "k\"ey:,{}")]
    public void The_key_text_of_one_or_two_string_or_number_attributes_is_the_general_text(string first, string second)
    {
        // Keys of one or two S/N attributes (every item key) take a direct path; it must format exactly as the general one.
        foreach (var key in new[]
                 {
                     Map((first, S("a|b\"c,d"))),
                     Map((first, N("-1.5E+3"))),
                     Map((first, S("")), (second, N("0"))),
                     Map((first, N("12")), (second, S("値,}"))),
                 })
        {
            var general = new StringBuilder("T|");
            CanonicalText.Append(general, (IReadOnlyDictionary<string, AttributeValue>)key);
            Assert.Equal(general.ToString(), CanonicalText.OfKey("T", key));
        }

        // A binary key attribute takes the general path, with the same text as a map holding it.
        var binary = Map((first, new AttributeValue { B = new MemoryStream([1, 2]) }), (second, S("x")));
        Assert.Equal("T|" + CanonicalText.Of(binary), CanonicalText.OfKey("T", binary));
    }

    [Fact]
    public void Maps_names_and_sets_are_ordered_ordinally()
    {
        var one = CanonicalText.Of(Map(("b", new AttributeValue { SS = ["y", "X", "x"] }), ("B", S("1")), ("a", N("2"))));
        var other = CanonicalText.Of(Map(("a", N("2")), ("B", S("1")), ("b", new AttributeValue { SS = ["x", "y", "X"] })));
        Assert.Equal(one, other);

        var names = new StringBuilder();
        CanonicalText.Append(names, new Dictionary<string, string> { ["#b"] = "b", ["#B"] = "B", ["#a"] = "a" });
        var reordered = new StringBuilder();
        CanonicalText.Append(reordered, new Dictionary<string, string> { ["#a"] = "a", ["#b"] = "b", ["#B"] = "B" });
        Assert.Equal(names.ToString(), reordered.ToString());
        Assert.Equal("""2"#B=1"B,2"#a=1"a,2"#b=1"b,""", names.ToString());
    }

    [Theory]
    [InlineData("table")]
    [InlineData("value")]
    [InlineData("type")]
    [InlineData("name")]
    [InlineData("boundary")]
    public void Any_difference_gives_a_different_text(string difference)
    {
        var key = CanonicalText.OfKey("T", Map(("Pk", S("a,b")), ("Sk", N("1"))));
        var other = difference switch
        {
            "table" => CanonicalText.OfKey("U", Map(("Pk", S("a,b")), ("Sk", N("1")))),
            "value" => CanonicalText.OfKey("T", Map(("Pk", S("a,c")), ("Sk", N("1")))),
            "type" => CanonicalText.OfKey("T", Map(("Pk", S("a,b")), ("Sk", S("1")))),
            "name" => CanonicalText.OfKey("T", Map(("Pk", S("a,b")), ("SK", N("1")))),
            // Lengths keep a value containing separators apart from two values.
            _ => CanonicalText.OfKey("T", Map(("Pk", S("a")), ("b\"Sk", N("1")))),
        };

        Assert.NotEqual(key, other);
    }
}
