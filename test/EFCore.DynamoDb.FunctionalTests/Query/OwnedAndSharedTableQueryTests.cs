using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query;

/// <summary>Owned types and complex types read from nested maps and lists; entity types sharing one table kept apart.</summary>
public class OwnedAndSharedTableQueryTests(OwnedAndSharedTableQueryTests.Fixture fixture) : IClassFixture<OwnedAndSharedTableQueryTests.Fixture>
{
    public class Customer
    {
        public string Id { get; set; } = null!;
        public string Name { get; set; } = null!;
        public Address? Home { get; set; }
        public List<OrderLine> Lines { get; set; } = [];
        public Money Balance { get; set; } = null!;
    }

    public class Address
    {
        public string City { get; set; } = null!;
        public string? Street { get; set; }
        public Geo? Location { get; set; }
    }

    public class Geo
    {
        public double Lat { get; set; }
        public double Lon { get; set; }
    }

    public class OrderLine
    {
        public string Product { get; set; } = null!;
        public int Quantity { get; set; }

        public Geo? Origin { get; set; }
    }

    public class Money
    {
        public decimal Amount { get; set; }
        public string Currency { get; set; } = null!;
    }

    public class Forum
    {
        public string Pk { get; set; } = null!;
        public string Sk { get; set; } = null!;
        public string Title { get; set; } = null!;
    }

    public class Post
    {
        public string Pk { get; set; } = null!;
        public string Sk { get; set; } = null!;
        public string Body { get; set; } = null!;
    }

    public class StoreContext(DbContextOptions<StoreContext> options) : DbContext(options)
    {
        public DbSet<Customer> Customers => Set<Customer>();

        public DbSet<Forum> Forums => Set<Forum>();

