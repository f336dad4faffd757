using Amazon.DynamoDBv2;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query.Shapes;

/// <summary>
///     The query-shape tests' tables, written once per class through the provider, and the same data as CLR objects for
///     LINQ-to-Objects.
/// </summary>
public class ShapeFixture : IAsyncLifetime
{
    public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix("Shapes");

    public TestLoggerFactory Logs { get; } = new();

    public DbContextOptions<ShapeContext> Options { get; private set; } = null!;

    public IAmazonDynamoDB RawClient { get; private set; } = null!;

    public IReadOnlyList<ShapeCustomer> Customers { get; } = CreateCustomers();

    public IReadOnlyList<ShapeOrder> Orders { get; } = CreateOrders();

    public IReadOnlyList<ShapeProduct> Products { get; } = Enumerable.Range(1, 12)
        .Select(i => new ShapeProduct { Key = new ProductKey(i), Name = "product " + i, Stock = i * 7 % 10 })
        .ToList();

    public ShapeContext CreateContext() => new(Options);

    public ShapeContext CreateContext(Action<DbContextOptionsBuilder<ShapeContext>> configure)
    {
        var builder = new DbContextOptionsBuilder<ShapeContext>(Options);
        configure(builder);
        return new ShapeContext(builder.Options);
    }

    public async Task InitializeAsync()
    {
        Options = await DynamoDbTestEnvironment.CreateOptionsAsync<ShapeContext>(Prefix, Logs);
        RawClient = await DynamoDbTestEnvironment.CreateRawClientAsync();
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
        context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        context.AddRange(Customers.Select(c => new ShapeCustomer { CustomerId = c.CustomerId, City = c.City, Region = c.Region }));
        context.AddRange(Orders.Select(Copy));
        context.AddRange(Products.Select(p => new ShapeProduct { Key = p.Key, Name = p.Name, Stock = p.Stock }));
        await context.SaveChangesAsync();
        Logs.Clear();
    }

    public async Task DisposeAsync()
    {
        await using var context = CreateContext();
        await context.Database.EnsureDeletedAsync();
        RawClient.Dispose();
    }

    private static ShapeOrder Copy(ShapeOrder o)
        => new()
        {
            CustomerId = o.CustomerId,
            OrderId = o.OrderId,
            EmployeeId = o.EmployeeId,
            Int16 = o.Int16,
            ReportsTo = o.ReportsTo,
            OrderDate = o.OrderDate,
            PostedBy = o.PostedBy,
            Channel = o.Channel,
            State = o.State,
        };

    private static List<ShapeCustomer> CreateCustomers()
    {
        string[] cities = ["Berlin", "London", "Madrid", "Lyon", "Graz"];
        return Enumerable.Range(0, 10)
            .Select(i => new ShapeCustomer
            {
                CustomerId = "C" + i,
                City = cities[i % cities.Length],
                Region = i % 3 == 0 ? null : "R" + (i % 4),
            })
            .ToList();
    }

    private static List<ShapeOrder> CreateOrders()
    {
        var random = new Random(1306);
        string[] users = ["ann", "bob", "bea", "carl"];
        string[] channels = ["web", "phone", "shop"];
        var orders = new List<ShapeOrder>();
        for (var c = 0; c < 10; c++)
        {
            for (var o = 1; o <= 12; o++)
            {
                var i = c * 12 + o;
                orders.Add(new ShapeOrder
                {
                    CustomerId = "C" + c,
                    OrderId = o,
                    EmployeeId = i % 5 == 0 ? null : (uint)random.Next(1, 6),
                    Int16 = (short)random.Next(-300, 300),
                    ReportsTo = i % 4 == 0 ? null : random.Next(1, 4),
                    OrderDate = i % 6 == 0 ? null : new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(random.Next(0, 2000)),
                    PostedBy = i % 7 == 0 ? null : users[random.Next(users.Length)],
                    Channel = channels[random.Next(channels.Length)],
                    State = (Status)random.Next(0, 3),
                });
            }
        }

        return orders;
    }
}
