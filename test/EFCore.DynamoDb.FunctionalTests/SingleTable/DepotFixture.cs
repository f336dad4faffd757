using Amazon.DynamoDBv2;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.SingleTable;

/// <summary>The Depot table, created once per test class; each test writes its own depots.</summary>
public class DepotFixture : IAsyncLifetime
{
    public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix("Depot");

    public TestLoggerFactory Logs { get; } = new();

    public DbContextOptions<DepotContext> Options { get; private set; } = null!;

    public IAmazonDynamoDB RawClient { get; private set; } = null!;

    public string Table => Prefix + "Depot";

    public DepotContext CreateContext() => new(Options);

    public async Task InitializeAsync()
    {
        Options = await DynamoDbTestEnvironment.CreateOptionsAsync<DepotContext>(Prefix, Logs);
        RawClient = await DynamoDbTestEnvironment.CreateRawClientAsync();
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
        Logs.Clear();
    }

    public async Task DisposeAsync()
    {
        await using var context = CreateContext();
        await context.Database.EnsureDeletedAsync();
        RawClient.Dispose();
    }

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
