using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query;

public class QuerySmokeTests
{
    public class Thread
    {
        public string ForumName { get; set; } = null!;
        public string Subject { get; set; } = null!;
        public int Views { get; set; }
        public string? Category { get; set; }
        public HashSet<string> Tags { get; set; } = [];
        public DateTime LastPostDateTime { get; set; }
    }

    public class ForumContext(DbContextOptions<ForumContext> options) : DbContext(options)
    {
        public DbSet<Thread> Threads => Set<Thread>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Thread>(b =>
            {
                b.HasPartitionKey(t => t.ForumName);
                b.HasSortKey(t => t.Subject);
                b.HasIndex(t => new { t.Category, t.LastPostDateTime }, "ByCategory");
            });
    }

    [Fact]
    public async Task Smoke()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(QuerySmokeTests));
        var options = await DynamoDbTestEnvironment.CreateOptionsAsync<ForumContext>(prefix);
        await using var context = new ForumContext(options);
        Assert.True(await context.Database.EnsureCreatedAsync());
        using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
        for (var i = 0; i < 10; i++)
        {
            await raw.PutItemAsync(new PutItemRequest
            {
                TableName = prefix + "Threads",
                Item = new()
                {
                    ["ForumName"] = new() { S = i % 2 == 0 ? "A" : "B" },
                    ["Subject"] = new() { S = "S" + i },
                    ["Views"] = new() { N = i.ToString() },
                    ["Category"] = new() { S = "c" + (i % 3) },
                    ["Tags"] = new() { SS = ["x", "t" + i] },
                    ["LastPostDateTime"] = new() { S = "2024-01-0" + (i % 9 + 1) + "T00:00:00.0000000Z" },
                },
            });
        }

        var all = await context.Threads.ToListAsync();
        Assert.Equal(10, all.Count);
        var a = await context.Threads.Where(t => t.ForumName == "A").ToListAsync();
        Assert.Equal(5, a.Count);
        Assert.StartsWith("Query", context.Threads.Where(t => t.ForumName == "A").ToQueryString());
        var one = await context.Threads.FindAsync("B", "S3");
        Assert.Equal(3, one!.Views);
        Assert.Equal(7, await context.Threads.CountAsync(t => t.Views > 2));
        var names = await context.Threads.Where(t => t.ForumName == "B").OrderByDescending(t => t.Subject).Select(t => t.Subject).ToListAsync();
        Assert.Equal(["S9", "S7", "S5", "S3", "S1"], names);
        Assert.StartsWith("Query", context.Threads.Where(t => t.Category == "c1" && t.LastPostDateTime > new DateTime(2000, 1, 1)).ToQueryString());
        var tagged = await context.Threads.Where(t => t.Tags.Contains("t4")).ToListAsync();
        Assert.Single(tagged);
        var page = await context.Threads.Where(t => t.ForumName == "A").ToPageAsync(2, null);
        Assert.Equal(2, page.Values.Count);
        var page2 = await context.Threads.Where(t => t.ForumName == "A").ToPageAsync(2, page.ContinuationToken);
        Assert.Equal("S4", page2.Values[0].Subject);
    }
}
