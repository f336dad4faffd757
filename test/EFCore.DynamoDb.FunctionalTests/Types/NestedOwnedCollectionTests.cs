using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Types.Infrastructure.Deep;

namespace EFCore.DynamoDb.FunctionalTests.Types;

/// <summary>An owned collection whose elements own a collection and a reference: an L of M holding an L of M and an M.</summary>
[Collection(TypesCollection.Name)]
public class NestedOwnedCollectionTests(TypesFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private static Shipment NewShipment(string id)
        => new()
        {
            Id = id,
            Parcels =
            [
                new Parcel
                {
                    Code = "P1",
                    Contents = [new Content { Name = "a", Quantity = 1, Flags = ["x"] }, new Content { Name = "b", Quantity = 2 }],
                    Seal = new Seal { Number = "S1", SealedAt = new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.FromHours(1)) },
                },
                new Parcel { Code = "P2", Contents = [], Seal = null },
                new Parcel { Code = "P3", Contents = [new Content { Name = "c", Quantity = 3 }] },
            ],
        };

    private static AttributeValue ContentItem(string name, int quantity, params string[] flags)
        => flags.Length == 0
            ? M(("Name", S(name)), ("Quantity", N(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            : M(("Name", S(name)), ("Quantity", N(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture))), ("Flags", SS(flags)));

    [Fact]
    public async Task Nested_owned_collections_are_stored_as_lists_of_maps_and_read_back()
    {
        await using (var context = fixture.CreateContext())
        {
            context.Add(NewShipment("nested"));
            await context.SaveChangesAsync();
        }

        Item(
            new Dictionary<string, AttributeValue>
            {
                ["Id"] = S("nested"),
                ["Parcels"] = L(
                    M(
                        ("Code", S("P1")),
                        ("Contents", L(ContentItem("a", 1, "x"), ContentItem("b", 2))),
                        ("Seal", M(("Number", S("S1")), ("SealedAt", S("2024-01-01T00:00:00.0000000+00:00"))))),
                    M(("Code", S("P2")), ("Contents", L())),
                    M(("Code", S("P3")), ("Contents", L(ContentItem("c", 3))))),
            },
            await fixture.GetItemAsync("Shipment", ("Id", S("nested"))));

        await using (var context = fixture.CreateContext())
        {
            Deep.Equal(NewShipment("nested"), await context.Shipments.SingleAsync(s => s.Id == "nested"));
            Assert.False(context.ChangeTracker.HasChanges());
        }

        await using (var context = fixture.CreateContext())
        {
            Deep.Equal(NewShipment("nested"), await context.Shipments.AsNoTracking().SingleAsync(s => s.Id == "nested"));
            Deep.Equal(
                NewShipment("nested").Parcels,
                await context.Shipments.AsNoTracking().Where(s => s.Id == "nested").Select(s => s.Parcels).SingleAsync());
        }
    }

    [Fact]
    public async Task Changes_deep_inside_nested_owned_collections_rewrite_the_outer_list()
    {
        static void Change(Shipment shipment)
        {
            shipment.Parcels[0].Contents.RemoveAt(0);
            shipment.Parcels[2].Contents.Add(new Content { Name = "d", Quantity = 4 });
            shipment.Parcels[1].Seal = new Seal { Number = "S2" };
            shipment.Parcels[0].Contents[0].Flags.Add("new");
            shipment.Parcels[0].Seal!.SealedAt = null;
        }

        await using (var context = fixture.CreateContext())
        {
            context.Add(NewShipment("nested-change"));
            await context.SaveChangesAsync();
        }

        await using (var context = fixture.CreateContext())
        {
            var shipment = await context.Shipments.SingleAsync(s => s.Id == "nested-change");
            Change(shipment);
            Store.Handler.Reset();
            await context.SaveChangesAsync();
            Assert.Equal(["UpdateItem"], Store.Handler.Operations);
        }

        var expected = NewShipment("nested-change");
        Change(expected);
        Item(
            new Dictionary<string, AttributeValue>
            {
                ["Id"] = S("nested-change"),
                ["Parcels"] = L(
                    M(("Code", S("P1")), ("Contents", L(ContentItem("b", 2, "new"))), ("Seal", M(("Number", S("S1"))))),
                    M(("Code", S("P2")), ("Contents", L()), ("Seal", M(("Number", S("S2"))))),
                    M(("Code", S("P3")), ("Contents", L(ContentItem("c", 3), ContentItem("d", 4))))),
            },
            await fixture.GetItemAsync("Shipment", ("Id", S("nested-change"))));

        await using (var context = fixture.CreateContext())
        {
            Deep.Equal(expected, await context.Shipments.AsNoTracking().SingleAsync(s => s.Id == "nested-change"));
        }
    }
}
