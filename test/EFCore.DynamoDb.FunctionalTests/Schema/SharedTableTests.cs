using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Schema.TableDescriptions;

namespace EFCore.DynamoDb.FunctionalTests.Schema;

/// <summary>Single-table design: two entity types in one table, told apart by a discriminator attribute.</summary>
public class SharedTableTests
{
    public class Customer
    {
        public string Pk { get; set; } = null!;
        public string Sk { get; set; } = null!;
        public string Name { get; set; } = null!;
        public string Email { get; set; } = null!;
    }

    public class Order
    {
        public string Pk { get; set; } = null!;
        public string Sk { get; set; } = null!;
        public decimal Total { get; set; }
        public string Email { get; set; } = null!;
    }

    public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
    {
        public DbSet<Customer> Customers => Set<Customer>();
        public DbSet<Order> Orders => Set<Order>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Customer>(b =>
            {
                b.ToTable("Shop");
                b.HasPartitionKey(c => c.Pk);
                b.HasSortKey(c => c.Sk);
                b.HasIndex(c => c.Email, "ByEmail").HasProjection(DynamoDbIndexProjection.KeysOnly);
            });
            modelBuilder.Entity<Order>(b =>
            {
                b.ToTable("Shop");
                b.HasPartitionKey(o => o.Pk);
                b.HasSortKey(o => o.Sk);
                b.HasIndex(o => o.Email, "ByEmail").HasProjection(DynamoDbIndexProjection.KeysOnly);
                b.HasIndex(o => o.Total, "ByTotal").IncludeProperties(o => o.Email);
            });
        }
    }

    [Fact]
    public async Task Two_entity_types_share_one_table_with_a_discriminator_projected_into_its_indexes()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(SharedTableTests));
        await using var context = new ShopContext(await DynamoDbTestEnvironment.CreateOptionsAsync<ShopContext>(prefix));

        foreach (var (type, value) in new[] { (typeof(Customer), "Customer"), (typeof(Order), "Order") })
        {
            var entityType = context.Model.FindEntityType(type)!;
            Assert.Equal("Shop", entityType.GetTableName());
            Assert.Equal("Discriminator", entityType.FindDiscriminatorProperty()!.GetAttributeName());
            Assert.Equal(value, entityType.GetDiscriminatorValue());
        }

        Assert.True(await context.Database.EnsureCreatedAsync());

        Assert.Equal([prefix + "Shop"], await ListTablesAsync(prefix));
        var table = await DescribeAsync(prefix + "Shop");
        Assert.Equal(["Pk HASH", "Sk RANGE"], Keys(table.KeySchema));
        Assert.Equal(["Email S", "Pk S", "Sk S", "Total N"], Attributes(table));
        var indexes = (table.GlobalSecondaryIndexes ?? []).OrderBy(i => i.IndexName, StringComparer.Ordinal).ToList();
        Assert.Equal(["ByEmail", "ByTotal"], indexes.Select(i => i.IndexName));

        // A keys-only index of a shared table still carries the discriminator, so index queries can tell the types apart.
        Assert.Equal("INCLUDE Discriminator", Projection(indexes[0].Projection));
        Assert.Equal("INCLUDE Discriminator, Email", Projection(indexes[1].Projection));

        Assert.True(await context.Database.EnsureDeletedAsync());
    }

    [Fact]
    public async Task Queries_of_each_type_only_see_that_types_items()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(Queries_of_each_type_only_see_that_types_items));
        await using var context = new ShopContext(await DynamoDbTestEnvironment.CreateOptionsAsync<ShopContext>(prefix));
        Assert.True(await context.Database.EnsureCreatedAsync());

        // Written with the raw SDK, as the single-table items another tool would write.
        using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
        await raw.PutItemAsync(new PutItemRequest
        {
            TableName = prefix + "Shop",
            Item = new()
            {
                ["Pk"] = new() { S = "C#1" }, ["Sk"] = new() { S = "PROFILE" }, ["Discriminator"] = new() { S = "Customer" },
                ["Name"] = new() { S = "Ada" }, ["Email"] = new() { S = "ada@example.com" },
            },
        });
        await raw.PutItemAsync(new PutItemRequest
        {
            TableName = prefix + "Shop",
            Item = new()
            {
                ["Pk"] = new() { S = "C#1" }, ["Sk"] = new() { S = "ORDER#1" }, ["Discriminator"] = new() { S = "Order" },
                ["Total"] = new() { N = "12.5" }, ["Email"] = new() { S = "ada@example.com" },
            },
        });

        var customers = await context.Customers.Where(c => c.Pk == "C#1").ToListAsync();
        var orders = await context.Orders.Where(o => o.Pk == "C#1").ToListAsync();

        Assert.Equal("PROFILE", Assert.Single(customers).Sk);
        Assert.Equal(12.5m, Assert.Single(orders).Total);
        Assert.Single(await context.Customers.ToListAsync());
        Assert.Single(await context.Orders.ToListAsync());

        Assert.True(await context.Database.EnsureDeletedAsync());
    }
}
