using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using EFCore.DynamoDb.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using static EFCore.DynamoDb.FunctionalTests.Schema.TableDescriptions;

namespace EFCore.DynamoDb.FunctionalTests.Schema;

/// <summary>
///     EnsureSchemaAsync, schema evolution without migrations: a table created by an older model gets the newer model's global
///     index (backfilled from the items already there, then used by queries) and time to live; what DynamoDB cannot change in
///     place is reported and left exactly as it was; a second run changes nothing.
/// </summary>
public class EnsureSchemaTests
{
    public class Ticket
    {
        public string Queue { get; set; } = null!;
        public int Id { get; set; }
        public string Status { get; set; } = null!;
        public int Priority { get; set; }
        public DateTime? ExpiresAt { get; set; }
    }

    /// <summary>The first release of the model: keys only.</summary>
    public class TicketsV1(DbContextOptions<TicketsV1> options) : DbContext(options)
    {
        public DbSet<Ticket> Tickets => Set<Ticket>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Ticket>(b =>
            {
                b.HasPartitionKey(t => t.Queue);
                b.HasSortKey(t => t.Id);
            });
    }

    /// <summary>The next release: a global index by status and time to live.</summary>
    public class TicketsV2(DbContextOptions<TicketsV2> options) : DbContext(options)
    {
        public DbSet<Ticket> Tickets => Set<Ticket>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Ticket>(b =>
            {
                b.HasPartitionKey(t => t.Queue);
                b.HasSortKey(t => t.Id);
                b.HasIndex(t => new { t.Status, t.Priority }, "ByStatus");
                b.HasTimeToLive(t => t.ExpiresAt);
            });
    }

    /// <summary>A model declaring what an existing table cannot be given in place, next to what it can.</summary>
    public class TicketsV3(DbContextOptions<TicketsV3> options) : DbContext(options)
    {
        public DbSet<Ticket> Tickets => Set<Ticket>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Ticket>(b =>
            {
                b.HasPartitionKey(t => t.Queue);
                b.HasSortKey(t => t.Id);
                b.HasIndex(t => new { t.Status, t.Priority }, "ByStatus");
                b.HasIndex(t => new { t.Queue, t.Priority }, "ByPriority").IsLocalSecondaryIndex();
                b.HasIndex(t => t.Priority, "Projected").HasProjection(DynamoDbIndexProjection.All);
                b.HasTimeToLive(t => t.ExpiresAt);
            });
    }

    private static async Task<TContext> CreateAsync<TContext>(string prefix, TestLoggerFactory? logs = null)
        where TContext : DbContext
        => (TContext)Activator.CreateInstance(typeof(TContext), await DynamoDbTestEnvironment.CreateOptionsAsync<TContext>(prefix, logs))!;

    private static List<Ticket> SomeTickets()
        => Enumerable.Range(1, 30)
            .Select(i => new Ticket { Queue = "q" + (i % 3), Id = i, Status = i % 4 == 0 ? "open" : "closed", Priority = i % 5 })
            .ToList();

