using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Query.QueryAssertions;
using static EFCore.DynamoDb.FunctionalTests.Types.Infrastructure.Deep;

namespace EFCore.DynamoDb.FunctionalTests.Interop;

/// <summary>
///     A table created and filled with the raw SDK as PynamoDB names things (forum_name, last_post_datetime, nested
///     author.display_name), mapped by one line, HasAttributeNamingConvention(SnakeCase), plus HasAttributeName where the
///     Python name is not the snake case of the C# one: the key schema matches, items read, key lookups and index queries
///     find them, and writes use the same names and keep the attributes the model does not map.
/// </summary>
public class NamingConventionTests : IAsyncLifetime
{
    public class Thread
    {
        public string ForumName { get; set; } = "";
        public string Subject { get; set; } = "";
        public int Views { get; set; }
        public HashSet<string> Tags { get; set; } = [];
        public DateTime LastPostDateTime { get; set; }
        public string Category { get; set; } = "";
        public bool IsAnswered { get; set; }
        public Author? PostedBy { get; set; }
        public Stats Counters { get; set; } = new();
    }

    public class Author
    {
        public string DisplayName { get; set; } = "";
        public DateOnly JoinedOn { get; set; }
    }

    public class Stats
    {
        public int ReplyCount { get; set; }
    }

    public class PynamoContext(DbContextOptions<PynamoContext> options) : DbContext(options)
    {
        public DbSet<Thread> Threads => Set<Thread>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.HasAttributeNamingConvention(DynamoDbNamingConvention.SnakeCase);
            modelBuilder.Entity<Thread>(b =>
            {
                b.ToTable("Thread");
                b.HasPartitionKey(t => t.ForumName).HasSortKey(t => t.Subject);
                b.HasIndex(t => new { t.Category, t.LastPostDateTime }, "category_index");
                // The Python attribute is last_post_datetime, not last_post_date_time: the explicit name wins.
                b.Property(t => t.LastPostDateTime).HasAttributeName("last_post_datetime").HasDateTimeFormat("yyyy-MM-ddTHH:mm:ss.ffffff+0000");
                b.OwnsOne(t => t.PostedBy);
                b.ComplexProperty(t => t.Counters);
            });
        }
    }

    private UpdateTestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await UpdateTestStore.CreateAsync(nameof(NamingConventionTests));
        await _store.Raw.CreateTableAsync(new CreateTableRequest
        {
            TableName = _store.Table("Thread"),
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new("forum_name", KeyType.HASH), new("subject", KeyType.RANGE)],
            AttributeDefinitions =
            [
                new("forum_name", ScalarAttributeType.S), new("subject", ScalarAttributeType.S),
                new("category", ScalarAttributeType.S), new("last_post_datetime", ScalarAttributeType.S),
            ],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = "category_index",
                    KeySchema = [new("category", KeyType.HASH), new("last_post_datetime", KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        });
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    private PynamoContext NewContext() => new(_store.Options<PynamoContext>());

    private static Dictionary<string, AttributeValue> PynamoItem(string subject, int views, string category, string lastPost, bool answered)
        => new()
        {
            ["forum_name"] = S("Amazon DynamoDB"),
            ["subject"] = S(subject),
            ["views"] = N(views.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["tags"] = SS("a", subject),
            ["last_post_datetime"] = S(lastPost),
            ["category"] = S(category),
            ["is_answered"] = Bool(answered),
            ["posted_by"] = M(("display_name", S("Ann " + subject)), ("joined_on", S("2020-01-02"))),
            ["counters"] = M(("reply_count", N("7"))),
            ["pynamo_only"] = S("kept"),
        };

    [Fact]
    public async Task A_snake_case_table_written_by_the_raw_sdk_reads_finds_queries_and_is_written_back_in_its_names()
    {
        await _store.PutRawAsync("Thread", PynamoItem("How?", 3, "help", "2024-01-02T03:04:05.123456+0000", answered: true));
        await _store.PutRawAsync("Thread", PynamoItem("Why?", 10, "help", "2024-02-01T00:00:00.000000+0000", answered: false));
        await _store.PutRawAsync("Thread", PynamoItem("News", 1, "news", "2024-03-01T00:00:00.000000+0000", answered: false));

        await using var context = NewContext();

        // The model's key schema is the table's: nothing to create.
        Assert.False(await context.Database.EnsureCreatedAsync());

        var all = await context.Threads.AsNoTracking().ToListAsync();
        Assert.Equal(3, all.Count);
        var how = all.Single(t => t.Subject == "How?");
        Assert.Equal(3, how.Views);
        Assert.True(how.IsAnswered);
        Assert.True(how.Tags.SetEquals(["a", "How?"]));
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_560), how.LastPostDateTime);
        Assert.Equal("Ann How?", how.PostedBy!.DisplayName);
        Assert.Equal(new DateOnly(2020, 1, 2), how.PostedBy.JoinedOn);
        Assert.Equal(7, how.Counters.ReplyCount);

        var found = await context.Threads.FindAsync("Amazon DynamoDB", "How?");
        Assert.Equal(3, found!.Views);

        var since = new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc);
        await AssertQueryAsync(context.Threads.AsNoTracking(), all,
            q => q.Where(t => t.Category == "help" && t.LastPostDateTime > since), "Query", map: t => t.Subject);
        Assert.Contains("category_index", context.Threads.Where(t => t.Category == "help" && t.LastPostDateTime > since).ToQueryString());
        await AssertQueryAsync(context.Threads.AsNoTracking(), all,
            q => q.Where(t => t.Views > 2 && t.PostedBy!.DisplayName.StartsWith("Ann") && t.Counters.ReplyCount == 7 && !t.IsAnswered), "Scan",
            map: t => t.Subject);

        // An update writes the snake-case names and leaves the attribute the model does not map.
        found.Views++;
        found.PostedBy!.DisplayName = "Ann B.";
        found.Counters = new Stats { ReplyCount = 8 };
        await context.SaveChangesAsync();
        var stored = (await _store.GetAsync("Thread", ("forum_name", S("Amazon DynamoDB")), ("subject", S("How?"))))!;
        Attribute(N("4"), stored["views"], "views");
        Attribute(S("Ann B."), stored["posted_by"].M["display_name"], "posted_by.display_name");
        Attribute(N("8"), stored["counters"].M["reply_count"], "counters.reply_count");
        Attribute(S("kept"), stored["pynamo_only"], "pynamo_only");
        Assert.DoesNotContain(stored.Keys, k => k.Any(char.IsUpper));

        // A new item has the table's names only.
        context.Threads.Add(new Thread
        {
            ForumName = "Amazon DynamoDB",
            Subject = "New",
            Category = "news",
            LastPostDateTime = new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc),
            PostedBy = new Author { DisplayName = "Bo", JoinedOn = new DateOnly(2021, 5, 6) },
        });
        await context.SaveChangesAsync();
        var added = (await _store.GetAsync("Thread", ("forum_name", S("Amazon DynamoDB")), ("subject", S("New"))))!;
        Assert.Equal(
            ["category", "counters", "forum_name", "is_answered", "last_post_datetime", "posted_by", "subject", "views"],
            added.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("2024-04-01T00:00:00.000000+0000", added["last_post_datetime"].S);
        Assert.Equal(["display_name", "joined_on"], added["posted_by"].M.Keys.Order(StringComparer.Ordinal));
    }
}
