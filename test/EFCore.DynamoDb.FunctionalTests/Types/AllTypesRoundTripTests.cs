using EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Update.Infrastructure.UpdateTestStore;

namespace EFCore.DynamoDb.FunctionalTests.Types;

/// <summary>
///     One entity holding every type of docs/design.md's type table, saved with edge values, read back in fresh contexts (tracking
///     and not) and checked attribute by attribute with the raw SDK: each value is stored as its native DynamoDB type.
/// </summary>
[Collection(TypesCollection.Name)]
public class AllTypesRoundTripTests(TypesFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    public static TheoryData<string> Rows => ["max", "min"];

    private static AllTypes Create(string row, string id) => row == "max" ? AllTypesData.Max(id) : AllTypesData.Min(id);

    private static Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> Expected(string row, string id)
        => row == "max" ? AllTypesData.MaxItem(id) : AllTypesData.MinItem(id);

    private async Task InsertAsync(AllTypes entity)
    {
        await using var context = fixture.CreateContext();
        context.Add(entity);
        await context.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Every_type_is_stored_as_its_native_DynamoDB_type_and_form(string row)
    {
        var id = "stored-" + row;
        await using (var context = fixture.CreateContext())
        {
            context.Add(Create(row, id));
            Store.Handler.Reset();
            await context.SaveChangesAsync();
            Assert.Equal(["PutItem"], Store.Handler.Operations);
        }

        // Exactly these attributes: null values and empty sets are no attribute at all.
        var item = await fixture.GetItemAsync("AllTypes", ("Id", S(id)));
        Deep.Item(Expected(row, id), item);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Every_type_reads_back_equal_in_a_fresh_tracking_context(string row)
    {
        var id = "tracking-" + row;
        var original = Create(row, id);
        await InsertAsync(original);

        await using var context = fixture.CreateContext();
        var read = await context.AllTypes.SingleAsync(e => e.Id == id);

        Deep.Equal(Create(row, id), read);
        Assert.Equal(EntityState.Unchanged, context.Entry(read).State);

        // The comparers see the snapshot they took as equal to what was read: nothing to save.
        Assert.False(context.ChangeTracker.HasChanges());
        Store.Handler.Reset();
        Assert.Equal(0, await context.SaveChangesAsync());
        Assert.Empty(Store.Handler.Operations);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Every_type_reads_back_equal_without_tracking_and_through_Find(string row)
    {
        var id = "notracking-" + row;
        await InsertAsync(Create(row, id));

        await using (var context = fixture.CreateContext())
        {
            var read = await context.AllTypes.AsNoTracking().Where(e => e.Id == id).ToListAsync();
            Deep.Equal(Create(row, id), Assert.Single(read));
        }

        await using (var context = fixture.CreateContext())
        {
            var found = await context.AllTypes.FindAsync(id);
            Deep.Equal(Create(row, id), found);
        }
    }

    [Fact]
    public async Task Negative_zero_reads_back_as_zero_as_DynamoDB_has_no_negative_zero()
    {
        await InsertAsync(AllTypesData.Min("negative-zero"));

        await using var context = fixture.CreateContext();
        var read = await context.AllTypes.AsNoTracking().SingleAsync(e => e.Id == "negative-zero");

        Assert.False(double.IsNegative(read.Double));
        Assert.False(float.IsNegative(read.Float));
        Assert.Equal(0.0, read.Double);
    }

    [Fact]
    public async Task Offsets_are_not_kept_but_the_instant_is()
    {
        await InsertAsync(AllTypesData.Max("offset"));

        await using var context = fixture.CreateContext();
        var read = await context.AllTypes.AsNoTracking().SingleAsync(e => e.Id == "offset");

        Assert.Equal(AllTypesData.ShiftedOffset.UtcTicks, read.DateTimeOffset.UtcTicks);
        Assert.Equal(TimeSpan.Zero, read.DateTimeOffset.Offset);
        Assert.Equal(DateTimeKind.Utc, read.NullableDateTime!.Value.Kind);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Projections_read_every_type_like_entities(string row)
    {
        var id = "projection-" + row;
        await InsertAsync(Create(row, id));
        var expected = Create(row, id);

        await using var context = fixture.CreateContext();
        var projected = await context.AllTypes
            .Where(e => e.Id == id)
            .Select(e => new
            {
                e.ULong,
                e.NullableULong,
                e.Decimal,
                e.NullableDecimal,
                e.Float,
                e.Double,
                e.NullableDouble,
                e.Bool,
                e.NullableBool,
                e.String,
                e.NullableString,
                e.Char,
                e.NullableChar,
                e.Guid,
                e.NullableGuid,
                e.Bytes,
                e.NullableBytes,
                e.DateTime,
                e.NullableDateTime,
                e.DateTimeOffset,
                e.NullableDateTimeOffset,
                e.DateOnly,
                e.TimeOnly,
                e.TimeSpan,
                e.NullableTimeSpan,
                e.Color,
                e.NullableColor,
                e.Mood,
                e.NullableMood,
                e.Access,
                e.Temperature,
                e.NullableTemperature,
                e.Email,
                e.StringSet,
                e.IntSet,
                e.ULongSet,
                e.BinarySet,
                e.DateTimeSet,
                e.IntArray,
                e.NullableDoubleList,
                e.NestedList,
                e.EnumList,
                e.NullableList,
                e.StringMap,
                e.ListMap,
                e.SetMap,
                e.NullableMap,
            })
            .SingleAsync();

        Deep.Equal(
            new
            {
                expected.ULong,
                expected.NullableULong,
                expected.Decimal,
                expected.NullableDecimal,
                expected.Float,
                expected.Double,
                expected.NullableDouble,
                expected.Bool,
                expected.NullableBool,
                expected.String,
                expected.NullableString,
                expected.Char,
                expected.NullableChar,
                expected.Guid,
                expected.NullableGuid,
                expected.Bytes,
                expected.NullableBytes,
                expected.DateTime,
                expected.NullableDateTime,
                expected.DateTimeOffset,
                expected.NullableDateTimeOffset,
                expected.DateOnly,
                expected.TimeOnly,
                expected.TimeSpan,
                expected.NullableTimeSpan,
                expected.Color,
                expected.NullableColor,
                expected.Mood,
                expected.NullableMood,
                expected.Access,
                expected.Temperature,
                expected.NullableTemperature,
                expected.Email,
                expected.StringSet,
                expected.IntSet,
                expected.ULongSet,
                expected.BinarySet,
                expected.DateTimeSet,
                expected.IntArray,
                expected.NullableDoubleList,
                expected.NestedList,
                expected.EnumList,
                expected.NullableList,
                expected.StringMap,
                expected.ListMap,
                expected.SetMap,
                expected.NullableMap,
            },
            projected);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Owned_and_complex_values_project_and_read_like_the_entity(string row)
    {
        var id = "owned-projection-" + row;
        await InsertAsync(Create(row, id));
        var expected = Create(row, id);

        await using var context = fixture.CreateContext();
        var projected = await context.AllTypes.AsNoTracking()
            .Where(e => e.Id == id)
            .Select(e => new { e.Profile, e.Lines, e.Dimensions })
            .SingleAsync();

        Deep.Equal(new { expected.Profile, expected.Lines, expected.Dimensions }, projected);
    }
}
