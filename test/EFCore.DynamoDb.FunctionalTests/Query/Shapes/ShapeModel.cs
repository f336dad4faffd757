using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query.Shapes;

/// <summary>A key of a struct type, stored through a value converter as its number.</summary>
public readonly struct ProductKey(int value) : IEquatable<ProductKey>
{
    public int Value { get; } = value;

    public bool Equals(ProductKey other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is ProductKey other && Equals(other);

    public override int GetHashCode() => Value;

    public override string ToString() => "P" + Value;
}

/// <summary>A customer: a string partition key, a required and an optional string, and its orders (another entity type).</summary>
public class ShapeCustomer
{
    public string CustomerId { get; set; } = null!;
    public string City { get; set; } = null!;
    public string? Region { get; set; }
    public List<ShapeOrder> Orders { get; set; } = [];

    public override string ToString() => $"Customer {CustomerId} {City} {Region ?? "(null)"}";
}

/// <summary>An order: partition key CustomerId, sort key OrderId, numbers of several widths and signs, an LSI on PostedBy.</summary>
public class ShapeOrder
{
    public string CustomerId { get; set; } = null!;
    public int OrderId { get; set; }
    public uint? EmployeeId { get; set; }
    public short Int16 { get; set; }
    public long? ReportsTo { get; set; }
    public DateTime? OrderDate { get; set; }
    public string? PostedBy { get; set; }
    public string Channel { get; set; } = null!;
    public Status State { get; set; }

    public override string ToString() => $"Order {CustomerId}/{OrderId}";
}

/// <summary>A product keyed by a struct with a converter.</summary>
public class ShapeProduct
{
    public ProductKey Key { get; set; }
    public string Name { get; set; } = null!;
    public int Stock { get; set; }

    public override string ToString() => $"Product {Key} {Name} {Stock}";
}

public class ShapeContext(DbContextOptions<ShapeContext> options) : DbContext(options)
{
    public DbSet<ShapeCustomer> Customers => Set<ShapeCustomer>();

    public DbSet<ShapeOrder> Orders => Set<ShapeOrder>();

    public DbSet<ShapeProduct> Products => Set<ShapeProduct>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ShapeCustomer>(b =>
        {
            b.ToTable("Customers");
            b.HasPartitionKey(c => c.CustomerId);
            b.HasMany(c => c.Orders).WithOne().HasForeignKey(o => o.CustomerId);
        });
        modelBuilder.Entity<ShapeOrder>(b =>
        {
            b.ToTable("Orders");
            b.HasPartitionKey(o => o.CustomerId);
            b.HasSortKey(o => o.OrderId);
            b.HasIndex(o => new { o.CustomerId, o.PostedBy }, "ByPostedBy").IsLocalSecondaryIndex();
            b.HasIndex(o => new { o.CustomerId, o.Channel }, "ByChannel").IsLocalSecondaryIndex();
        });
        modelBuilder.Entity<ShapeProduct>(b =>
        {
            b.ToTable("Products");
            b.Property(p => p.Key).HasConversion(k => k.Value, v => new ProductKey(v));
            b.HasPartitionKey(p => p.Key);
        });
    }
}
