using Amazon.DynamoDBv2;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Schema.TableDescriptions;

namespace EFCore.DynamoDb.FunctionalTests.Schema;

/// <summary>A provisioned table with two global secondary indexes and a local one, checked in every detail.</summary>
public class IndexTableTests
{
    public class Thread
    {
        public string ForumName { get; set; } = null!;
        public string Subject { get; set; } = null!;
        public string Category { get; set; } = null!;
        public DateTime LastPostDateTime { get; set; }
        public string? Author { get; set; }
        public int Views { get; set; }
        public string? Title { get; set; }
        public HashSet<string> Tags { get; set; } = [];
    }

    public class ForumContext(DbContextOptions<ForumContext> options) : DbContext(options)
    {
        public DbSet<Thread> Threads => Set<Thread>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Thread>(b =>
            {
                b.HasPartitionKey(t => t.ForumName);
                b.HasSortKey(t => t.Subject);
                b.HasProvisionedThroughput(5, 4);
                b.Property(t => t.Title).HasAttributeName("title");

                // Global, with a sort key; the table's throughput.
                b.HasIndex(t => new { t.Category, t.LastPostDateTime }, "ByCategory");

                // Global, partition key only, keys plus two attributes; its own throughput.
                b.HasIndex(t => t.Author, "ByAuthor")
                    .IncludeProperties(t => new { t.Title, t.Tags })
                    .HasProvisionedThroughput(2, 1);

                // Local: the table's partition key, sorted by views; keys only.
                b.HasIndex(t => new { t.ForumName, t.Views }, "ByViews")
                    .IsLocalSecondaryIndex()
                    .HasProjection(DynamoDbIndexProjection.KeysOnly);
            });
    }

    [Fact]
    public async Task Table_has_exactly_the_declared_indexes_projections_and_throughput()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(IndexTableTests));
        await using var context = new ForumContext(await DynamoDbTestEnvironment.CreateOptionsAsync<ForumContext>(prefix));

        Assert.True(await context.Database.EnsureCreatedAsync());

        var table = await DescribeAsync(prefix + "Threads");
        Assert.Equal(["ForumName HASH", "Subject RANGE"], Keys(table.KeySchema));

        // Exactly the key attributes of the table and its indexes: no others.
        Assert.Equal(
            ["Author S", "Category S", "ForumName S", "LastPostDateTime S", "Subject S", "Views N"],
            Attributes(table));
        Assert.False(IsOnDemand(table));
        Assert.Equal("5/4", Throughput(table.ProvisionedThroughput));

        var globals = (table.GlobalSecondaryIndexes ?? []).OrderBy(i => i.IndexName, StringComparer.Ordinal).ToList();
        Assert.Equal(["ByAuthor", "ByCategory"], globals.Select(i => i.IndexName));

        var byAuthor = globals[0];
        Assert.Equal(["Author HASH"], Keys(byAuthor.KeySchema));
        Assert.Equal("INCLUDE Tags, title", Projection(byAuthor.Projection));
        Assert.Equal("2/1", Throughput(byAuthor.ProvisionedThroughput));
        Assert.Equal(IndexStatus.ACTIVE, byAuthor.IndexStatus);

        var byCategory = globals[1];
        Assert.Equal(["Category HASH", "LastPostDateTime RANGE"], Keys(byCategory.KeySchema));
        Assert.Equal("ALL", Projection(byCategory.Projection));
        Assert.Equal("5/4", Throughput(byCategory.ProvisionedThroughput));
        Assert.Equal(IndexStatus.ACTIVE, byCategory.IndexStatus);

        var local = Assert.Single(table.LocalSecondaryIndexes ?? []);
        Assert.Equal("ByViews", local.IndexName);
        Assert.Equal(["ForumName HASH", "Views RANGE"], Keys(local.KeySchema));
        Assert.Equal("KEYS_ONLY", Projection(local.Projection));

        Assert.True(await context.Database.EnsureDeletedAsync());
    }

    public class OnDemandContext(DbContextOptions<OnDemandContext> options) : DbContext(options)
    {
        public DbSet<Thread> Threads => Set<Thread>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Thread>(b =>
            {
                b.HasPartitionKey(t => t.ForumName);
                b.HasSortKey(t => t.Subject);
                b.HasIndex(t => t.Category, "ByCategory").HasProjection(DynamoDbIndexProjection.KeysOnly);
            });
    }

    [Fact]
    public async Task On_demand_table_and_its_indexes_have_no_provisioned_capacity()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(On_demand_table_and_its_indexes_have_no_provisioned_capacity));
        await using var context = new OnDemandContext(await DynamoDbTestEnvironment.CreateOptionsAsync<OnDemandContext>(prefix));

        Assert.True(await context.Database.EnsureCreatedAsync());

        var table = await DescribeAsync(prefix + "Threads");
        Assert.True(IsOnDemand(table));
        Assert.Equal(["Category S", "ForumName S", "Subject S"], Attributes(table));
        var index = Assert.Single(table.GlobalSecondaryIndexes ?? []);
        Assert.Equal("KEYS_ONLY", Projection(index.Projection));
        Assert.Equal(["Category HASH"], Keys(index.KeySchema));
        Assert.True(index.ProvisionedThroughput is null or { ReadCapacityUnits: 0 or null, WriteCapacityUnits: 0 or null });
        Assert.Empty(table.LocalSecondaryIndexes ?? []);

        Assert.True(await context.Database.EnsureDeletedAsync());
    }
}
