namespace EFCore.DynamoDb.FunctionalTests.SingleTable;

/// <summary>The Depot table, created once per test class; each test writes its own depots.</summary>
public class DepotFixture() : SingleTableFixture<DepotContext>("Depot")
{
    public override DepotContext CreateContext() => new(Options);

    /// <summary>A depot with three shipments (two express), a letter and a box.</summary>
    public static (Depot Depot, List<Parcel> Parcels) Aggregate(int id)
    {
        var depot = new Depot { Id = id, City = "City " + id };
        for (var s = 0; s < 3; s++)
        {
            depot.Shipments.Add(new Shipment
            {
                DepotId = id,
                Kind = s == 0 ? ShipmentKind.Standard : ShipmentKind.Express,
                ShipmentId = Guid.NewGuid(),
                Carrier = "carrier-" + s,
                Destination = new Address { Street = s + " Main St", Zip = "1000" + s },
            });
        }

        List<Parcel> parcels =
        [
            new Letter { DepotId = id, Code = "L-1", Weight = 0.1, Registered = true },
            new Box { DepotId = id, Code = "B-1", Weight = 2.5, Volume = 30 },
        ];
        return (depot, parcels);
    }
}
