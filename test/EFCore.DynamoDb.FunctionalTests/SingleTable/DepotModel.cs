using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.SingleTable;

public enum ShipmentKind
{
    Standard,
    Express,
}

/// <summary>A depot keyed by an int: PK = SK = DEPOT#{Id}.</summary>
public class Depot
{
    public int Id { get; set; }
    public string City { get; set; } = null!;
    public List<Shipment> Shipments { get; set; } = [];
}

/// <summary>A shipment in its depot's partition, SK = SHIP#{Kind}#{ShipmentId}; GSI1 inverts the keys to find it by its id.</summary>
public class Shipment
{
    public int DepotId { get; set; }
    public ShipmentKind Kind { get; set; }
    public Guid ShipmentId { get; set; }
    public string Carrier { get; set; } = null!;
    public Address Destination { get; set; } = null!;
    public Depot? Depot { get; set; }
}

public class Address
{
    public string Street { get; set; } = null!;
    public string Zip { get; set; } = null!;
}

/// <summary>Parcels of a hierarchy (told apart by EF's discriminator) in the depot's partition: SK = PARCEL#{Code}.</summary>
public abstract class Parcel
{
    public int DepotId { get; set; }
    public string Code { get; set; } = null!;
    public double Weight { get; set; }
}

public class Letter : Parcel
{
    public bool Registered { get; set; }
}

public class Box : Parcel
{
    public int Volume { get; set; }
}

/// <summary>A label whose sort key has a separator after a string hole: SK = LABEL#{Name}#{Version:D4}.</summary>
public class Label
{
    public int DepotId { get; set; }
    public string Name { get; set; } = null!;
    public int Version { get; set; }
}

/// <summary>Depots, shipments, parcels and labels in one table "Depot", keyed PK/SK.</summary>
public class DepotContext(DbContextOptions<DepotContext> options) : DbContext(options)
{
    public DbSet<Depot> Depots => Set<Depot>();

    public DbSet<Shipment> Shipments => Set<Shipment>();

    public DbSet<Parcel> Parcels => Set<Parcel>();

    public DbSet<Label> Labels => Set<Label>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Depot>(b =>
        {
            b.ToTable("Depot");
            b.HasPartitionKey("PK", d => d.Id, "DEPOT#{0}");
            b.HasSortKey("SK", d => d.Id, "DEPOT#{0}");
            b.HasMany(d => d.Shipments).WithOne(s => s.Depot).HasForeignKey(s => s.DepotId);
        });
        modelBuilder.Entity<Shipment>(b =>
        {
            b.ToTable("Depot");
            b.HasPartitionKey("PK", s => s.DepotId, "DEPOT#{0}");
            b.HasSortKey("SK", s => new { s.Kind, s.ShipmentId }, "SHIP#{0}#{1}");
            b.HasIndex(s => new { s.Kind, s.ShipmentId, s.DepotId }, "GSI1")
                .HasPartitionKey("GSI1PK", s => new { s.Kind, s.ShipmentId }, "SHIP#{0}#{1}")
                .HasSortKey("GSI1SK", s => s.DepotId, "DEPOT#{0}");
            b.OwnsOne(s => s.Destination);
        });
        modelBuilder.Entity<Parcel>(b =>
        {
            b.ToTable("Depot");
            b.HasPartitionKey("PK", p => p.DepotId, "DEPOT#{0}");
            b.HasSortKey("SK", p => p.Code, "PARCEL#{0}");
        });
        modelBuilder.Entity<Letter>();
        modelBuilder.Entity<Box>();
        modelBuilder.Entity<Label>(b =>
        {
            b.ToTable("Depot");
            b.HasPartitionKey("PK", l => l.DepotId, "DEPOT#{0}");
            b.HasSortKey("SK", l => new { l.Name, l.Version }, "LABEL#{0}#{1:D4}");
        });
    }
}