    [Fact]
    public async Task A_newer_models_global_index_is_added_backfilled_and_used_by_queries_and_time_to_live_enabled()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(EnsureSchemaTests));
        var tickets = SomeTickets();
        await using (var v1 = await CreateAsync<TicketsV1>(prefix))
        {
            Assert.True(await v1.Database.EnsureCreatedAsync());
            v1.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            v1.Tickets.AddRange(tickets);
            await v1.SaveChangesAsync();
        }

        var logs = new TestLoggerFactory();
        await using var v2 = await CreateAsync<TicketsV2>(prefix, logs);
        var report = await v2.Database.EnsureSchemaAsync();

        Assert.Equal(
            [
                (DynamoDbSchemaChangeKind.GlobalSecondaryIndexCreated, (string?)"ByStatus"),
                (DynamoDbSchemaChangeKind.TimeToLiveEnabled, null),
            ],
            report.Changes.Select(c => (c.Kind, c.IndexName)));
        Assert.All(report.Changes, c => Assert.Equal(prefix + "Tickets", c.TableName));
        Assert.Empty(report.Differences);
        Assert.True(report.IsUpToDate);

        var table = await DescribeAsync(prefix + "Tickets");
        var index = Assert.Single(table.GlobalSecondaryIndexes);
        Assert.Equal(("ByStatus", IndexStatus.ACTIVE), (index.IndexName, index.IndexStatus));
        Assert.Equal(["Status HASH", "Priority RANGE"], Keys(index.KeySchema));
        Assert.Equal(TimeToLiveStatus.ENABLED, (await DescribeTimeToLiveAsync(prefix + "Tickets")).TimeToLiveStatus);

        var updates = logs.Messages(DynamoDbEventId.TableUpdated);
        Assert.Equal(2, updates.Count);
        Assert.Contains("created the global secondary index 'ByStatus' (Status HASH S, Priority RANGE N), projecting ALL, and backfilled it", updates[0]);
        Assert.Contains("enabled time to live on the attribute 'ExpiresAt'", updates[1]);
        Assert.Single(logs.Messages(DynamoDbEventId.ExecutedRequest), m => m.StartsWith("Executed DynamoDB UpdateTable", StringComparison.Ordinal));

        // The items written before the index existed are in it: the query runs on the index and finds every one.
        var query = v2.Tickets.AsNoTracking().Where(t => t.Status == "open" && t.Priority >= 2);
        Assert.StartsWith($"Query {prefix}Tickets INDEX ByStatus", query.ToQueryString());
        Assert.Equal(
            tickets.Where(t => t.Status == "open" && t.Priority >= 2).Select(t => (t.Queue, t.Id)).Order(),
            (await query.ToListAsync()).Select(t => (t.Queue, t.Id)).Order());

        Assert.True(await v2.Database.EnsureDeletedAsync());
    }

    [Fact]
    public async Task Missing_tables_are_created_and_a_second_run_changes_nothing()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(Missing_tables_are_created_and_a_second_run_changes_nothing));
        var logs = new TestLoggerFactory();
        await using var context = await CreateAsync<TicketsV2>(prefix, logs);

        var first = await context.Database.EnsureSchemaAsync();
        var created = Assert.Single(first.Changes);
        Assert.Equal((DynamoDbSchemaChangeKind.TableCreated, prefix + "Tickets"), (created.Kind, created.TableName));
        Assert.Equal(IndexStatus.ACTIVE, Assert.Single((await DescribeAsync(prefix + "Tickets")).GlobalSecondaryIndexes).IndexStatus);
        Assert.Equal(TimeToLiveStatus.ENABLED, (await DescribeTimeToLiveAsync(prefix + "Tickets")).TimeToLiveStatus);

        logs.Clear();
        var second = await context.Database.EnsureSchemaAsync();
        Assert.Empty(second.Changes);
        Assert.Empty(second.Differences);
        Assert.Equal("The tables match the model; nothing was changed.", second.ToString());
        Assert.All(
            logs.Messages(DynamoDbEventId.ExecutedRequest),
            m => Assert.Matches("^Executed DynamoDB (DescribeTable|DescribeTimeToLive) ", m));
        Assert.Empty(logs.Messages(DynamoDbEventId.TableUpdated));
        Assert.Empty(logs.Messages(DynamoDbEventId.ExistingTableDiffers));

        Assert.True(await context.Database.EnsureDeletedAsync());
    }

    [Fact]
    public async Task What_cannot_change_in_place_is_reported_and_left_as_it_was()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(What_cannot_change_in_place_is_reported_and_left_as_it_was));
        using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
        await raw.CreateTableAsync(new CreateTableRequest
        {
            TableName = prefix + "Tickets",
            KeySchema = [new KeySchemaElement("Queue", KeyType.HASH), new KeySchemaElement("Id", KeyType.RANGE)],
            AttributeDefinitions =
            [
                new AttributeDefinition("Queue", ScalarAttributeType.S),
                new AttributeDefinition("Id", ScalarAttributeType.N),
                new AttributeDefinition("Priority", ScalarAttributeType.N),
                new AttributeDefinition("Legacy", ScalarAttributeType.S),
            ],
            BillingMode = BillingMode.PAY_PER_REQUEST,
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = "Projected",
                    KeySchema = [new KeySchemaElement("Priority", KeyType.HASH)],
                    Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY },
                },
                new GlobalSecondaryIndex
                {
                    IndexName = "ByLegacy",
                    KeySchema = [new KeySchemaElement("Legacy", KeyType.HASH)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        });
        await raw.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = prefix + "Tickets",
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = "purge_at", Enabled = true },
        });

        var logs = new TestLoggerFactory();
        await using var context = await CreateAsync<TicketsV3>(prefix, logs);
        var report = await context.Database.EnsureSchemaAsync();

        // What it could do, it did: the missing global index.
        Assert.Equal(("ByStatus", DynamoDbSchemaChangeKind.GlobalSecondaryIndexCreated), (Assert.Single(report.Changes).IndexName, report.Changes[0].Kind));
        Assert.False(report.IsUpToDate);
        Assert.Equal(
            [
                (DynamoDbSchemaDifferenceKind.IndexProjection, (string?)"Projected"),
                (DynamoDbSchemaDifferenceKind.LocalSecondaryIndexMissing, "ByPriority"),
                (DynamoDbSchemaDifferenceKind.IndexNotInModel, "ByLegacy"),
                (DynamoDbSchemaDifferenceKind.TimeToLive, null),
            ],
            report.Differences.Select(d => (d.Kind, d.IndexName)));
        Assert.Equal(
            "the index 'Projected' projects KEYS_ONLY but the model declares ALL", report.Differences[0].Description);
        Assert.Equal(
            "the local secondary index 'ByPriority' (Queue HASH S, Priority RANGE N) is missing; DynamoDB creates local secondary "
            + "indexes only with the table (recreate the table to add it)",
            report.Differences[1].Description);
        Assert.Equal(
            "time to live is on the attribute 'purge_at' but the model declares it on 'ExpiresAt'; disable it on the table first",
            report.Differences[3].Description);
        Assert.Contains(report.Differences[0].Description, Assert.Single(logs.Messages(DynamoDbEventId.ExistingTableDiffers)));

        // Nothing it reported was touched.
        var table = await DescribeAsync(prefix + "Tickets");
        Assert.Equal(["ByLegacy", "ByStatus", "Projected"], table.GlobalSecondaryIndexes.Select(i => i.IndexName).Order());
        Assert.Equal(ProjectionType.KEYS_ONLY, table.GlobalSecondaryIndexes.Single(i => i.IndexName == "Projected").Projection.ProjectionType);
        Assert.Null(table.LocalSecondaryIndexes);
        var ttl = await DescribeTimeToLiveAsync(prefix + "Tickets");
        Assert.Equal((TimeToLiveStatus.ENABLED, "purge_at"), (ttl.TimeToLiveStatus, ttl.AttributeName));

        // A second run reports the same and changes nothing more.
        var again = await context.Database.EnsureSchemaAsync();
        Assert.Empty(again.Changes);
        Assert.Equal(report.Differences, again.Differences);

        Assert.True(await context.Database.EnsureDeletedAsync());
    }

    [Fact]
    public async Task A_table_with_another_key_schema_is_reported_not_changed()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(A_table_with_another_key_schema_is_reported_not_changed));
        using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
        await raw.CreateTableAsync(new CreateTableRequest
        {
            TableName = prefix + "Tickets",
            KeySchema = [new KeySchemaElement("Queue", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("Queue", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });

        await using var context = await CreateAsync<TicketsV2>(prefix);
        var report = await context.Database.EnsureSchemaAsync();

        Assert.Empty(report.Changes);
        var difference = Assert.Single(report.Differences);
        Assert.Equal(DynamoDbSchemaDifferenceKind.KeySchema, difference.Kind);
        Assert.Equal(
            "the table's key schema is (Queue HASH S) but the model declares (Queue HASH S, Id RANGE N); DynamoDB cannot change a "
            + "table's keys: delete the table, use another table name, or change the model",
            difference.Description);
        Assert.Null((await DescribeAsync(prefix + "Tickets")).GlobalSecondaryIndexes);
        Assert.Equal(TimeToLiveStatus.DISABLED, (await DescribeTimeToLiveAsync(prefix + "Tickets")).TimeToLiveStatus);

        await raw.DeleteTableAsync(prefix + "Tickets");
    }

    [Fact]
    public async Task A_cancelled_call_sends_nothing()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(A_cancelled_call_sends_nothing));
        var logs = new TestLoggerFactory();
        await using var context = await CreateAsync<TicketsV2>(prefix, logs);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.Database.EnsureSchemaAsync(cancelled.Token));
        Assert.Empty(logs.Messages(DynamoDbEventId.ExecutedRequest));
        Assert.Empty(await ListTablesAsync(prefix));
    }
}
