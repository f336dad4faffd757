using Microsoft.EntityFrameworkCore;

namespace Orders;

/// <summary>
///     Customers, orders and order lines in ONE table, <c>Shop</c>, with the generic key attributes <c>PK</c> and <c>SK</c>: a
///     customer's partition holds the customer, its orders and their lines (an item collection), and each type is told apart by
///     its sort key's prefix (<c>CUSTOMER#</c>, <c>ORDER#</c>, <c>LINE#</c>), so the items carry no discriminator attribute. The
///     global index <c>GSI1</c> is overloaded the same way: <c>GSI1PK = "STATUS#Shipped"</c>, <c>GSI1SK = "ORDER#2026-02-14#00001002"</c>.
/// </summary>
public class OrdersContext(DbContextOptions<OrdersContext> options) : DbContext(options)
{
    /// <summary>The table's name before the options' table name prefix.</summary>
    public const string TableName = "Shop";

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(b =>
        {
            b.ToTable(TableName);
            b.HasPartitionKey("PK", c => c.Id, "CUSTOMER#{0}");
            b.HasSortKey("SK", c => c.Id, "CUSTOMER#{0}");
            b.HasMany(c => c.Orders).WithOne(o => o.Customer).HasForeignKey(o => o.CustomerId);
        });

        modelBuilder.Entity<Order>(b =>
        {
            b.ToTable(TableName);
            b.HasPartitionKey("PK", o => o.CustomerId, "CUSTOMER#{0}");
            b.HasSortKey("SK", o => new { o.OrderDate, o.OrderId }, "ORDER#{0:yyyy-MM-dd}#{1:D8}");
            b.Property(o => o.Status).HasConversion<string>();
            b.HasIndex(o => new { o.Status, o.OrderDate, o.OrderId }, "GSI1")
                .HasPartitionKey("GSI1PK", o => o.Status, "STATUS#{0}")
                .HasSortKey("GSI1SK", o => new { o.OrderDate, o.OrderId }, "ORDER#{0:yyyy-MM-dd}#{1:D8}");
            b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => new { l.CustomerId, l.OrderDate, l.OrderId });
        });

        modelBuilder.Entity<OrderLine>(b =>
        {
            b.ToTable(TableName);
            b.HasPartitionKey("PK", l => l.CustomerId, "CUSTOMER#{0}");
            b.HasSortKey("SK", l => new { l.OrderDate, l.OrderId, l.LineNumber }, "LINE#{0:yyyy-MM-dd}#{1:D8}#{2:D3}");
        });
    }
}
