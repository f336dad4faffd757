using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Conformance.Model;

/// <summary>The conformance suite's Northwind-style model: five tables, a global and a local index, an owned type.</summary>
public class ConformanceContext(DbContextOptions<ConformanceContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderDetail> OrderDetails => Set<OrderDetail>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Employee> Employees => Set<Employee>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(b =>
        {
            b.HasPartitionKey(c => c.CustomerID);
            b.OwnsOne(c => c.Address);
            b.HasMany(c => c.Orders).WithOne().HasForeignKey(o => o.CustomerID);
        });
        modelBuilder.Entity<Order>(b =>
        {
            b.HasPartitionKey(o => o.CustomerID);
            b.HasSortKey(o => o.OrderID);
            b.HasIndex(o => new { o.EmployeeID, o.OrderDate }, "ByEmployee");
            b.HasIndex(o => new { o.CustomerID, o.OrderDate }, "ByOrderDate").IsLocalSecondaryIndex();
        });
        modelBuilder.Entity<OrderDetail>(b =>
        {
            b.HasPartitionKey(d => d.OrderID);
            b.HasSortKey(d => d.ProductID);
        });
        modelBuilder.Entity<Product>(b =>
        {
            b.HasPartitionKey(p => p.ProductID);
            b.Property(p => p.ProductName).HasAttributeName("name");
            b.Property(p => p.Category).HasConversion<string>();
        });
        modelBuilder.Entity<Employee>(b =>
        {
            b.HasPartitionKey(e => e.EmployeeID);
            b.Property(e => e.Notes).HasAttributeName("notes");
        });
    }
}
