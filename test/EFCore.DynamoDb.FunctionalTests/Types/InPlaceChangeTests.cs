using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Update.Infrastructure.UpdateTestStore;

namespace EFCore.DynamoDb.FunctionalTests.Types;

/// <summary>
///     Changes made in place (a set member added, a list element replaced, a byte changed, an owned element removed) are seen
///     by the comparers' snapshots and saved as an UpdateItem of exactly the attributes that changed; the stored item then
///     equals the item a fresh insert of the changed entity would store.
/// </summary>
[Collection(TypesCollection.Name)]
public partial class InPlaceChangeTests(TypesFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    /// <summary>Each change, and the top-level attributes its UpdateItem must write (SET or REMOVE).</summary>
    private static readonly Dictionary<string, (Action<AllTypes> Change, string[] Attributes)> Changes = new()
    {
        ["int"] = (e => e.Int = 42, ["Int"]),
        ["ulong"] = (e => e.ULong = 1, ["ULong"]),
        ["decimal"] = (e => e.Decimal = -0.0000000000000000000000000001m, ["Decimal"]),
        ["nullable-to-null"] = (e => e.NullableInt = null, ["NullableInt"]),
        ["bool"] = (e => e.NullableBool = true, ["NullableBool"]),
        ["string"] = (e => e.String = "𝄞", ["String"]),
        ["guid"] = (e => e.Guid = Guid.Empty, ["Guid"]),
        ["datetime"] = (e => e.DateTime = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), ["DateTime"]),
        ["timespan"] = (e => e.TimeSpan = TimeSpan.FromTicks(-5), ["TimeSpan"]),
        ["enum-string"] = (e => e.Mood = Mood.Happy, ["Mood"]),
        ["user-converted"] = (e => e.Temperature = new Celsius(0.5m), ["Temperature"]),
        ["user-converted-in-place"] = (e => e.Settings!.Plugins.Add("c"), ["Settings"]),
        ["bytes-in-place"] = (e => e.Bytes[1] = 0x42, ["Bytes"]),
        ["string-set-add"] = (e => e.StringSet.Add("new"), ["StringSet"]),
        ["int-set-remove"] = (e => e.IntSet.Remove(0), ["IntSet"]),
        ["set-cleared"] = (e => e.DecimalSet.Clear(), ["DecimalSet"]),
        ["binary-set-add"] = (e => e.BinarySet.Add([7, 7]), ["BinarySet"]),
        ["guid-set-add"] = (e => e.GuidSet.Add(AllTypesData.SomeGuid), ["GuidSet"]),
        ["datetime-set-remove"] = (e => e.DateTimeSet.Remove(DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc)), ["DateTimeSet"]),
        ["readonly-set-replaced"] = (e => e.ULongSet = new HashSet<ulong> { 1 }, ["ULongSet"]),
        ["list-element"] = (e => e.StringList[1] = "changed", ["StringList"]),
        ["array-element"] = (e => e.IntArray[0] = 99, ["IntArray"]),
        ["list-null-added"] = (e => e.NullableDoubleList.Add(null), ["NullableDoubleList"]),
        ["list-order"] = (e => e.StringList.Reverse(), ["StringList"]),
        ["enum-list-element"] = (e => e.EnumList[1] = Mood.Grumpy, ["EnumList"]),
        ["nested-list-in-place"] = (e => e.NestedList[1].Add(7), ["NestedList"]),
        ["bytes-in-list-in-place"] = (e => e.BytesList[0][0] = 9, ["BytesList"]),
        ["list-to-null"] = (e => e.NullableList = null, ["NullableList"]),
        ["list-emptied"] = (e => e.StringList.Clear(), ["StringList"]),
        ["map-value"] = (e => e.IntMap["a"] = 100, ["IntMap"]),
        ["map-remove"] = (e => e.IntMap.Remove("😀"), ["IntMap"]),
        ["map-null-value"] = (e => e.StringMap["e"] = null, ["StringMap"]),
        ["map-list-value-in-place"] = (e => e.ListMap["x"].Add(3m), ["ListMap"]),
        ["map-set-value-in-place"] = (e => e.SetMap["none"].Add("z"), ["SetMap"]),
        ["nested-map-in-place"] = (e => e.NestedMap["outer"]["t"] = false, ["NestedMap"]),
        ["map-added-to-empty"] = (e => e.NullableMap!["k"] = 1, ["NullableMap"]),
        ["owned-reference-property"] = (e => e.Profile!.DisplayName = "x", ["Profile"]),
        ["owned-reference-null-to-value"] = (e => e.Profile!.Since = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), ["Profile"]),
        ["owned-nested-collection-add"] = (e => e.Profile!.Badges.Add(new Badge { Name = "new", Level = 1, Tags = ["n"] }), ["Profile"]),
        ["owned-nested-collection-remove"] = (e => e.Profile!.Badges.RemoveAt(0), ["Profile"]),
        ["owned-nested-set-in-place"] = (e => e.Profile!.Badges[0].Tags.Add("z"), ["Profile"]),
        ["owned-reference-removed"] = (e => e.Profile = null, ["Profile"]),
        ["owned-collection-add"] = (e => e.Lines.Add(new Line { Sku = "C", Price = 3m }), ["Lines"]),
        ["owned-collection-remove"] = (e => e.Lines.RemoveAt(0), ["Lines"]),
        ["owned-collection-element"] = (e => e.Lines[1].Price = 1m, ["Lines"]),
        ["complex-nested-in-place"] = (e => e.Dimensions.Unit.Factor = 2m, ["Dimensions"]),
        ["complex-replaced"] = (e => e.Dimensions = new Dimensions { Width = 1, Height = 2, Finish = Mood.Happy, Unit = new Unit { Name = "m" } }, ["Dimensions"]),
    };

    public static TheoryData<string> ChangeNames => [.. Changes.Keys];

    private async Task InsertAsync(AllTypes entity)
    {
        await using var context = fixture.CreateContext();
        context.Add(entity);
        await context.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(ChangeNames))]
    public async Task A_change_in_place_is_detected_and_saved_exactly(string name)
    {
        var (change, attributes) = Changes[name];
        var id = "change-" + name;
        await InsertAsync(AllTypesData.Max(id));

        // The item a fresh insert of the changed entity stores is what the update must leave.
        var expected = AllTypesData.Max(id + "-expected");
        change(expected);
        await InsertAsync(expected);

        await using (var context = fixture.CreateContext())
        {
            var entity = await context.AllTypes.SingleAsync(e => e.Id == id);
            change(entity);
            Assert.True(context.ChangeTracker.HasChanges());

            Store.Handler.Reset();
            Store.Handler.RecordBodiesOf.Add("UpdateItem");
            await context.SaveChangesAsync();

            Assert.Equal(["UpdateItem"], Store.Handler.Operations);
            Assert.Equal(attributes, UpdatedAttributes(Assert.Single(Store.Handler.Bodies).Body));
            Assert.False(context.ChangeTracker.HasChanges());
        }

        var stored = await fixture.GetItemAsync("AllTypes", ("Id", S(id)));
        var fresh = await fixture.GetItemAsync("AllTypes", ("Id", S(id + "-expected")));
        fresh["Id"] = stored["Id"];
        Deep.Item(fresh, stored);

        await using (var context = fixture.CreateContext())
        {
            var read = await context.AllTypes.AsNoTracking().SingleAsync(e => e.Id == id);
            read.Id = expected.Id;
            Deep.Equal(expected, read);
        }
    }

    [Fact]
    public async Task Every_change_at_once_is_one_UpdateItem_leaving_the_item_a_fresh_insert_would_store()
    {
        const string id = "change-all";
        await InsertAsync(AllTypesData.Max(id));
        var expected = AllTypesData.Max(id + "-expected");
        foreach (var (change, _) in Changes.Values.Where(c => c.Attributes is not ["Profile"]))
        {
            change(expected);
        }

        await InsertAsync(expected);

        await using (var context = fixture.CreateContext())
        {
            var entity = await context.AllTypes.SingleAsync(e => e.Id == id);
            foreach (var (change, _) in Changes.Values.Where(c => c.Attributes is not ["Profile"]))
            {
                change(entity);
            }

            Store.Handler.Reset();
            await context.SaveChangesAsync();
            Assert.Equal(["UpdateItem"], Store.Handler.Operations);
        }

        var stored = await fixture.GetItemAsync("AllTypes", ("Id", S(id)));
        var fresh = await fixture.GetItemAsync("AllTypes", ("Id", S(id + "-expected")));
        fresh["Id"] = stored["Id"];
        Deep.Item(fresh, stored);
    }

    [Fact]
    public async Task Replacing_values_with_equal_copies_writes_nothing()
    {
        const string id = "equal-copies";
        await InsertAsync(AllTypesData.Max(id));

        await using var context = fixture.CreateContext();
        var entity = await context.AllTypes.SingleAsync(e => e.Id == id);
        var copy = AllTypesData.Max(id);
        entity.Bytes = copy.Bytes;
        entity.StringSet = copy.StringSet;
        entity.BinarySet = copy.BinarySet;
        entity.DecimalSet = copy.DecimalSet;
        entity.NestedList = copy.NestedList;
        entity.ListMap = copy.ListMap;
        entity.SetMap = copy.SetMap;
        entity.Settings = copy.Settings;
        entity.Temperature = copy.Temperature;
        entity.DateTime = copy.DateTime;
        entity.Dimensions = copy.Dimensions;

        Store.Handler.Reset();
        Assert.Equal(0, await context.SaveChangesAsync());
        Assert.Empty(Store.Handler.Operations);
    }

    /// <summary>
    ///     The top-level attributes an UpdateItem request SETs or REMOVEs (or writes inside, at a nested path such as
    ///     <c>#Profile.#DisplayName</c>), sorted.
    /// </summary>
    private static string[] UpdatedAttributes(string body)
    {
        var root = JsonDocument.Parse(body).RootElement;
        var names = root.GetProperty("ExpressionAttributeNames").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var update = root.GetProperty("UpdateExpression").GetString()!;
        return PlaceholderPattern().Matches(update)
            .Select(m => names[m.Value])
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>A name placeholder that starts a document path (not a member of a map or element of a list before it).</summary>
    [GeneratedRegex(@"(?<![.\]])#[A-Za-z0-9_]+")]
    private static partial Regex PlaceholderPattern();
}
