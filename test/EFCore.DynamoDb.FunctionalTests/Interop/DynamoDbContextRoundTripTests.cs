using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Types.Infrastructure.Deep;

namespace EFCore.DynamoDb.FunctionalTests.Interop;

/// <summary>
///     One class, mapped by the AWS SDK's DynamoDBContext (its attributes, its default configuration) and by an EF model, over
///     one table: what DynamoDBContext saves EF reads, filters and updates, and DynamoDBContext loads and saves what EF wrote,
///     with optimistic locking ([DynamoDBVersion] / IsRowVersion) holding across both.
/// </summary>
public class DynamoDbContextRoundTripTests : IAsyncLifetime
{
    public enum Status
    {
        Open,
        Answered,
    }

    [DynamoDBTable("Threads")]
    public class ForumThread
    {
        [DynamoDBHashKey]
        public string ForumName { get; set; } = "";

        [DynamoDBRangeKey]
        public string Subject { get; set; } = "";

        public bool Answered { get; set; }
        public List<string> Tags { get; set; } = [];
        public int[] Scores { get; set; } = [];
        public DateTime LastPostDateTime { get; set; }
        public Status State { get; set; }
        public string? Body { get; set; }

        [DynamoDBVersion]
        public int? Version { get; set; }
    }

    /// <summary>Writes DynamoDBContext's forms (its default conversion, V1).</summary>
    public class ConventionsContext(DbContextOptions<ConventionsContext> options) : DbContext(options)
    {
        public DbSet<ForumThread> Threads => Set<ForumThread>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.UseDynamoDbContextConventions();
            Configure(modelBuilder);
        }
    }

    /// <summary>The provider's own forms.</summary>
    public class DefaultContext(DbContextOptions<DefaultContext> options) : DbContext(options)
    {
        public DbSet<ForumThread> Threads => Set<ForumThread>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => Configure(modelBuilder);
    }

    private static void Configure(ModelBuilder modelBuilder)
        => modelBuilder.Entity<ForumThread>(b =>
        {
            b.ToTable("Threads");
            b.HasPartitionKey(t => t.ForumName).HasSortKey(t => t.Subject);
            b.Property(t => t.Version).IsRowVersion();
        });

    private UpdateTestStore _store = null!;
    private IDynamoDBContext _sdk = null!;

    public async Task InitializeAsync()
    {
        _store = await UpdateTestStore.CreateAsync(nameof(DynamoDbContextRoundTripTests));
        await using (var context = Conventions())
        {
            await context.Database.EnsureCreatedAsync();
        }
        _sdk = _store.CreateDynamoDbContext();
    }

    public Task DisposeAsync()
    {
        _sdk.Dispose();
        _store.Dispose();
        return Task.CompletedTask;
    }

    private ConventionsContext Conventions() => new(_store.Options<ConventionsContext>());

    private DefaultContext Default() => new(_store.Options<DefaultContext>());

    private static readonly DateTime LastPost = new(2026, 11, 28, 16, 28, 34, 252, DateTimeKind.Utc);

    private static ForumThread NewThread(string subject)
        => new()
        {
            ForumName = "DynamoDB",
            Subject = subject,
            Answered = true,
            Tags = ["b", "a"],
            Scores = [5, 3],
            LastPostDateTime = LastPost,
            State = Status.Answered,
            Body = "hello",
        };

    private static void SameValues(ForumThread expected, ForumThread actual)
    {
        Assert.Equal(expected.Answered, actual.Answered);
        Assert.Equal(expected.Tags.Order(), actual.Tags.Order());
        Assert.Equal(expected.Scores.Order(), actual.Scores.Order());
        Assert.Equal(expected.LastPostDateTime, actual.LastPostDateTime);
        Assert.Equal(DateTimeKind.Utc, actual.LastPostDateTime.Kind);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.Body, actual.Body);
        Assert.Equal(expected.Version, actual.Version);
    }

    [Fact]
    public async Task What_DynamoDBContext_saves_EF_reads_filters_and_updates_and_DynamoDBContext_then_loads()
    {
        var saved = NewThread("sdk");
        await _sdk.SaveAsync(saved);
        Assert.Equal(0, saved.Version);

        // DynamoDBContext's own forms, as SDK 4.x writes them by default.
        var raw = (await _store.GetAsync("Threads", ("ForumName", S("DynamoDB")), ("Subject", S("sdk"))))!;
        Attribute(N("1"), raw["Answered"], "Answered");
        Attribute(SS("a", "b"), raw["Tags"], "Tags");
        Attribute(NS("3", "5"), raw["Scores"], "Scores");
        Attribute(S("2026-11-28T16:28:34.252Z"), raw["LastPostDateTime"], "LastPostDateTime");
        Attribute(N("1"), raw["State"], "State");
        Attribute(N("0"), raw["Version"], "Version");

        await using (var context = Conventions())
        {
            var thread = await context.Threads.FindAsync("DynamoDB", "sdk");
            SameValues(saved, thread!);
            var at = thread!.LastPostDateTime;
            Assert.Equal(1, await context.Threads.CountAsync(t => t.ForumName == "DynamoDB" && t.Answered && t.Tags.Contains("a")
                && t.Scores.Length == 2 && t.LastPostDateTime <= at && t.State == Status.Answered));

            thread.Answered = false;
            thread.Body = "edited by EF";
            await context.SaveChangesAsync();
            Assert.Equal(1, thread.Version);
        }

        raw = (await _store.GetAsync("Threads", ("ForumName", S("DynamoDB")), ("Subject", S("sdk"))))!;
        Attribute(N("0"), raw["Answered"], "Answered");
        Attribute(N("1"), raw["Version"], "Version");

        var loaded = await _sdk.LoadAsync<ForumThread>("DynamoDB", "sdk");
        Assert.False(loaded.Answered);
        Assert.Equal("edited by EF", loaded.Body);
        Assert.Equal(1, loaded.Version);

        // DynamoDBContext's version check passes on EF's version, and EF sees DynamoDBContext's next one.
        loaded.Body = "edited by DynamoDBContext";
        await _sdk.SaveAsync(loaded);
        Assert.Equal(2, loaded.Version);
        await using (var context = Conventions())
        {
            var thread = await context.Threads.SingleAsync(t => t.ForumName == "DynamoDB" && t.Subject == "sdk");
            Assert.Equal("edited by DynamoDBContext", thread.Body);
            Assert.Equal(2, thread.Version);
        }
    }

    [Fact]
    public async Task What_EF_writes_with_the_conventions_DynamoDBContext_loads_and_saves_with_the_version_checked_both_ways()
    {
        var thread = NewThread("ef");
        await using var context = Conventions();
        context.Threads.Add(thread);
        await context.SaveChangesAsync();
        Assert.Equal(0, thread.Version);

        var loaded = await _sdk.LoadAsync<ForumThread>("DynamoDB", "ef");
        SameValues(thread, loaded);

        loaded.Tags.Add("c");
        await _sdk.SaveAsync(loaded);
        Assert.Equal(1, loaded.Version);

        // The EF entity still holds version 0: its update is refused, and nothing is overwritten.
        thread.Body = "stale";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());
        await using var fresh = Conventions();
        var reread = await fresh.Threads.FindAsync("DynamoDB", "ef");
        Assert.Equal(["a", "b", "c"], reread!.Tags.Order());
        Assert.Equal("hello", reread.Body);
        Assert.Equal(1, reread.Version);

        // A stale DynamoDBContext save is refused as well.
        reread.Body = "fresh";
        await fresh.SaveChangesAsync();
        loaded.Body = "stale sdk";
        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => _sdk.SaveAsync(loaded));
    }

    [Fact]
    public async Task Without_the_conventions_DynamoDBContext_still_loads_EF_items_and_EF_reads_them_back_after_it_saves()
    {
        var thread = NewThread("default");
        thread.LastPostDateTime = LastPost.AddTicks(1234);
        await using (var context = Default())
        {
            context.Threads.Add(thread);
            await context.SaveChangesAsync();
        }

        var raw = (await _store.GetAsync("Threads", ("ForumName", S("DynamoDB")), ("Subject", S("default"))))!;
        Attribute(Bool(true), raw["Answered"], "Answered");
        Attribute(L(S("b"), S("a")), raw["Tags"], "Tags");
        Attribute(N("1"), raw["Version"], "Version");

        var loaded = await _sdk.LoadAsync<ForumThread>("DynamoDB", "default");
        SameValues(thread, loaded);

        // DynamoDBContext rewrites the item in its forms (N 1/0, SS, NS, milliseconds); EF reads those too.
        loaded.Body = "saved by DynamoDBContext";
        await _sdk.SaveAsync(loaded);
        raw = (await _store.GetAsync("Threads", ("ForumName", S("DynamoDB")), ("Subject", S("default"))))!;
        Attribute(N("1"), raw["Answered"], "Answered");
        Attribute(SS("a", "b"), raw["Tags"], "Tags");

        await using (var context = Default())
        {
            var reread = await context.Threads.FindAsync("DynamoDB", "default");
            Assert.True(reread!.Answered);
            Assert.Equal(["a", "b"], reread.Tags.Order());
            Assert.Equal([3, 5], reread.Scores.Order());
            Assert.Equal(LastPost, reread.LastPostDateTime);
            Assert.Equal(2, reread.Version);
        }
    }

    [Fact]
    public async Task An_item_with_no_version_yet_is_versioned_by_EF_from_0_and_DynamoDBContext_carries_on()
    {
        await _store.PutRawAsync("Threads", new Dictionary<string, AttributeValue>
        {
            ["ForumName"] = S("DynamoDB"),
            ["Subject"] = S("unversioned"),
            ["Answered"] = N("0"),
            ["LastPostDateTime"] = S("2026-11-28T16:28:34.252Z"),
            ["State"] = N("0"),
        });

        await using (var context = Conventions())
        {
            var thread = await context.Threads.FindAsync("DynamoDB", "unversioned");
            Assert.Null(thread!.Version);
            Assert.Empty(thread.Tags);
            thread.Body = "one";
            await context.SaveChangesAsync();
            Assert.Equal(0, thread.Version);
            thread.Body = "two";
            await context.SaveChangesAsync();
            Assert.Equal(1, thread.Version);
        }

        var loaded = await _sdk.LoadAsync<ForumThread>("DynamoDB", "unversioned");
        Assert.Equal("two", loaded.Body);
        Assert.Equal(1, loaded.Version);
        await _sdk.SaveAsync(loaded);
        Assert.Equal(2, loaded.Version);
    }
}
