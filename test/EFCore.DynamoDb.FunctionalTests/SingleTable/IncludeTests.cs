using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EFCore.DynamoDb.FunctionalTests.SingleTable;

/// <summary>
///     Include over an item collection is one Query of the partition; includes elsewhere are one follow-up request per
///     level (a BatchGetItem of keys, or a Query per partition), never a Scan.
/// </summary>
public class IncludeTests(ShopFixture fixture) : IClassFixture<ShopFixture>
{
    private async Task<Customer> SaveAsync(string id)
    {
        var customer = ShopFixture.Aggregate(id);
        await using var context = fixture.CreateContext();
        context.Customers.Add(customer);
        await context.SaveChangesAsync();
        return customer;
    }

    private IReadOnlyList<string> Requests() => fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest);

    [Fact]
    public async Task The_whole_aggregate_is_one_Query_of_the_partition()
    {
        var saved = await SaveAsync("i1");
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        var customer = await context.Customers.Where(c => c.Id == "i1").Include(c => c.Orders).ThenInclude(o => o.Lines).SingleAsync();

        var request = Assert.Single(Requests());
        Assert.Contains("Executed DynamoDB Query", request, StringComparison.Ordinal);
        Assert.Equal(saved.Name, customer.Name);
        Assert.Equal(saved.Orders.Select(o => o.OrderId).Order(), customer.Orders.Select(o => o.OrderId).Order());
        foreach (var order in customer.Orders)
        {
            var expected = saved.Orders.Single(o => o.OrderId == order.OrderId);
            Assert.Equal(expected.Lines.Select(l => l.ToString()).Order(), order.Lines.Select(l => l.ToString()).Order());
            Assert.Same(customer, order.Customer);
        }

        Assert.Equal(14, context.ChangeTracker.Entries().Count());
        Assert.True(context.Entry(customer).Collection(c => c.Orders).IsLoaded);
    }

    [Fact]
    public async Task The_aggregate_without_tracking_is_connected_too()
    {
        await SaveAsync("i2");
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        var customer = await context.Customers.AsNoTracking().Include(c => c.Orders).ThenInclude(o => o.Lines)
            .SingleAsync(c => c.Id == "i2");
        Assert.Single(Requests());
        Assert.Equal(3, customer.Orders.Count);
        Assert.Equal(10, customer.Orders.Sum(o => o.Lines.Count));
        Assert.All(customer.Orders, o => Assert.Same(customer, o.Customer));
        Assert.Empty(context.ChangeTracker.Entries());
    }

    [Fact]
    public async Task Only_the_included_entities_of_the_results_are_read_into_the_context()
    {
        await SaveAsync("i3");
        await using var context = fixture.CreateContext();
        var shipped = await context.Orders.Where(o => o.CustomerId == "i3" && o.Status == OrderStatus.Shipped).Include(o => o.Lines).ToListAsync();
        var order = Assert.Single(shipped);
        Assert.Equal(3, order.Lines.Count);
        Assert.All(order.Lines, l => Assert.Equal(order.OrderId, l.OrderId));
        Assert.Equal(4, context.ChangeTracker.Entries().Count());
    }

    [Fact]
    public async Task A_reference_in_another_partition_is_one_BatchGetItem_after_the_query()
    {
        await SaveAsync("i4");
        await SaveAsync("i5");
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        var orders = await context.Orders.Where(o => o.Status == OrderStatus.Delivered).Include(o => o.Customer).ToListAsync();
        var requests = Requests();
        Assert.Equal(2, requests.Count);
        Assert.Contains("Query", requests[0], StringComparison.Ordinal);
        Assert.Contains("INDEX GSI1", requests[0], StringComparison.Ordinal);
        Assert.Contains("BatchGetItem", requests[1], StringComparison.Ordinal);
        Assert.Contains(orders, o => o.CustomerId == "i4");
        Assert.Contains(orders, o => o.CustomerId == "i5");
        Assert.All(orders, o => Assert.Equal(o.CustomerId, o.Customer!.Id));
    }

    [Fact]
    public async Task A_collection_under_index_results_is_one_Query_per_partition()
    {
        await SaveAsync("i6");
        await SaveAsync("i7");
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        var orders = await context.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.Placed).Include(o => o.Lines).ToListAsync();
        var requests = Requests();
        Assert.Contains("INDEX GSI1", requests[0], StringComparison.Ordinal);
        Assert.Equal(1 + orders.Select(o => o.CustomerId).Distinct().Count(), requests.Count);
        Assert.All(requests.Skip(1), r => Assert.Contains("begins_with", r, StringComparison.Ordinal));
        Assert.Contains(orders, o => o.CustomerId == "i6");
        Assert.Contains(orders, o => o.CustomerId == "i7");
        Assert.All(orders.Where(o => o.CustomerId is "i6" or "i7"), o => Assert.Equal(3, o.Lines.Count));
    }

    [Fact]
    public async Task ToQueryString_shows_the_requests_of_the_includes()
    {
        await using var context = fixture.CreateContext();
        var plan = context.Customers.Where(c => c.Id == "x").Include(c => c.Orders).ThenInclude(o => o.Lines).ToQueryString();
        Assert.StartsWith($"Query {fixture.Table}", plan, StringComparison.Ordinal);
        Assert.Contains("item collection", plan, StringComparison.Ordinal);
        Assert.Contains("Include Customer.Orders", plan, StringComparison.Ordinal);
        Assert.Contains("Include Order.Lines", plan, StringComparison.Ordinal);
        var split = context.Orders.Where(o => o.Status == OrderStatus.Shipped).Include(o => o.Customer).ToQueryString();
        Assert.Contains("BatchGetItem", split, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_include_whose_items_only_a_Scan_could_find_is_refused_naming_it()
    {
        var options = new DbContextOptionsBuilder<ScanOnlyContext>()
            .UseDynamoDb("http://127.0.0.1:1").AllowManyServiceProviders().Options;
        await using var context = new ScanOnlyContext(options);
        var exception = Assert.Throws<InvalidOperationException>(() => context.Set<Author>().Include(a => a.Posts).ToQueryString());
        Assert.Contains("Posts", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Scan", exception.Message, StringComparison.Ordinal);
    }

    public class Author
    {
        public string Id { get; set; } = null!;
        public List<Post> Posts { get; set; } = [];
    }

    public class Post
    {
        public string Id { get; set; } = null!;
        public string AuthorId { get; set; } = null!;
    }

    /// <summary>Posts keyed by their own id: the author's posts are not in a partition of the author's.</summary>
    public class ScanOnlyContext(DbContextOptions<ScanOnlyContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Author>().HasMany(a => a.Posts).WithOne().HasForeignKey(p => p.AuthorId);
            modelBuilder.Entity<Post>().HasPartitionKey(p => p.Id);
        }
    }

    [Fact]
    public async Task Loading_a_collection_is_a_Query_with_the_type_prefix()
    {
        await SaveAsync("i8");
        await using var context = fixture.CreateContext();
        var customer = await context.Customers.SingleAsync(c => c.Id == "i8");
        fixture.Logs.Clear();
        await context.Entry(customer).Collection(c => c.Orders).LoadAsync();
        var request = Assert.Single(Requests());
        Assert.Contains("Query", request, StringComparison.Ordinal);
        Assert.Contains("begins_with(#SK, :v1)", request, StringComparison.Ordinal);
        Assert.Equal(3, customer.Orders.Count);
    }

    [Fact]
    public async Task A_table_written_by_the_raw_SDK_without_a_discriminator_maps()
    {
        string Sk(int order) => "ORDER#2025-12-0" + order + "#" + (500 + order).ToString("D8", CultureInfo.InvariantCulture);
        var items = new List<Dictionary<string, AttributeValue>>
        {
            new() { ["PK"] = new() { S = "CUSTOMER#raw" }, ["SK"] = new() { S = "CUSTOMER#raw" }, ["Name"] = new() { S = "Raw" } },
        };
        for (var o = 1; o <= 2; o++)
        {
            items.Add(new()
            {
                ["PK"] = new() { S = "CUSTOMER#raw" }, ["SK"] = new() { S = Sk(o) }, ["Status"] = new() { N = "1" }, ["Total"] = new() { N = "12.5" },
                ["GSI1PK"] = new() { S = "STATUS#Shipped" }, ["GSI1SK"] = new() { S = Sk(o)[6..] },
            });
            items.Add(new()
            {
                ["PK"] = new() { S = "CUSTOMER#raw" }, ["SK"] = new() { S = "LINE#" + (500 + o).ToString("D8", CultureInfo.InvariantCulture) + "#001" },
                ["OrderDate"] = new() { S = new DateTime(2025, 12, o, 0, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture) },
                ["Product"] = new() { S = "thing" }, ["Quantity"] = new() { N = "2" },
            });
        }

        foreach (var item in items)
        {
            await fixture.RawClient.PutItemAsync(new PutItemRequest { TableName = fixture.Table, Item = item });
        }

        await using var context = fixture.CreateContext();
        var customer = await context.Customers.Include(c => c.Orders).ThenInclude(o => o.Lines).SingleAsync(c => c.Id == "raw");
        Assert.Equal("Raw", customer.Name);
        Assert.Equal([501, 502], customer.Orders.Select(o => o.OrderId).Order());
        Assert.All(customer.Orders, o => Assert.Single(o.Lines));
        Assert.Equal(2, await context.Orders.CountAsync(o => o.CustomerId == "raw"));
        Assert.Equal(1, await context.Customers.CountAsync(c => c.Id == "raw"));
        Assert.Contains(await context.Orders.Where(o => o.Status == OrderStatus.Shipped).Select(o => o.OrderId).ToListAsync(), id => id == 502);
    }
}
