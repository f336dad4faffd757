using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Update;

/// <summary>HasData is written by EnsureCreatedAsync in batches, any number of items, owned data inside its owner's item.</summary>
[Collection(UpdateCollection.Name)]
public class SeedingTests(UpdateFixture fixture)
{
    public class Station
    {
        public string Code { get; set; } = null!;

        public string Name { get; set; } = "";

        public int Version { get; set; }

        public Coordinates? Position { get; set; }
    }

    public class Coordinates
    {
        public double Latitude { get; set; }

        public double Longitude { get; set; }
    }

    private sealed class SeedContext(DbContextOptions<SeedContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Station>(b =>
            {
                b.ToTable("Station");
                b.HasPartitionKey(s => s.Code);
                b.Property(s => s.Version).IsRowVersion();
                b.HasData(Enumerable.Range(0, 60).Select(i => new Station { Code = $"S{i:000}", Name = $"Station {i}" }));
                b.OwnsOne(s => s.Position).HasData(new { StationCode = "S000", Latitude = 51.5, Longitude = -0.1 });
            });
    }

    [Fact]
    public async Task EnsureCreated_writes_all_seed_data_in_batches_with_owned_data_inside_the_owner()
    {
        var store = fixture.StartTest();
        await using var context = new SeedContext(store.Options<SeedContext>());

        Assert.True(await context.Database.EnsureCreatedAsync());

        Assert.Equal(3, store.Handler.Count("BatchWriteItem"));
        var items = await store.ScanAsync("Station");
        Assert.Equal(60, items.Count);
        var first = items.Single(i => i["Code"].S == "S000");
        Assert.Equal("Station 0", first["Name"].S);
        Assert.Equal("1", first["Version"].N);
        Assert.Equal("51.5", first["Position"].M["Latitude"].N);
        Assert.False(items.Single(i => i["Code"].S == "S001").ContainsKey("Position"));

        // A second EnsureCreated finds the table and writes nothing.
        store.Handler.Reset();
        Assert.False(await context.Database.EnsureCreatedAsync());
        Assert.Equal(0, store.Handler.Count("BatchWriteItem"));
    }
}
