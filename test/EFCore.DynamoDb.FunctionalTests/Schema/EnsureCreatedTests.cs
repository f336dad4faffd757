using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using static EFCore.DynamoDb.FunctionalTests.Schema.TableDescriptions;

namespace EFCore.DynamoDb.FunctionalTests.Schema;

/// <summary>EnsureCreatedAsync / EnsureDeletedAsync as docs/design.md section 6 describes them.</summary>
public class EnsureCreatedTests
{
    public class Thread
    {
        public string ForumName { get; set; } = null!;
        public string Subject { get; set; } = null!;
        public string Category { get; set; } = null!;
        public int Views { get; set; }
    }

    public class Forum
    {
        public string Name { get; set; } = null!;
        public int Threads { get; set; }
    }

    public class User
    {
        public Guid Id { get; set; }
        public string Email { get; set; } = null!;
    }

    public class ForumContext(DbContextOptions<ForumContext> options) : DbContext(options)
    {
        public DbSet<Thread> Threads => Set<Thread>();
        public DbSet<Forum> Forums => Set<Forum>();
        public DbSet<User> Users => Set<User>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Thread>(b =>
            {
                b.HasPartitionKey(t => t.ForumName);
                b.HasSortKey(t => t.Subject);
                b.HasIndex(t => new { t.Category, t.Views }, "ByCategory");
            });
            modelBuilder.Entity<Forum>().HasPartitionKey(f => f.Name);
            modelBuilder.Entity<User>().HasKey(u => u.Id);
        }
    }

    private static async Task<ForumContext> CreateContextAsync(string prefix, ILoggerFactory? loggerFactory = null)
        => new(await DynamoDbTestEnvironment.CreateOptionsAsync<ForumContext>(prefix, loggerFactory));

    [Fact]
    public async Task EnsureCreated_twice_returns_true_then_false_and_EnsureDeleted_leaves_no_table()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(EnsureCreated_twice_returns_true_then_false_and_EnsureDeleted_leaves_no_table));
        await using var context = await CreateContextAsync(prefix);

        Assert.True(await context.Database.EnsureCreatedAsync());
        Assert.False(await context.Database.EnsureCreatedAsync());

        // The prefix is put in front of every table of the model, and nothing else is created.
        Assert.Equal([prefix + "Forums", prefix + "Threads", prefix + "Users"], await ListTablesAsync(prefix));
        Assert.Equal(["Id S"], Attributes(await DescribeAsync(prefix + "Users")));

        Assert.True(await context.Database.EnsureDeletedAsync());
        Assert.Empty(await ListTablesAsync(prefix));
        Assert.False(await context.Database.EnsureDeletedAsync());
    }

    [Fact]
    public async Task EnsureCreated_creates_only_the_missing_tables_and_returns_true()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(EnsureCreated_creates_only_the_missing_tables_and_returns_true));
        await using var context = await CreateContextAsync(prefix);
        Assert.True(await context.Database.EnsureCreatedAsync());

        using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
        await raw.DeleteTableAsync(new DeleteTableRequest { TableName = prefix + "Forums" });

        Assert.True(await context.Database.EnsureCreatedAsync());
        Assert.Equal([prefix + "Forums", prefix + "Threads", prefix + "Users"], await ListTablesAsync(prefix));

        await context.Database.EnsureDeletedAsync();
    }

    [Fact]
    public async Task Existing_table_with_another_key_schema_is_a_clear_error_naming_both_schemas()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(Existing_table_with_another_key_schema_is_a_clear_error_naming_both_schemas));
        using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
        await raw.CreateTableAsync(new CreateTableRequest
        {
            TableName = prefix + "Threads",
            KeySchema = [new KeySchemaElement("ForumName", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("ForumName", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        await using var context = await CreateContextAsync(prefix);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Database.EnsureCreatedAsync());

        Assert.Contains($"The table '{prefix}Threads' already exists with the key schema (ForumName HASH S)", error.Message);
        Assert.Contains("the model of 'Thread' declares (ForumName HASH S, Subject RANGE S)", error.Message);

        await context.Database.EnsureDeletedAsync();
    }

    [Fact]
    public async Task Existing_table_with_the_keys_but_not_the_indexes_is_left_alone_with_a_warning()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(Existing_table_with_the_keys_but_not_the_indexes_is_left_alone_with_a_warning));
        using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
        foreach (var (name, keys) in new[] { ("Threads", new[] { "ForumName", "Subject" }), ("Forums", ["Name"]), ("Users", ["Id"]) })
        {
            await raw.CreateTableAsync(new CreateTableRequest
            {
                TableName = prefix + name,
                KeySchema = keys.Select((k, i) => new KeySchemaElement(k, i == 0 ? KeyType.HASH : KeyType.RANGE)).ToList(),
                AttributeDefinitions = keys.Select(k => new AttributeDefinition(k, ScalarAttributeType.S)).ToList(),
                BillingMode = BillingMode.PAY_PER_REQUEST,
            });
        }

        var loggerFactory = new TestLoggerFactory();
        await using var context = await CreateContextAsync(prefix, loggerFactory);

        Assert.False(await context.Database.EnsureCreatedAsync());

        var warning = Assert.Single(loggerFactory.Entries, m => m.Id.Id == DynamoDbEventId.ExistingTableDiffers.Id);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains($"The DynamoDB table '{prefix}Threads' already exists", warning.Message);
        Assert.Contains("the global secondary index 'ByCategory' (Category HASH S, Views RANGE N) is missing", warning.Message);
        Assert.Empty((await DescribeAsync(prefix + "Threads")).GlobalSecondaryIndexes ?? []);

        await context.Database.EnsureDeletedAsync();
    }

    [Fact]
    public async Task EnsureCreated_and_EnsureDeleted_log_each_table_and_no_error()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(EnsureCreated_and_EnsureDeleted_log_each_table_and_no_error));
        var loggerFactory = new TestLoggerFactory();
        await using var context = await CreateContextAsync(prefix, loggerFactory);

        Assert.True(await context.Database.EnsureCreatedAsync());

        Assert.Equal(
            [prefix + "Forums", prefix + "Threads", prefix + "Users"],
            loggerFactory.Entries.Where(m => m.Id.Id == DynamoDbEventId.TableCreated.Id)
                .Select(m => m.Message.Split('\'')[1]).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(loggerFactory.Entries, m => m.Id.Id == DynamoDbEventId.ExistingTableDiffers.Id);

        Assert.True(await context.Database.EnsureDeletedAsync());
        Assert.Equal(
            [prefix + "Forums", prefix + "Threads", prefix + "Users"],
            loggerFactory.Entries.Where(m => m.Id.Id == DynamoDbEventId.TableDeleted.Id)
                .Select(m => m.Message.Split('\'')[1]).Order(StringComparer.Ordinal));

        // Asking whether a table exists (before creating it, while waiting for it to go) is no failure worth an error.
        Assert.DoesNotContain(loggerFactory.Entries, m => m.Level >= LogLevel.Error);
        Assert.Contains(loggerFactory.Entries, m => m.Id.Id == DynamoDbEventId.ExecutedRequest.Id && m.Message.Contains("DescribeTable"));
    }

    /// <summary>A client that, once tables exist, reports them (or their indexes) as still being created for a while.</summary>
    private sealed class SlowToActivateClient(string serviceUrl, Func<int, TableDescription, bool> stillCreating)
        : AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = serviceUrl, AuthenticationRegion = "us-east-1" })
    {
        private int _polls;

        public int Polls => _polls;

        public override async Task<DescribeTableResponse> DescribeTableAsync(DescribeTableRequest request, CancellationToken cancellationToken = default)
        {
            var response = await base.DescribeTableAsync(request, cancellationToken);
            var poll = Interlocked.Increment(ref _polls);
            if (stillCreating(poll, response.Table))
            {
                response.Table.TableStatus = TableStatus.CREATING;
                foreach (var index in response.Table.GlobalSecondaryIndexes ?? [])
                {
                    index.IndexStatus = IndexStatus.CREATING;
                }
            }

            return response;
        }
    }

    public class SingleTableContext(DbContextOptions<SingleTableContext> options) : DbContext(options)
    {
        public DbSet<Thread> Threads => Set<Thread>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Thread>(b =>
            {
                b.HasPartitionKey(t => t.ForumName);
                b.HasSortKey(t => t.Subject);
                b.HasIndex(t => t.Category, "ByCategory");
            });
    }

    [Fact]
    public async Task EnsureCreated_polls_until_the_table_and_its_indexes_are_active()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(EnsureCreated_polls_until_the_table_and_its_indexes_are_active));
        using var client = new SlowToActivateClient(await DynamoDbTestEnvironment.GetServiceUrlAsync(), (poll, _) => poll <= 3);
        await using var context = new SingleTableContext(
            new DbContextOptionsBuilder<SingleTableContext>().UseDynamoDb(client, o => o.TableNamePrefix(prefix)).AllowManyServiceProviders().Options);

        Assert.True(await context.Database.EnsureCreatedAsync());

        // One DescribeTable found no table; then three answers of "still CREATING" before the real, ACTIVE, one.
        Assert.Equal(4, client.Polls);
        Assert.True(await context.Database.EnsureDeletedAsync());
    }

    [Fact]
    public async Task EnsureCreated_waiting_for_ACTIVE_is_cancellable()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(EnsureCreated_waiting_for_ACTIVE_is_cancellable));
        using var cancellation = new CancellationTokenSource();
        using var client = new SlowToActivateClient(
            await DynamoDbTestEnvironment.GetServiceUrlAsync(),
            (poll, _) =>
            {
                if (poll == 3)
                {
                    cancellation.Cancel();
                }

                return true; // never ACTIVE
            });
        await using var context = new SingleTableContext(
            new DbContextOptionsBuilder<SingleTableContext>().UseDynamoDb(client, o => o.TableNamePrefix(prefix)).AllowManyServiceProviders().Options);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.Database.EnsureCreatedAsync(cancellation.Token));

        // The table was created and polled until the token was cancelled; then the wait stopped.
        Assert.Equal(3, client.Polls);
        Assert.Equal([prefix + "Threads"], await ListTablesAsync(prefix));
        Assert.True(await context.Database.EnsureDeletedAsync());
    }

    [Fact]
    public async Task EnsureCreated_with_a_cancelled_token_creates_nothing()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(EnsureCreated_with_a_cancelled_token_creates_nothing));
        await using var context = await CreateContextAsync(prefix);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.Database.EnsureCreatedAsync(new CancellationToken(canceled: true)));

        Assert.Empty(await ListTablesAsync(prefix));
    }

    [Fact]
    public void Synchronous_EnsureCreated_and_EnsureDeleted_name_the_async_methods()
    {
        using var context = new ForumContext(new DbContextOptionsBuilder<ForumContext>().UseDynamoDb("http://127.0.0.1:1").AllowManyServiceProviders().Options);

        Assert.Contains("EnsureCreatedAsync", Assert.Throws<InvalidOperationException>(() => context.Database.EnsureCreated()).Message);
        Assert.Contains("EnsureDeletedAsync", Assert.Throws<InvalidOperationException>(() => context.Database.EnsureDeleted()).Message);
    }
}
