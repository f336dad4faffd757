using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Types.Infrastructure.Deep;

namespace EFCore.DynamoDb.FunctionalTests.Types;

/// <summary>
///     Items written by other tools, in their forms: PynamoDB's (UTCDateTimeAttribute's "+0000" text, NumberSetAttribute,
///     UnicodeSetAttribute, BinaryAttribute, BooleanAttribute, MapAttribute, ListAttribute, JSONAttribute) and others'
///     (numbers in exponent form or with trailing zeros, NULL values, upper-case Guids, shorter time text). They read into the
///     model's types, and saving an unrelated change leaves their attributes as the other tool wrote them.
/// </summary>
[Collection(TypesCollection.Name)]
public class ForeignFormTests(TypesFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    /// <summary>An item as PynamoDB writes it.</summary>
    private static Dictionary<string, AttributeValue> PynamoItem(string id)
        => new()
        {
            ["Id"] = S(id),
            ["Created"] = S("2024-01-02T03:04:05.123456+0000"),
            ["CreatedOffset"] = S("2024-01-02T03:04:05.123456+0000"),
            ["Numbers"] = NS("1E+2", "3", "0"),
            ["Decimals"] = NS("1.50", "0.1234567890123456789012345678", "-2E-3"),
            ["Names"] = SS("a", "😀𝄞"),
            ["Data"] = B(0xDE, 0xAD),
            ["Flag"] = Bool(true),
            ["Attributes"] = M(("colour", S("blue")), ("size", S(""))),
            ["Scores"] = L(N("1"), N("2E+1"), N("3.000"), N("-0")),
            // json.dumps' default separators put spaces after ':' and ','.
            ["Settings"] = S("{\"Theme\": \"light\", \"FontSize\": 10, \"Plugins\": [\"x\"]}"),
            ["Count"] = N("1E+2"),
            ["Amount"] = N("1.500"),
            ["Ratio"] = N("-0"),
            ["Big"] = N("18446744073709551615"),
            ["Whole"] = N("1.0E+18"),
            ["Mixed"] = L(S("a"), Null(), S("")),
            ["Sparse"] = M(("a", N("1E+2")), ("b", Null()), ("c", N("-4.0"))),
        };

    /// <summary>An item as scripts and other SDKs write it: NULLs, other date-time texts, short time forms, upper-case Guids.</summary>
    private static Dictionary<string, AttributeValue> OtherToolsItem(string id)
        => new()
        {
            ["Id"] = S(id),
            ["Created"] = S("2024-01-02T03:04:05.789Z"), // DynamoDBContext's ISO-8601 form (milliseconds)
            ["CreatedOffset"] = S("2024-01-02T05:04:05.5+02:00"),
            ["Numbers"] = Null(),
            ["Flag"] = Null(),
            ["Attributes"] = Null(),
            ["Count"] = Null(),
            ["Amount"] = N("79228162514264337593543950335"),
            ["Ratio"] = N("1.7976931348623157E+125"),
            ["Reference"] = S("0F8FAD5B-D9CB-469F-A165-70867728950E"),
            ["Duration"] = S("1.02:03:04"),
            ["At"] = S("12:30"),
            ["Day"] = S("2024-02-29"),
            ["Note"] = Null(),
        };

    private async Task PutAsync(Dictionary<string, AttributeValue> item) => await Store.PutRawAsync("Legacy", item);

    [Fact]
    public async Task PynamoDB_forms_read_into_the_model_types()
    {
        await PutAsync(PynamoItem("pynamo"));

        await using var context = fixture.CreateContext();
        var legacy = await context.Legacy.SingleAsync(l => l.Id == "pynamo");

        var created = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234560);
        Assert.Equal(created, legacy.Created);
        Assert.Equal(DateTimeKind.Utc, legacy.Created!.Value.Kind);
        Assert.Equal(new DateTimeOffset(created), legacy.CreatedOffset);
        Assert.True(legacy.Numbers.SetEquals([100, 3, 0]));
        Assert.True(legacy.Decimals.SetEquals([1.5m, AllTypesData.Fraction28, -0.002m]));
        Assert.True(legacy.Names.SetEquals(["a", "😀𝄞"]));
        Assert.Equal([0xDE, 0xAD], legacy.Data);
        Assert.True(legacy.Flag);
        Assert.Equal(new Dictionary<string, string> { ["colour"] = "blue", ["size"] = "" }, legacy.Attributes);
        Assert.Equal([1, 20, 3, 0], legacy.Scores);
        Assert.Equal("light", legacy.Settings!.Theme);
        Assert.Equal(10, legacy.Settings.FontSize);
        Assert.Equal(["x"], legacy.Settings.Plugins);
        Assert.Equal(100, legacy.Count);
        Assert.Equal(1.5m, legacy.Amount);
        Assert.Equal(0.0, legacy.Ratio);
        Assert.Equal(ulong.MaxValue, legacy.Big);
        Assert.Equal(1_000_000_000_000_000_000L, legacy.Whole);
        Assert.Equal(["a", null, ""], legacy.Mixed);
        Assert.Equal(new Dictionary<string, int?> { ["a"] = 100, ["b"] = null, ["c"] = -4 }, legacy.Sparse);

        // What was read is what the snapshot holds: nothing to save, nothing rewritten in our forms.
        Assert.False(context.ChangeTracker.HasChanges());
        Store.Handler.Reset();
        Assert.Equal(0, await context.SaveChangesAsync());
        Assert.Empty(Store.Handler.Operations);
    }

    [Fact]
    public async Task NULLs_missing_attributes_and_other_texts_read_as_null_empty_sets_and_values()
    {
        await PutAsync(OtherToolsItem("other"));

        await using var context = fixture.CreateContext();
        var legacy = await context.Legacy.AsNoTracking().SingleAsync(l => l.Id == "other");

        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, 789, DateTimeKind.Utc), legacy.Created);
        Assert.Equal(DateTimeKind.Utc, legacy.Created!.Value.Kind);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 500, TimeSpan.Zero), legacy.CreatedOffset);
        Assert.Equal(TimeSpan.Zero, legacy.CreatedOffset!.Value.Offset);

        // A NULL set and a missing set are both an empty set; a NULL or missing nullable is null.
        Assert.Empty(Assert.IsType<HashSet<int>>(legacy.Numbers));
        Assert.Empty(Assert.IsType<HashSet<decimal>>(legacy.Decimals));
        Assert.Empty(Assert.IsType<HashSet<string>>(legacy.Names));
        Assert.Null(legacy.Flag);
        Assert.Null(legacy.Attributes);
        Assert.Null(legacy.Count);
        Assert.Null(legacy.Note);
        Assert.Null(legacy.Data);
        Assert.Null(legacy.Scores);
        Assert.Null(legacy.Settings);

        Assert.Equal(decimal.MaxValue, legacy.Amount);
        Assert.Equal(1.7976931348623157E+125, legacy.Ratio);
        Assert.Equal(AllTypesData.SomeGuid, legacy.Reference);
        Assert.Equal(new TimeSpan(1, 2, 3, 4), legacy.Duration);
        Assert.Equal(new TimeOnly(12, 30), legacy.At);
        Assert.Equal(new DateOnly(2024, 2, 29), legacy.Day);
    }

    [Fact]
    public async Task Saving_an_unrelated_change_keeps_the_other_tools_forms()
    {
        var original = PynamoItem("keep");
        await PutAsync(original);

        await using (var context = fixture.CreateContext())
        {
            var legacy = await context.Legacy.SingleAsync(l => l.Id == "keep");
            legacy.Note = "touched";
            Store.Handler.Reset();
            await context.SaveChangesAsync();
            Assert.Equal(["UpdateItem"], Store.Handler.Operations);
        }

        var stored = await fixture.GetItemAsync("Legacy", ("Id", S("keep")));
        original["Note"] = S("touched");
        Item(original, stored);
        Assert.Equal("2024-01-02T03:04:05.123456+0000", stored["Created"].S);
        Assert.Equal("{\"Theme\": \"light\", \"FontSize\": 10, \"Plugins\": [\"x\"]}", stored["Settings"].S);
    }

    [Fact]
    public async Task A_changed_value_is_written_back_in_the_provider_form()
    {
        await PutAsync(PynamoItem("rewrite"));

        await using (var context = fixture.CreateContext())
        {
            var legacy = await context.Legacy.SingleAsync(l => l.Id == "rewrite");
            legacy.Created = legacy.Created!.Value.AddDays(1);
            legacy.Numbers.Add(7);
            await context.SaveChangesAsync();
        }

        var stored = await fixture.GetItemAsync("Legacy", ("Id", S("rewrite")));
        Attribute(S("2024-01-03T03:04:05.1234560Z"), stored["Created"], "Created");
        Attribute(NS("0", "3", "7", "100"), stored["Numbers"], "Numbers");
    }

    [Fact]
    public async Task A_projection_of_attributes_an_item_lacks_still_returns_the_item_with_nulls()
    {
        await PutAsync(new Dictionary<string, AttributeValue> { ["Id"] = S("sparse-1") });
        await PutAsync(new Dictionary<string, AttributeValue> { ["Id"] = S("sparse-2"), ["Note"] = S("n") });
        await using var context = fixture.CreateContext();

        // GetItem: LINQ-to-Objects has one row, with nulls; an empty projected item is still that row.
        var row = Assert.Single(await context.Legacy.Where(l => l.Id == "sparse-1").Select(l => new { l.Note, l.Count }).ToListAsync());
        Assert.Null(row.Note);
        Assert.Null(row.Count);
        Assert.Equal([null], await context.Legacy.Where(l => l.Id == "sparse-1").Select(l => l.Note).ToListAsync());

        // BatchGetItem, likewise for each key asked.
        var ids = new[] { "sparse-1", "sparse-2", "absent" };
        Assert.Equal([null, "n"], (await context.Legacy.Where(l => ids.Contains(l.Id)).Select(l => l.Note).ToListAsync()).Order());
        Assert.Equal(2, (await context.Legacy.Where(l => ids.Contains(l.Id)).Select(l => l.Count).ToListAsync()).Count);
    }
}
