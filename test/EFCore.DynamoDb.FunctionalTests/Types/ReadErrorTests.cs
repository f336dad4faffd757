using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Types.Infrastructure.Deep;

namespace EFCore.DynamoDb.FunctionalTests.Types;

/// <summary>
///     Items that do not fit the model (written by another tool, or before the model changed) fail to read with a message
///     naming the entity, the property, the item's key and the attribute, rather than a cast error or a silent default.
/// </summary>
[Collection(TypesCollection.Name)]
public class ReadErrorTests(TypesFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private static Dictionary<string, AttributeValue> StrictItem(string sk, params (string Name, AttributeValue Value)[] attributes)
    {
        var item = new Dictionary<string, AttributeValue> { ["Pk"] = S("errors"), ["Sk"] = S(sk) };
        foreach (var (name, value) in attributes)
        {
            item[name] = value;
        }

        return item;
    }

    private async Task<InvalidOperationException> ReadStrictAsync(Dictionary<string, AttributeValue> item, bool tracking = true)
    {
        await Store.PutRawAsync("Strict", item);
        await using var context = fixture.CreateContext();
        var sk = item["Sk"].S;
        var query = context.Strict.Where(s => s.Pk == "errors" && s.Sk == sk);
        return await Assert.ThrowsAsync<InvalidOperationException>(() => (tracking ? query : query.AsNoTracking()).ToListAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_missing_non_nullable_attribute_names_the_key_and_the_attribute(bool tracking)
    {
        var exception = await ReadStrictAsync(StrictItem("missing-" + tracking, ("When", S("2024-01-01T00:00:00.0000000Z"))), tracking);

        Assert.Equal(
            $"The item (Pk = S \"errors\", Sk = S \"missing-{tracking}\") of 'Strict' has no attribute 'Count', but the property "
            + "'Strict.Count' of type 'int' cannot be null. Make the property nullable or write the attribute.",
            exception.Message);
    }

    [Fact]
    public async Task A_NULL_for_a_non_nullable_property_is_the_same_error()
    {
        var exception = await ReadStrictAsync(StrictItem("null", ("Count", N("1")), ("When", Null())));

        Assert.Contains("(Pk = S \"errors\", Sk = S \"null\")", exception.Message);
        Assert.Contains("has no attribute 'When'", exception.Message);
        Assert.Contains("'Strict.When' of type 'DateTime'", exception.Message);
    }

    [Theory]
    [InlineData("s-for-n", "Count", "S", "12", "expected N (Int32) but the attribute is S \"12\"")]
    [InlineData("fraction", "Count", "N", "1.5", "which has a fractional part")]
    [InlineData("overflow", "Count", "N", "99999999999", "which is outside the range of Int32")]
    [InlineData("bool-for-n", "Count", "BOOL", "true", "expected N (Int32) but the attribute is BOOL true")]
    [InlineData("not-a-date", "When", "S", "yesterday", "'yesterday' is not an ISO-8601 date and time")]
    [InlineData("n-for-date", "When", "N", "1704067200", "expected S but the attribute is N \"1704067200\"")]
    public async Task A_wrong_attribute_type_names_entity_property_key_and_what_was_found(
        string sk,
        string attribute,
        string type,
        string value,
        string reason)
    {
        var stored = type switch
        {
            "S" => S(value),
            "N" => N(value),
            _ => Bool(bool.Parse(value)),
        };
        var item = StrictItem(sk, ("Count", N("1")), ("When", S("2024-01-01T00:00:00.0000000Z")));
        item[attribute] = stored;

        var exception = await ReadStrictAsync(item);

        Assert.StartsWith(
            $"The attribute '{attribute}' of the item (Pk = S \"errors\", Sk = S \"{sk}\") cannot be read into the property "
            + $"'Strict.{attribute}' of type '{(attribute == "Count" ? "int" : "DateTime")}': ",
            exception.Message);
        Assert.Contains(reason, exception.Message);
    }

    [Fact]
    public async Task A_projected_missing_value_names_the_key_and_the_attribute()
    {
        await Store.PutRawAsync("Strict", StrictItem("projection", ("When", S("2024-01-01T00:00:00.0000000Z"))));
        await using var context = fixture.CreateContext();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.Strict.Where(s => s.Pk == "errors" && s.Sk == "projection").Select(s => s.Count).ToListAsync());

        Assert.Contains("(Pk = S \"errors\", Sk = S \"projection\")", exception.Message);
        Assert.Contains("'Count'", exception.Message);
    }

    [Fact]
    public async Task A_wrong_element_inside_a_list_names_its_position()
    {
        var item = AllTypesData.MinItem("bad-element");
        item["IntArray"] = L(N("1"), S("two"));
        await Store.PutRawAsync("AllTypes", item);
        await using var context = fixture.CreateContext();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.AllTypes.Where(e => e.Id == "bad-element").ToListAsync());

        Assert.Contains("The attribute 'IntArray' of the item (Id = S \"bad-element\")", exception.Message);
        Assert.Contains("'AllTypes.IntArray' of type 'int[]'", exception.Message);
        Assert.Contains("the value at [1] is S \"two\"", exception.Message);
    }

    [Fact]
    public async Task A_set_of_the_wrong_kind_is_refused()
    {
        var item = AllTypesData.MinItem("bad-set");
        item["IntSet"] = SS("1", "2");
        await Store.PutRawAsync("AllTypes", item);
        await using var context = fixture.CreateContext();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.AllTypes.Where(e => e.Id == "bad-set").ToListAsync());

        Assert.Contains("'IntSet' of the item (Id = S \"bad-set\")", exception.Message);
        Assert.Contains("expected NS", exception.Message);
        Assert.Contains("SS of 2 elements", exception.Message);
    }

    [Fact]
    public async Task A_missing_value_inside_an_owned_collection_element_names_the_owner_key_and_the_path()
    {
        var item = AllTypesData.MaxItem("bad-owned");
        item["Lines"] = L(M(("Sku", S("A")), ("Price", N("1"))), M(("Sku", S("B"))));
        await Store.PutRawAsync("AllTypes", item);
        await using var context = fixture.CreateContext();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.AllTypes.Where(e => e.Id == "bad-owned").ToListAsync());

        Assert.Equal(
            "The item (Id = S \"bad-owned\") of 'AllTypes' has no attribute 'Lines[1].Price', but the property 'Line.Price' of type "
            + "'decimal' cannot be null. Make the property nullable or write the attribute.",
            exception.Message);
    }

    [Fact]
    public async Task A_wrong_value_inside_an_owned_reference_names_the_owner_key_and_the_path()
    {
        var item = AllTypesData.MaxItem("bad-owned-reference");
        item["Profile"].M["Badges"].L[0].M["Level"] = S("high");
        await Store.PutRawAsync("AllTypes", item);
        await using var context = fixture.CreateContext();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.AllTypes.Where(e => e.Id == "bad-owned-reference").ToListAsync());

        Assert.StartsWith(
            "The attribute 'Profile.Badges[0].Level' of the item (Id = S \"bad-owned-reference\") cannot be read into the property "
            + "'Badge.Level' of type 'int': expected N (Int32) but the attribute is S \"high\"",
            exception.Message);
    }

    [Fact]
    public async Task A_missing_value_inside_a_complex_value_names_the_key_and_the_path()
    {
        var item = AllTypesData.MinItem("bad-complex");
        item["Dimensions"].M.Remove("Width");
        await Store.PutRawAsync("AllTypes", item);
        await using var context = fixture.CreateContext();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.AllTypes.Where(e => e.Id == "bad-complex").ToListAsync());

        Assert.Contains("(Id = S \"bad-complex\")", exception.Message);
        Assert.Contains("'Dimensions.Width'", exception.Message);
        Assert.Contains("has no attribute 'Dimensions.Width', but the property 'AllTypes.Dimensions.Width' of type 'double'", exception.Message);
    }

    [Fact]
    public async Task A_missing_required_complex_value_names_the_key_and_the_attribute()
    {
        var item = AllTypesData.MinItem("no-complex");
        item.Remove("Dimensions");
        await Store.PutRawAsync("AllTypes", item);
        await using var context = fixture.CreateContext();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.AllTypes.Where(e => e.Id == "no-complex").ToListAsync());

        Assert.Equal(
            "The item (Id = S \"no-complex\") of 'AllTypes' has no map 'Dimensions', but the complex property 'AllTypes.Dimensions' is "
            + "required. Make the complex property optional or write the attribute.",
            exception.Message);
    }
}
