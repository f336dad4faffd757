using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Types.Infrastructure.Deep;

namespace EFCore.DynamoDb.FunctionalTests.Types;

/// <summary>Keys of other types than string: N keys at their edges, converted S keys; stored, found and compared in key conditions.</summary>
[Collection(TypesCollection.Name)]
public class KeyTypeTests(TypesFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private static readonly decimal[] SortKeys = [decimal.MinValue, -1.5m, -0.0000000000000000000000000001m, 0m, 1.50m, 2m, AllTypesData.Fraction28, decimal.MaxValue];

    [Fact]
    public async Task Number_keys_at_their_edges_are_stored_found_and_ordered()
    {
        await using (var context = fixture.CreateContext())
        {
            context.AddRange(SortKeys.Select(sk => new NumberKeyed { Pk = ulong.MaxValue, Sk = sk, Note = sk.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
            await context.SaveChangesAsync();
        }

        var raw = await fixture.GetItemAsync("NumberKeyed", ("Pk", N("18446744073709551615")), ("Sk", N("1.5")));
        Assert.Equal("1.50", raw["Note"].S);

        await using var query = fixture.CreateContext();
        Assert.Equal("1.50", (await query.NumberKeyed.FindAsync(ulong.MaxValue, 1.5m))!.Note);
        Assert.Equal("1.50", (await query.NumberKeyed.FindAsync(ulong.MaxValue, 1.500m))!.Note);
        Assert.Equal(SortKeys.Order(), await query.NumberKeyed.Where(e => e.Pk == ulong.MaxValue).OrderBy(e => e.Sk).Select(e => e.Sk).ToListAsync());
        Assert.Equal(
            SortKeys.Where(k => k > 0m).Order(),
            await query.NumberKeyed.Where(e => e.Pk == ulong.MaxValue && e.Sk > 0m).OrderBy(e => e.Sk).Select(e => e.Sk).ToListAsync());
        Assert.Equal(
            SortKeys.Where(k => k <= -1.5m),
            await query.NumberKeyed.Where(e => e.Pk == ulong.MaxValue && e.Sk <= -1.50m).Select(e => e.Sk).ToListAsync());
    }

    [Fact]
    public async Task Converted_keys_are_stored_as_text_and_found_by_value()
    {
        var id = AllTypesData.SomeGuid;
        await using (var context = fixture.CreateContext())
        {
            context.AddRange(
                new GuidKeyed { Id = id, Kind = Mood.Happy, Note = "happy" },
                new GuidKeyed { Id = id, Kind = Mood.Sleepy, Note = "sleepy" });
            await context.SaveChangesAsync();
        }

        var raw = await fixture.GetItemAsync("GuidKeyed", ("Id", S("0f8fad5b-d9cb-469f-a165-70867728950e")), ("Kind", S("Sleepy")));
        Assert.Equal("sleepy", raw["Note"].S);

        await using var query = fixture.CreateContext();
        Assert.Equal("happy", (await query.GuidKeyed.FindAsync(id, Mood.Happy))!.Note);
        Assert.Equal(["happy", "sleepy"], (await query.GuidKeyed.Where(e => e.Id == id).Select(e => e.Note).ToListAsync()).Order());
        Assert.Equal(["sleepy"], await query.GuidKeyed.Where(e => e.Id == id && e.Kind == Mood.Sleepy).Select(e => e.Note).ToListAsync());
        Assert.Null(await query.GuidKeyed.FindAsync(id, Mood.Grumpy));
    }
}
