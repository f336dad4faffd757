using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.SingleTable;

public enum OrderStatus
{
    Placed,
    Shipped,
    Delivered,
}

/// <summary>A customer: PK = CUSTOMER#{Id}, SK = CUSTOMER#{Id}.</summary>
public class Customer
{
    public string Id { get; set; } = null!;
    public string Name { get; set; } = null!;
    public string? Email { get; set; }
    public List<Order> Orders { get; set; } = [];

    public override string ToString() => $"Customer {Id} {Name}";
}

/// <summary>An order in its customer's partition: SK = ORDER#{date}#{id}; GSI1 = STATUS#{status} / {date}#{id}.</summary>
public class Order
{
    public string CustomerId { get; set; } = null!;
    public DateTime OrderDate { get; set; }
    public int OrderId { get; set; }
    public OrderStatus Status { get; set; }
    public decimal Total { get; set; }
    public Customer? Customer { get; set; }
    public List<OrderLine> Lines { get; set; } = [];

    public override string ToString() => $"Order {CustomerId}/{OrderDate:yyyy-MM-dd}/{OrderId} {Status} {Total:0.00}";
}

/// <summary>A line of an order, in the same partition: SK = LINE#{orderId:D8}#{line:D3}.</summary>
public class OrderLine
{
    public string CustomerId { get; set; } = null!;
    public DateTime OrderDate { get; set; }
    public int OrderId { get; set; }
    public int LineNumber { get; set; }
    public string Product { get; set; } = null!;
    public int Quantity { get; set; }

    public override string ToString() => $"Line {CustomerId}/{OrderId}/{LineNumber} {Product} x{Quantity}";
}

/// <summary>Customers, orders and lines in one table "Shop", keyed PK/SK, told apart by their sort key prefixes.</summary>
public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> Lines => Set<OrderLine>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(b =>
        {
            b.ToTable("Shop");
            b.HasPartitionKey("PK", c => c.Id, "CUSTOMER#{0}");
            b.HasSortKey("SK", c => c.Id, "CUSTOMER#{0}");
            b.HasMany(c => c.Orders).WithOne(o => o.Customer).HasForeignKey(o => o.CustomerId);
        });
        modelBuilder.Entity<Order>(b =>
        {
            b.ToTable("Shop");
            b.HasPartitionKey("PK", o => o.CustomerId, "CUSTOMER#{0}");
            b.HasSortKey("SK", o => new { o.OrderDate, o.OrderId }, "ORDER#{0:yyyy-MM-dd}#{1:D8}");
            b.HasIndex(o => new { o.Status, o.OrderDate, o.OrderId }, "GSI1")
                .HasPartitionKey("GSI1PK", o => o.Status, "STATUS#{0}")
                .HasSortKey("GSI1SK", o => new { o.OrderDate, o.OrderId }, "{0:yyyy-MM-dd}#{1:D8}");
            b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => new { l.CustomerId, l.OrderDate, l.OrderId });
        });
        modelBuilder.Entity<OrderLine>(b =>
        {
            b.ToTable("Shop");
            b.HasPartitionKey("PK", l => l.CustomerId, "CUSTOMER#{0}");
            b.HasSortKey("SK", l => new { l.OrderId, l.LineNumber }, "LINE#{0:D8}#{1:D3}");
        });
    }
}
