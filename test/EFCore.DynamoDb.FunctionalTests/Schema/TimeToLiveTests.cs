using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using static EFCore.DynamoDb.FunctionalTests.Schema.TableDescriptions;

namespace EFCore.DynamoDb.FunctionalTests.Schema;

/// <summary>HasTimeToLive: enabled on the table at creation, on the attribute name the model stores the property in.</summary>
public class TimeToLiveTests
{
    public class Session
    {
        public string Id { get; set; } = null!;
        public DateTime ExpiresAt { get; set; }
    }

    public class SessionContext(DbContextOptions<SessionContext> options) : DbContext(options)
    {
        public DbSet<Session> Sessions => Set<Session>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Session>(b =>
            {
                b.HasPartitionKey(s => s.Id);
                b.HasTimeToLive(s => s.ExpiresAt);
                b.Property(s => s.ExpiresAt).HasAttributeName("expires_at");
            });
    }

    [Fact]
    public async Task Time_to_live_is_enabled_on_the_renamed_attribute_and_read_as_epoch_seconds()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(TimeToLiveTests));
        await using var context = new SessionContext(await DynamoDbTestEnvironment.CreateOptionsAsync<SessionContext>(prefix));

        Assert.True(await context.Database.EnsureCreatedAsync());

        var ttl = await DescribeTimeToLiveAsync(prefix + "Sessions");
        Assert.Equal(TimeToLiveStatus.ENABLED, ttl.TimeToLiveStatus);
        Assert.Equal("expires_at", ttl.AttributeName);

        // The attribute TTL reads is a number of epoch seconds, and the provider reads it back as a UTC DateTime.
        using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
        await raw.PutItemAsync(new PutItemRequest
        {
            TableName = prefix + "Sessions",
            Item = new() { ["Id"] = new() { S = "s1" }, ["expires_at"] = new() { N = "4102444800" } },
        });
        var session = await context.Sessions.FirstAsync(s => s.Id == "s1");
        Assert.Equal(new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc), session.ExpiresAt);

        Assert.True(await context.Database.EnsureDeletedAsync());
    }

    [Fact]
    public async Task Existing_table_without_the_time_to_live_is_left_alone_with_a_warning()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(Existing_table_without_the_time_to_live_is_left_alone_with_a_warning));
        using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
        await raw.CreateTableAsync(new CreateTableRequest
        {
            TableName = prefix + "Sessions",
            KeySchema = [new KeySchemaElement("Id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("Id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        var loggerFactory = new TestLoggerFactory();
        await using var context = new SessionContext(
            await DynamoDbTestEnvironment.CreateOptionsAsync<SessionContext>(prefix, loggerFactory));

        Assert.False(await context.Database.EnsureCreatedAsync());

        var warning = Assert.Single(loggerFactory.Entries, m => m.Id.Id == DynamoDbEventId.ExistingTableDiffers.Id);
        Assert.Contains("time to live is not enabled but the model declares it on 'expires_at'", warning.Message);
        Assert.Equal(TimeToLiveStatus.DISABLED, (await DescribeTimeToLiveAsync(prefix + "Sessions")).TimeToLiveStatus);

        Assert.True(await context.Database.EnsureDeletedAsync());
    }
}
