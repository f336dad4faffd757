using Amazon.DynamoDBv2;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Schema.TableDescriptions;

namespace EFCore.DynamoDb.FunctionalTests.Schema;

/// <summary>
///     The PynamoDB tutorial's Thread table, created as <c>Thread.create_table(read_capacity_units=1, write_capacity_units=1,
///     wait=True)</c> creates it: checked attribute by attribute with DescribeTable.
/// </summary>
public class ThreadTableTests
{
    public class Thread
    {
        public string ForumName { get; set; } = null!;
        public string Subject { get; set; } = null!;
        public int Views { get; set; }
        public int Replies { get; set; }
        public int Answered { get; set; }
        public HashSet<string> Tags { get; set; } = [];
        public DateTime LastPostDateTime { get; set; }
    }

    public class ForumContext(DbContextOptions<ForumContext> options) : DbContext(options)
    {
        public DbSet<Thread> Threads => Set<Thread>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Thread>(b =>
            {
                b.ToTable("Thread");
                b.HasPartitionKey(t => t.ForumName);
                b.HasSortKey(t => t.Subject);
                b.HasProvisionedThroughput(readCapacityUnits: 1, writeCapacityUnits: 1);
            });
    }

    [Fact]
    public async Task Thread_table_has_exactly_the_declared_keys_attributes_and_capacity()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(ThreadTableTests));
        await using var context = new ForumContext(await DynamoDbTestEnvironment.CreateOptionsAsync<ForumContext>(prefix));

        Assert.True(await context.Database.EnsureCreatedAsync());

        var table = await DescribeAsync(prefix + "Thread");
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal(["ForumName HASH", "Subject RANGE"], Keys(table.KeySchema));
        Assert.Equal(["ForumName S", "Subject S"], Attributes(table));
        Assert.False(IsOnDemand(table));
        Assert.Equal("1/1", Throughput(table.ProvisionedThroughput));
        Assert.Empty(table.GlobalSecondaryIndexes ?? []);
        Assert.Empty(table.LocalSecondaryIndexes ?? []);
        Assert.Equal(TimeToLiveStatus.DISABLED, (await DescribeTimeToLiveAsync(prefix + "Thread")).TimeToLiveStatus);
        Assert.Equal([prefix + "Thread"], await ListTablesAsync(prefix));

        Assert.True(await context.Database.EnsureDeletedAsync());
    }
}
