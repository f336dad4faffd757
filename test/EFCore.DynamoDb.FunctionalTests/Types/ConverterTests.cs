using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using static EFCore.DynamoDb.FunctionalTests.Types.Infrastructure.Deep;

namespace EFCore.DynamoDb.FunctionalTests.Types;

/// <summary>
///     Values converted by HasConversion are stored as whatever their provider type maps to: EF's built-in converters (to
///     string, int, long, byte[]), user lambdas, converters into a type the provider converts again (a Guid, then lower-case
///     text) and into collections (a set, a list); queries compare with the same converted form.
/// </summary>
[Collection(TypesCollection.Name)]
public class ConverterTests(TypesFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private static Converted NewConverted(string id)
        => new()
        {
            Id = id,
            Website = new Uri("https://example.com/a?b=c"),
            Flag = true,
            Ticks = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            GuidBytes = AllTypesData.SomeGuid,
            GuidCode = new Code("0F8FAD5B-D9CB-469F-A165-70867728950E"),
            Csv = ["a", "b", ""],
            Distinct = [1, 2, 3],
            Moods = [Mood.Sleepy, Mood.Happy],
            Binary = AllTypesData.ShiftedOffset,
        };

    [Fact]
    public async Task Converted_values_are_stored_as_their_provider_type_and_read_back()
    {
        await using (var context = fixture.CreateContext())
        {
            context.Add(NewConverted("converted"));
            await context.SaveChangesAsync();
        }

        Item(
            new Dictionary<string, AttributeValue>
            {
                ["Id"] = S("converted"),
                ["Website"] = S("https://example.com/a?b=c"),
                ["Flag"] = N("1"),
                // HasConversion<long>() on a DateTime is EF's DateTimeToBinaryConverter: DateTime.ToBinary, Kind included.
                ["Ticks"] = N(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).ToBinary().ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["GuidBytes"] = B(AllTypesData.SomeGuid.ToByteArray()),
                ["GuidCode"] = S("0f8fad5b-d9cb-469f-a165-70867728950e"),
                ["Csv"] = S("a,b,"),
                ["Distinct"] = NS("1", "2", "3"),
                ["Moods"] = L(S("Sleepy"), S("Happy")),
                ["Binary"] = N(Convert.ToString(new DateTimeOffsetToBinaryConverter().ConvertToProvider(AllTypesData.ShiftedOffset), System.Globalization.CultureInfo.InvariantCulture)!),
            },
            await fixture.GetItemAsync("Converted", ("Id", S("converted"))));

        await using (var context = fixture.CreateContext())
        {
            var read = await context.Converted.SingleAsync(c => c.Id == "converted");
            Assert.Equal(new Uri("https://example.com/a?b=c"), read.Website);
            Assert.True(read.Flag);
            Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5), read.Ticks);
            Assert.Equal(DateTimeKind.Utc, read.Ticks.Kind);
            Assert.Equal(AllTypesData.SomeGuid, read.GuidBytes);
            Assert.Equal(new Code("0f8fad5bd9cb469fa16570867728950e"), read.GuidCode); // the converter's own reading of the Guid
            Assert.Equal(["a", "b", ""], read.Csv);
            Assert.Equal([1, 2, 3], read.Distinct);
            Assert.Equal([Mood.Sleepy, Mood.Happy], read.Moods);

            // EF's binary converter keeps the offset, to the millisecond.
            Assert.Equal(AllTypesData.ShiftedOffset.Offset, read.Binary.Offset);
            Assert.Equal(AllTypesData.ShiftedOffset.Ticks / 10_000, read.Binary.Ticks / 10_000);
            Assert.False(context.ChangeTracker.HasChanges());
        }
    }

    [Fact]
    public async Task Queries_compare_with_the_converted_form()
    {
        await using (var context = fixture.CreateContext())
        {
            context.Add(NewConverted("query-converted"));
            await context.SaveChangesAsync();
        }

        await using var query = fixture.CreateContext();
        var mine = query.Converted.Where(c => c.Id == "query-converted");
        Assert.Single(await mine.Where(c => c.GuidCode == new Code("0F8FAD5BD9CB469FA16570867728950E")).ToListAsync());
        Assert.Single(await mine.Where(c => c.Flag).ToListAsync());
        Assert.Single(await mine.Where(c => c.Website == new Uri("https://example.com/a?b=c")).ToListAsync());
        Assert.Single(await mine.Where(c => c.GuidBytes == AllTypesData.SomeGuid).ToListAsync());
        Assert.Empty(await mine.Where(c => c.GuidBytes == Guid.Empty).ToListAsync());

        // A user converter's stored form need not sort like the CLR values, so ordering comparisons are refused, not guessed.
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => mine.Where(c => c.Ticks > DateTime.UnixEpoch).ToListAsync());
        Assert.Contains("whose stored form does not sort like the CLR values", exception.Message);
    }

    [Fact]
    public async Task In_place_changes_behind_a_converter_are_seen_through_its_comparer()
    {
        await using (var context = fixture.CreateContext())
        {
            context.Add(NewConverted("converted-change"));
            await context.SaveChangesAsync();
        }

        await using (var context = fixture.CreateContext())
        {
            var read = await context.Converted.SingleAsync(c => c.Id == "converted-change");
            read.Csv.Add("d");
            read.Distinct[0] = 9;
            read.Moods[1] = Mood.Grumpy;
            await context.SaveChangesAsync();
        }

        var item = await fixture.GetItemAsync("Converted", ("Id", S("converted-change")));
        Attribute(S("a,b,,d"), item["Csv"], "Csv");
        Attribute(NS("2", "3", "9"), item["Distinct"], "Distinct");
        Attribute(L(S("Sleepy"), S("Grumpy")), item["Moods"], "Moods");
    }
}
