using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Schema;

/// <summary>
///     HasData is written when EnsureCreated creates the table, and only then. The writing itself is SaveChanges' work
///     (DynamoDbDatabase.SeedAsync): this test passes once that lands.
/// </summary>
public class SeedDataTests
{
    public class Forum
    {
        public string Name { get; set; } = null!;
        public int Threads { get; set; }
    }

    public class SeedContext(DbContextOptions<SeedContext> options) : DbContext(options)
    {
        public DbSet<Forum> Forums => Set<Forum>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Forum>(b =>
            {
                b.HasPartitionKey(f => f.Name);
                b.HasData(new Forum { Name = "DynamoDB", Threads = 2 }, new Forum { Name = "EF Core", Threads = 5 });
            });
    }

    [Fact]
    public async Task HasData_is_written_when_the_table_is_created_and_not_again()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(SeedDataTests));
        await using var context = new SeedContext(await DynamoDbTestEnvironment.CreateOptionsAsync<SeedContext>(prefix));

        Assert.True(await context.Database.EnsureCreatedAsync());

        using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
        var items = (await raw.ScanAsync(new ScanRequest { TableName = prefix + "Forums" })).Items ?? [];
        Assert.Equal(
            ["DynamoDB 2", "EF Core 5"],
            items.Select(i => i["Name"].S + " " + i["Threads"].N).Order(StringComparer.Ordinal));

        // Not seeded again over changed data when the table already exists.
        await raw.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = prefix + "Forums",
            Key = new() { ["Name"] = new() { S = "DynamoDB" } },
            UpdateExpression = "SET Threads = :t",
            ExpressionAttributeValues = new() { [":t"] = new() { N = "7" } },
        });
        Assert.False(await context.Database.EnsureCreatedAsync());
        var after = await raw.GetItemAsync(new GetItemRequest
        {
            TableName = prefix + "Forums",
            Key = new() { ["Name"] = new() { S = "DynamoDB" } },
        });
        Assert.Equal("7", after.Item["Threads"].N);

        Assert.True(await context.Database.EnsureDeletedAsync());
    }
}