        public DbSet<Post> Posts => Set<Post>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Customer>(b =>
            {
                b.HasPartitionKey(c => c.Id);
                b.OwnsOne(c => c.Home, a => a.OwnsOne(x => x.Location));
                b.OwnsMany(c => c.Lines, l => l.OwnsOne(x => x.Origin));
                b.ComplexProperty(c => c.Balance);
            });
            modelBuilder.Entity<Forum>(b =>
            {
                b.ToTable("Board");
                b.HasPartitionKey(f => f.Pk);
                b.HasSortKey(f => f.Sk);
            });
            modelBuilder.Entity<Post>(b =>
            {
                b.ToTable("Board");
                b.HasPartitionKey(p => p.Pk);
                b.HasSortKey(p => p.Sk);
            });
        }
    }

    public class Fixture : IAsyncLifetime
    {
        public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix("Owned");

        public DbContextOptions<StoreContext> Options { get; private set; } = null!;

        public StoreContext CreateContext() => new(Options);

        public async Task InitializeAsync()
        {
            Options = await DynamoDbTestEnvironment.CreateOptionsAsync<StoreContext>(Prefix);
            await using var context = CreateContext();
            await context.Database.EnsureCreatedAsync();
            using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
            await raw.PutItemAsync(new PutItemRequest
            {
                TableName = Prefix + "Customers",
                Item = new()
                {
                    ["Id"] = new() { S = "c1" },
                    ["Name"] = new() { S = "Ada" },
                    ["Home"] = new()
                    {
                        M = new()
                        {
                            ["City"] = new() { S = "London" },
                            ["Location"] = new() { M = new() { ["Lat"] = new() { N = "51.5" }, ["Lon"] = new() { N = "-0.12" } } },
                        },
                    },
                    ["Lines"] = new()
                    {
                        L =
                        [
                            new() { M = new() { ["Product"] = new() { S = "Tea" }, ["Quantity"] = new() { N = "2" }, ["Origin"] = new() { M = new() { ["Lat"] = new() { N = "1" }, ["Lon"] = new() { N = "2" } } } } },
                            new() { M = new() { ["Product"] = new() { S = "Cake" }, ["Quantity"] = new() { N = "1" } } },
                        ],
                    },
                    ["Balance"] = new() { M = new() { ["Amount"] = new() { N = "12.5" }, ["Currency"] = new() { S = "GBP" } } },
                },
            });
            await raw.PutItemAsync(new PutItemRequest
            {
                TableName = Prefix + "Customers",
                Item = new()
                {
                    ["Id"] = new() { S = "c2" },
                    ["Name"] = new() { S = "Grace" },
                    ["Lines"] = new() { L = [], IsLSet = true },
                    ["Balance"] = new() { M = new() { ["Amount"] = new() { N = "0" }, ["Currency"] = new() { S = "USD" } } },
                },
            });
            foreach (var (type, sk, field, value) in new[]
                     {
                         ("Forum", "F#1", "Title", "General"), ("Forum", "F#2", "Title", "Help"), ("Post", "P#1", "Body", "Hello"),
                         ("Post", "P#2", "Body", "World"), ("Post", "P#3", "Body", "!"),
                     })
            {
                await raw.PutItemAsync(new PutItemRequest
                {
                    TableName = Prefix + "Board",
                    Item = new()
                    {
                        ["Pk"] = new() { S = "board" },
                        ["Sk"] = new() { S = sk },
                        [field] = new() { S = value },
                        ["Discriminator"] = new() { S = type },
                    },
                });
            }
        }

        public async Task DisposeAsync()
        {
            await using var context = CreateContext();
            await context.Database.EnsureDeletedAsync();
        }
    }

    [Fact]
    public async Task Owned_reference_collection_and_complex_property_are_read_from_nested_attributes()
    {
        await using var context = fixture.CreateContext();
        var ada = await context.Customers.SingleAsync(c => c.Id == "c1");
        Assert.Equal("London", ada.Home!.City);
        Assert.Null(ada.Home.Street);
        Assert.Equal(51.5, ada.Home.Location!.Lat);
        Assert.Equal(["Tea", "Cake"], ada.Lines.Select(l => l.Product));
        Assert.Equal([2, 1], ada.Lines.Select(l => l.Quantity));
        Assert.Equal(2, ada.Lines[0].Origin!.Lon);
        Assert.Null(ada.Lines[1].Origin);
        Assert.Equal(12.5m, ada.Balance.Amount);
        Assert.Equal("GBP", ada.Balance.Currency);
        Assert.Equal(EntityState.Unchanged, context.Entry(ada.Home).State);
        Assert.Equal(6, context.ChangeTracker.Entries().Count()); // customer, home, location, two lines, one origin
    }

    [Fact]
    public async Task Missing_owned_reference_is_null_and_empty_collection_is_empty()
    {
        await using var context = fixture.CreateContext();
        var grace = await context.Customers.AsNoTracking().SingleAsync(c => c.Id == "c2");
        Assert.Null(grace.Home);
        Assert.Empty(grace.Lines);
        Assert.Equal("USD", grace.Balance.Currency);
    }

    [Fact]
    public async Task No_tracking_sets_navigations()
    {
        await using var context = fixture.CreateContext();
        var customers = await context.Customers.AsNoTracking().ToListAsync();
        var ada = customers.Single(c => c.Id == "c1");
        Assert.Equal(2, ada.Lines.Count);
        Assert.Equal(-0.12, ada.Home!.Location!.Lon);
        Assert.Equal(1, ada.Lines[0].Origin!.Lat);
        Assert.Empty(context.ChangeTracker.Entries());
    }

    [Fact]
    public async Task Filters_reach_into_owned_and_complex_attributes()
    {
        await using var context = fixture.CreateContext();
        Assert.Equal(["c1"], await context.Customers.Where(c => c.Home!.City == "London").Select(c => c.Id).ToListAsync());
        Assert.Equal(["c2"], await context.Customers.Where(c => c.Home == null).Select(c => c.Id).ToListAsync());
        Assert.Equal(["c1"], await context.Customers.Where(c => c.Balance.Currency == "GBP").Select(c => c.Id).ToListAsync());
        Assert.Equal(["c1"], await context.Customers.Where(c => c.Home!.Location!.Lat > 50).Select(c => c.Id).ToListAsync());
    }

    [Fact]
    public async Task Projections_of_owned_values()
    {
        await using var context = fixture.CreateContext();
        var cities = await context.Customers.AsNoTracking().OrderBy(c => c.Id).Where(c => c.Id == "c1").Select(c => new { c.Id, c.Home!.City }).ToListAsync();
        Assert.Equal("London", Assert.Single(cities).City);

        var homes = await context.Customers.AsNoTracking().Where(c => c.Id == "c1").Select(c => c.Home).ToListAsync();
        Assert.Equal("London", Assert.Single(homes)!.City);
    }

    [Fact]
    public void Navigations_to_plain_classes_are_owned_without_configuration()
    {
        using var context = new PlainContext();
        var order = context.Model.FindEntityType(typeof(PlainOrder))!;
        Assert.True(order.FindNavigation(nameof(PlainOrder.ShipTo))!.TargetEntityType.IsOwned());
        Assert.True(order.FindNavigation(nameof(PlainOrder.Lines))!.TargetEntityType.IsOwned());
    }

    public class PlainOrder
    {
        public string Id { get; set; } = null!;
        public Address? ShipTo { get; set; }
        public List<OrderLine> Lines { get; set; } = [];
    }

    private sealed class PlainContext : DbContext
    {
        public DbSet<PlainOrder> Orders => Set<PlainOrder>();

        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
            => optionsBuilder.UseDynamoDb("http://127.0.0.1:1").AllowManyServiceProviders();
    }

    [Fact]
    public async Task Types_sharing_a_table_only_see_their_own_items()
    {
        await using var context = fixture.CreateContext();
        Assert.Equal(["General", "Help"], (await context.Forums.ToListAsync()).Select(f => f.Title).Order());
        Assert.Equal(3, await context.Posts.CountAsync());
        Assert.Equal(2, (await context.Posts.Where(p => p.Pk == "board" && p.Sk.StartsWith("P#")).Take(2).ToListAsync()).Count);
        Assert.Null(await context.Posts.FindAsync("board", "F#1"));
        Assert.Equal("General", (await context.Forums.FindAsync("board", "F#1"))!.Title);
        Assert.Contains("Discriminator", context.Posts.Where(p => p.Pk == "board").ToQueryString());
    }
}
