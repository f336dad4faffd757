using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Query.QueryAssertions;
using static EFCore.DynamoDb.FunctionalTests.Types.Infrastructure.Deep;

namespace EFCore.DynamoDb.FunctionalTests.Interop;

/// <summary>
///     Per-property date and time formats (HasDateTimeFormat) over items other tools wrote with the raw SDK: DynamoDBContext's
///     millisecond text as a sort key, PynamoDB's "+0000" text, a format that does not sort. Key lookups, key conditions,
///     filters and ordering answer as LINQ-to-Objects does over the same objects; finer values are refused on save and
///     compared exactly in queries.
/// </summary>
public class DateTimeFormatTests : IAsyncLifetime
{
    public class Reply
    {
        public string Id { get; set; } = "";
        public DateTime ReplyDateTime { get; set; }
        public string Message { get; set; } = "";
        public DateTimeOffset? EditedAt { get; set; }
    }

    public class Thread
    {
        public string ForumName { get; set; } = "";
        public DateTime LastPostDateTime { get; set; }
        public int Views { get; set; }
    }

    public class Note
    {
        public string Id { get; set; } = "";
        public DateTime Day { get; set; }
        public DateTime? Reminder { get; set; }
    }

    public class FormatContext(DbContextOptions<FormatContext> options) : DbContext(options)
    {
        public DbSet<Reply> Replies => Set<Reply>();
        public DbSet<Thread> Threads => Set<Thread>();
        public DbSet<Note> Notes => Set<Note>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            // One line for the whole model: DynamoDBContext's text (AWSSDKUtils.ISO8601DateFormat).
            modelBuilder.HasDateTimeFormat("yyyy-MM-ddTHH:mm:ss.fffZ");
            modelBuilder.Entity<Reply>(b =>
            {
                b.ToTable("Reply");
                b.HasPartitionKey(r => r.Id).HasSortKey(r => r.ReplyDateTime);
            });
            modelBuilder.Entity<Thread>(b =>
            {
                b.ToTable("Thread");
                b.HasPartitionKey(t => t.ForumName).HasSortKey(t => t.LastPostDateTime);
                // PynamoDB's UTCDateTimeAttribute text; the property's own format wins over the model's.
                b.Property(t => t.LastPostDateTime).HasDateTimeFormat("yyyy-MM-ddTHH:mm:ss.ffffff+0000");
            });
            modelBuilder.Entity<Note>(b =>
            {
                b.ToTable("Note");
                b.HasPartitionKey(n => n.Id).HasSortKey(n => n.Day);
                b.Property(n => n.Day).HasDateTimeFormat("dd/MM/yyyy");
                b.Property(n => n.Reminder).HasDateTimeFormat("dd/MM/yyyy HH:mm");
            });
        }
    }

    private UpdateTestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await UpdateTestStore.CreateAsync(nameof(DateTimeFormatTests));
        await using var context = NewContext();
        await context.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    private FormatContext NewContext() => new(_store.Options<FormatContext>());

    private static readonly DateTime T0 = new(2026, 11, 28, 16, 28, 34, 252, DateTimeKind.Utc);

    /// <summary>Replies as DynamoDBContext writes them: "yyyy-MM-ddTHH:mm:ss.fffZ" sort keys.</summary>
    private async Task<List<Reply>> PutSdkRepliesAsync()
    {
        var replies = new List<Reply>();
        foreach (var (offset, i) in new[] { -86_400_000, -1, 0, 1, 999, 60_000 }.Select((o, i) => (o, i)))
        {
            var at = T0.AddMilliseconds(offset);
            await _store.PutRawAsync("Reply", new Dictionary<string, AttributeValue>
            {
                ["Id"] = S("thread-1"),
                ["ReplyDateTime"] = S(at.ToString("yyyy-MM-dd\\THH:mm:ss.fff\\Z", System.Globalization.CultureInfo.InvariantCulture)),
                ["Message"] = S("m" + i),
            });
            replies.Add(new Reply { Id = "thread-1", ReplyDateTime = at, Message = "m" + i });
        }

        return replies;
    }

    [Fact]
    public async Task A_sort_key_written_by_the_sdk_is_found_by_key_and_by_every_range()
    {
        var data = await PutSdkRepliesAsync();
        await using var context = NewContext();

        var read = await context.Replies.AsNoTracking().Where(r => r.Id == "thread-1").ToListAsync();
        Assert.Equal(data.Select(r => r.ReplyDateTime).Order(), read.Select(r => r.ReplyDateTime).Order());
        Assert.All(read, r => Assert.Equal(DateTimeKind.Utc, r.ReplyDateTime.Kind));

        // The value just read finds its item: the key is written back in the stored text.
        var justRead = read.Single(r => r.Message == "m2").ReplyDateTime;
        Assert.NotNull(await context.Replies.FindAsync("thread-1", justRead));

        var v = justRead;
        var lo = T0.AddMilliseconds(-1);
        var hi = T0.AddMilliseconds(999);
        Assert.Equal(
            data.Count(r => r.Id == "thread-1" && r.ReplyDateTime <= v),
            await context.Replies.CountAsync(r => r.Id == "thread-1" && r.ReplyDateTime <= v));
        await AssertQueryAsync(context.Replies.AsNoTracking(), data, q => q.Where(r => r.Id == "thread-1" && r.ReplyDateTime < v), "Query", map: r => r.Message);
        await AssertQueryAsync(context.Replies.AsNoTracking(), data, q => q.Where(r => r.Id == "thread-1" && r.ReplyDateTime > v), "Query", map: r => r.Message);
        await AssertQueryAsync(context.Replies.AsNoTracking(), data, q => q.Where(r => r.Id == "thread-1" && r.ReplyDateTime >= v), "Query", map: r => r.Message);
        await AssertQueryAsync(
            context.Replies.AsNoTracking(), data, q => q.Where(r => r.Id == "thread-1" && lo <= r.ReplyDateTime && r.ReplyDateTime <= hi), "Query",
            map: r => r.Message);
        await AssertQueryAsync(
            context.Replies.AsNoTracking(), data, q => q.Where(r => r.Id == "thread-1").OrderByDescending(r => r.ReplyDateTime),
            "Query", ordered: true, map: r => r.Message);
        Assert.Contains("BETWEEN", context.Replies.Where(r => r.Id == "thread-1" && lo <= r.ReplyDateTime && r.ReplyDateTime <= hi).ToQueryString());
    }

    [Fact]
    public async Task Saving_writes_the_configured_text_and_refuses_a_finer_value_naming_entity_property_and_value()
    {
        await using (var context = NewContext())
        {
            context.Replies.Add(new Reply { Id = "t", ReplyDateTime = T0, Message = "kept", EditedAt = new DateTimeOffset(T0).ToOffset(TimeSpan.FromHours(5)) });
            await context.SaveChangesAsync();
        }

        var stored = Assert.Single(await _store.ScanAsync("Reply"));
        Assert.Equal("2026-11-28T16:28:34.252Z", stored["ReplyDateTime"].S);
        Assert.Equal("2026-11-28T16:28:34.252Z", stored["EditedAt"].S);

        await using (var context = NewContext())
        {
            var fine = T0.AddTicks(1234);
            context.Replies.Add(new Reply { Id = "t", ReplyDateTime = fine, Message = "refused" });
            var e = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
            Assert.Contains("Reply", e.Message);
            Assert.Contains("'ReplyDateTime'", e.Message);
            Assert.Contains("2026-11-28T16:28:34.252Z", e.Message);
            Assert.Contains("'yyyy-MM-ddTHH:mm:ss.fffZ'", e.Message);
            Assert.Contains("truncate it", e.Message);

            // Nothing was sent: the table still holds the one item.
            Assert.Single(await _store.ScanAsync("Reply"));

            // Truncating as the message says saves it.
            context.ChangeTracker.Clear();
            context.Replies.Add(new Reply { Id = "t", ReplyDateTime = fine.AddTicks(-(fine.Ticks % TimeSpan.TicksPerMillisecond)).AddSeconds(1), Message = "ok" });
            await context.SaveChangesAsync();
        }

        Assert.Equal(2, (await _store.ScanAsync("Reply")).Count);
    }

    [Fact]
    public async Task Query_values_finer_than_the_format_are_compared_exactly()
    {
        var data = await PutSdkRepliesAsync();
        await using var context = NewContext();
        var fine = T0.AddTicks(5_000);        // between T0 and T0 + 1 ms: no stored value equals it

        Assert.Null(await context.Replies.FindAsync("thread-1", fine));
        AssertOperation(context.Replies.Where(r => r.Id == "thread-1" && r.ReplyDateTime == fine).ToQueryString(), "None");
        await AssertQueryAsync(context.Replies.AsNoTracking(), data, q => q.Where(r => r.Id == "thread-1" && r.ReplyDateTime == fine), "None", map: r => r.Message);
        await AssertQueryAsync(context.Replies.AsNoTracking(), data, q => q.Where(r => r.Id == "thread-1" && r.ReplyDateTime != fine), "Query", map: r => r.Message);
        await AssertQueryAsync(context.Replies.AsNoTracking(), data, q => q.Where(r => r.Id == "thread-1" && r.ReplyDateTime < fine), "Query", map: r => r.Message);
        await AssertQueryAsync(context.Replies.AsNoTracking(), data, q => q.Where(r => r.Id == "thread-1" && r.ReplyDateTime <= fine), "Query", map: r => r.Message);
        await AssertQueryAsync(context.Replies.AsNoTracking(), data, q => q.Where(r => r.Id == "thread-1" && r.ReplyDateTime > fine), "Query", map: r => r.Message);
        await AssertQueryAsync(context.Replies.AsNoTracking(), data, q => q.Where(r => r.Id == "thread-1" && r.ReplyDateTime >= fine), "Query", map: r => r.Message);
        var around = new[] { fine, T0.AddMilliseconds(1) };
        await AssertQueryAsync(
            context.Replies.AsNoTracking(), data, q => q.Where(r => r.Id == "thread-1" && around.Contains(r.ReplyDateTime)), "BatchGetItem",
            map: r => r.Message);
        // The finer value names no key: one key is read.
        Assert.Contains("Keys: 1", context.Replies.Where(r => r.Id == "thread-1" && around.Contains(r.ReplyDateTime)).ToQueryString());

        // DateTime.UtcNow-style values against a filter attribute (not a key) too.
        var now = DateTime.UtcNow;
        await AssertQueryAsync(context.Replies.AsNoTracking(), data, q => q.Where(r => r.EditedAt < now || r.ReplyDateTime < now), "Scan", map: r => r.Message);
    }

    [Fact]
    public async Task PynamoDB_text_reads_finds_its_key_and_orders()
    {
        var texts = new[] { "2024-01-02T03:04:05.123456+0000", "2024-01-02T03:04:05.100000+0000", "2023-12-31T23:59:59.999999+0000" };
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
        {
            await _store.PutRawAsync("Thread", new() { ["ForumName"] = S("f"), ["LastPostDateTime"] = S(text), ["Views"] = N(i.ToString()) });
        }

        await using var context = NewContext();
        var threads = await context.Threads.AsNoTracking().Where(t => t.ForumName == "f").ToListAsync();
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_560), threads.Max(t => t.LastPostDateTime));
        foreach (var thread in threads)
        {
            var found = await context.Threads.FindAsync("f", thread.LastPostDateTime);
            Assert.Equal(thread.Views, found!.Views);
        }

        await AssertQueryAsync(context.Threads.AsNoTracking(), threads, q => q.Where(t => t.ForumName == "f").OrderBy(t => t.LastPostDateTime),
            "Query", ordered: true, map: t => t.Views);
        var cut = new DateTime(2024, 1, 2, 3, 4, 5, 110, DateTimeKind.Utc);
        await AssertQueryAsync(context.Threads.AsNoTracking(), threads, q => q.Where(t => t.ForumName == "f" && t.LastPostDateTime > cut), "Query",
            map: t => t.Views);

        // Written back in PynamoDB's text.
        context.Threads.Add(new Thread { ForumName = "f", LastPostDateTime = cut, Views = 9 });
        await context.SaveChangesAsync();
        Assert.NotNull(await _store.GetAsync("Thread", ("ForumName", S("f")), ("LastPostDateTime", S("2024-01-02T03:04:05.110000+0000"))));
    }

    [Fact]
    public async Task A_format_that_does_not_sort_translates_equality_and_refuses_ranges_and_ordering_saying_why()
    {
        await using var context = NewContext();
        var day = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        context.Notes.AddRange(
            new Note { Id = "n", Day = day, Reminder = day.AddHours(9) },
            new Note { Id = "n", Day = day.AddDays(31), Reminder = null });
        await context.SaveChangesAsync();
        Assert.Contains(await _store.ScanAsync("Note"), i => i["Day"].S == "01/03/2026" && i["Reminder"].S == "01/03/2026 09:00");

        context.ChangeTracker.Clear();
        Assert.NotNull(await context.Notes.FindAsync("n", day));
        Assert.Single(await context.Notes.Where(n => n.Id == "n" && n.Reminder == day.AddHours(9)).ToListAsync());
        Assert.Single(await context.Notes.Where(n => n.Id == "n" && n.Reminder != day.AddHours(9)).ToListAsync());

        var range = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Notes.Where(n => n.Id == "n" && n.Day < day).ToListAsync());
        Assert.Contains("'dd/MM/yyyy' does not sort like time", range.Message);
        Assert.Contains("only == and != can be translated", range.Message);

        var order = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Notes.Where(n => n.Id == "n").OrderBy(n => n.Day).ToListAsync());
        Assert.Contains("does not sort like its values", order.Message);
        Assert.Contains("'dd/MM/yyyy'", order.Message);
    }

    [Fact]
    public async Task A_key_stored_by_two_tools_in_two_texts_reads_twice_and_a_key_lookup_finds_the_configured_text()
    {
        // The same instant as DynamoDBContext writes it and as the provider's default form writes it: two distinct items.
        await _store.PutRawAsync("Reply", new() { ["Id"] = S("mixed"), ["ReplyDateTime"] = S("2026-11-28T16:28:34.252Z"), ["Message"] = S("sdk") });
        await _store.PutRawAsync("Reply", new() { ["Id"] = S("mixed"), ["ReplyDateTime"] = S("2026-11-28T16:28:34.2520000Z"), ["Message"] = S("ef-default") });

        await using var context = NewContext();
        var both = await context.Replies.AsNoTracking().Where(r => r.Id == "mixed").ToListAsync();
        Assert.Equal(2, both.Count);
        Assert.All(both, r => Assert.Equal(T0, r.ReplyDateTime));

        // A key lookup sends the configured text: it finds the item stored in that text, not the other.
        Assert.Equal("sdk", (await context.Replies.FindAsync("mixed", T0))!.Message);
        Assert.Equal(["sdk"], await context.Replies.AsNoTracking().Where(r => r.Id == "mixed" && r.ReplyDateTime == T0).Select(r => r.Message).ToListAsync());
    }
}
