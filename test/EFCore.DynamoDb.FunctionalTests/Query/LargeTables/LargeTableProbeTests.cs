using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EFCore.DynamoDb.FunctionalTests.Query.LargeTables;

public enum ProbeColor
{
    Red,
    Green,
    Blue,
}

/// <summary>An item of the probe table: partition key Group, sort key Number, a value of each common type, a global index ByColor.</summary>
public class ProbeItem
{
    public string Group { get; set; } = null!;
    public int Number { get; set; }
    public string Name { get; set; } = null!;
    public DateTime When { get; set; }
    public bool Flag { get; set; }
    public Guid Ref { get; set; }
    public ProbeColor Color { get; set; }
    public int Score { get; set; }
    public string? Note { get; set; }

    public override string ToString() => $"{Group}/{Number}";
}

/// <summary>A note, in its own table: the tests that write or need a tiny table use it.</summary>
public class ProbeNote
{
    public string Id { get; set; } = null!;
    public string Text { get; set; } = null!;
    public int Version { get; set; }

    public override string ToString() => Id;
}

public class ProbeContext(DbContextOptions<ProbeContext> options) : DbContext(options)
{
    public DbSet<ProbeItem> Items => Set<ProbeItem>();

    public DbSet<ProbeNote> Notes => Set<ProbeNote>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProbeItem>(b =>
        {
            b.ToTable("Items");
            b.HasPartitionKey(e => e.Group);
            b.HasSortKey(e => e.Number);
            b.HasIndex(e => new { e.Color, e.Score }, "ByColor");
        });
        modelBuilder.Entity<ProbeNote>(b =>
        {
            b.ToTable("Notes");
            b.HasPartitionKey(e => e.Id);
        });
    }
}

/// <summary>150 items in 5 partitions and 3 notes, written once through the provider; the same items as objects.</summary>
public class LargeTableProbeFixture : IAsyncLifetime
{
    public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix("LargeProbe");

    public TestLoggerFactory Logs { get; } = new();

    public DbContextOptions<ProbeContext> Options { get; private set; } = null!;

    public IAmazonDynamoDB RawClient { get; private set; } = null!;

    public IReadOnlyList<ProbeItem> Items { get; } = Enumerable.Range(0, 150)
        .Select(i => new ProbeItem
        {
            Group = "G" + (i % 5).ToString(CultureInfo.InvariantCulture),
            Number = i / 5,
            Name = "n" + (i * 7 % 150).ToString("000", CultureInfo.InvariantCulture),
            When = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i * 5),
            Flag = i % 3 == 0,
            Ref = new Guid(i, 0, 0, new byte[8]),
            Color = (ProbeColor)(i % 3 == 0 ? 0 : i % 4 == 0 ? 1 : 2),
            Score = i * 37 % 100,
            Note = i % 4 == 0 ? null : "note" + (i % 6).ToString(CultureInfo.InvariantCulture),
        })
        .ToList();

    public ProbeContext CreateContext() => new(Options);

    public async Task InitializeAsync()
    {
        Options = await DynamoDbTestEnvironment.CreateOptionsAsync<ProbeContext>(Prefix, Logs);
        RawClient = await DynamoDbTestEnvironment.CreateRawClientAsync();
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
        context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        context.Items.AddRange(Items.Select(Copy));
        await context.SaveChangesAsync();
        Logs.Clear();
    }

    public async Task DisposeAsync()
    {
        await using var context = CreateContext();
        await context.Database.EnsureDeletedAsync();
        RawClient.Dispose();
    }

    private static ProbeItem Copy(ProbeItem e) => new()
    {
        Group = e.Group, Number = e.Number, Name = e.Name, When = e.When, Flag = e.Flag, Ref = e.Ref, Color = e.Color, Score = e.Score,
        Note = e.Note,
    };
}

/// <summary>
///     Shapes of the large-table and raw-request APIs beyond their own tests, each against LINQ-to-Objects over the same items:
///     parallel Scans composed with operators and paged across contexts, continuation tokens given to another query, page size
///     and capacity pacing on Queries and indexes, PartiQL parameters of each common type, items given to FromItems.
/// </summary>
public class LargeTableProbeTests(LargeTableProbeFixture fixture) : IClassFixture<LargeTableProbeFixture>
{
    private static List<string> Keys(IEnumerable<ProbeItem> items) => items.Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList();

    private IReadOnlyList<ProbeItem> Items => fixture.Items;

    [Fact]
    public async Task A_parallel_scan_composes_with_operators_as_LINQ_to_Objects()
    {
        await using var context = fixture.CreateContext();
        var items = context.Items.WithParallelScan(3).AsNoTracking();
        Assert.Equal(Keys(Items.Where(e => e.Score > 50 && !e.Flag)), Keys(await items.Where(e => e.Score > 50 && !e.Flag).ToListAsync()));
        Assert.Equal(Items.Select(e => e.Name).Order(), (await items.Select(e => e.Name).ToListAsync()).Order());
        Assert.Equal(Items.Select(e => e.Note).Distinct().Count(), await items.Select(e => e.Note).Distinct().CountAsync());
        Assert.Equal(Items.Where(e => e.Flag).Sum(e => e.Score), await items.Where(e => e.Flag).SumAsync(e => e.Score));
        Assert.Equal(Items.Max(e => e.When), await items.MaxAsync(e => e.When));
        Assert.Equal(Items.Count(e => e.Color == ProbeColor.Green), await items.CountAsync(e => e.Color == ProbeColor.Green));
        Assert.True(await items.AllAsync(e => e.Score < 100));
        Assert.Equal("G1/29", (await items.FirstAsync(e => e.Group == "G1" && e.Number == 29)).ToString());
        Assert.Equal(10, (await items.Skip(140).ToListAsync()).Count);
        Assert.Equal(50, (await items.Skip(100).Take(70).ToListAsync()).DistinctBy(e => e.ToString()).Count());
        Assert.Equal(
            Items.GroupBy(e => e.Color).Select(g => g.Key + ":" + g.Count()).Order(),
            await items.AsAsyncEnumerable().GroupBy(e => e.Color).Select(g => g.Key + ":" + g.Count()).Order().ToListAsync());

        // Tracked, every item once.
        await using var tracking = fixture.CreateContext();
        Assert.Equal(Items.Count, (await tracking.Items.WithParallelScan(4).ToListAsync()).Count);
        Assert.Equal(Items.Count, tracking.ChangeTracker.Entries<ProbeItem>().Count());
    }

    [Fact]
    public async Task More_segments_than_items_reads_each_item_once()
    {
        await using var context = fixture.CreateContext();
        Assert.Equal(Keys(Items.Where(e => e.Group == "G3" || e.Number == 2)),
            Keys(await context.Items.AsNoTracking().WithParallelScan(400).Where(e => e.Group == "G3" || e.Number == 2).ToListAsync()));
        Assert.Equal(Items.Count, await context.Items.WithParallelScan(400).CountAsync());
        var page = await context.Items.AsNoTracking().WithParallelScan(400).ToPageAsync(Items.Count + 1, null);
        Assert.Equal(Keys(Items), Keys(page.Values));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task Pages_of_a_parallel_scan_resumed_in_new_contexts_hold_every_item_once()
    {
        var seen = new List<ProbeItem>();
        string? token = null;
        var pages = 0;
        do
        {
            await using var context = fixture.CreateContext();
            var page = await context.Items.WithParallelScan(3).WithPageSize(7).Where(e => e.Score < 60).ToPageAsync(11, token);
            Assert.True(page.Values.Count == 11 || page.ContinuationToken == null, "only the last page may be short");
            seen.AddRange(page.Values);
            token = page.ContinuationToken;
            pages++;
        }
        while (token != null && pages < 100);

        Assert.Equal(Keys(Items.Where(e => e.Score < 60)), Keys(seen));
    }

    [Fact]
    public async Task Pages_of_a_parallel_scan_of_an_index_hold_every_item_once_and_refuse_the_tables_token()
    {
        var seen = new List<ProbeItem>();
        string? token = null;
        var pages = 0;
        do
        {
            await using var context = fixture.CreateContext();
            var page = await context.Items.AsNoTracking().WithIndex("ByColor").WithParallelScan(3).WithPageSize(5).ToPageAsync(7, token);
            seen.AddRange(page.Values);
            token = page.ContinuationToken;
            pages++;
        }
        while (token != null && pages < 100);

        Assert.Equal(Keys(Items), Keys(seen));
        await using var other = fixture.CreateContext();
        var ofTable = await other.Items.WithParallelScan(3).ToPageAsync(7, null);
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => other.Items.WithIndex("ByColor").WithParallelScan(3).ToPageAsync(7, ofTable.ContinuationToken));
        Assert.Contains("index 'ByColor'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_of_a_parallel_scan_is_refused_by_one_with_other_segments()
    {
        await using var context = fixture.CreateContext();
        var first = await context.Items.WithParallelScan(3).ToPageAsync(10, null);
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.Items.WithParallelScan(5).ToPageAsync(10, first.ContinuationToken));
        Assert.Contains("continuation token", exception.Message, StringComparison.Ordinal);
        Assert.Contains("5 segments", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_of_a_scan_is_refused_by_a_parallel_scan_and_back()
    {
        await using var context = fixture.CreateContext();
        var scan = await context.Items.WithScan().ToPageAsync(10, null);
        var parallel = await context.Items.WithParallelScan(3).ToPageAsync(10, null);
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.Items.WithParallelScan(3).ToPageAsync(10, scan.ContinuationToken));
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.Items.WithScan().ToPageAsync(10, parallel.ContinuationToken));

        // Its own query resumes it, in another context too.
        await using var other = fixture.CreateContext();
        var next = await other.Items.WithParallelScan(3).ToPageAsync(10, parallel.ContinuationToken);
        Assert.Empty(Keys(next.Values).Intersect(Keys(parallel.Values)));
    }

    [Fact]
    public async Task A_token_of_a_scan_is_refused_by_a_query_and_a_token_of_another_table_too()
    {
        await using var context = fixture.CreateContext();
        var scan = await context.Items.WithParallelScan(2).ToPageAsync(10, null);
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.Items.Where(e => e.Group == "G1").ToPageAsync(10, scan.ContinuationToken));
        Assert.Contains("a Query of table", exception.Message, StringComparison.Ordinal);
        var items = await context.Items.WithScan().ToPageAsync(10, null);
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.Notes.WithScan().ToPageAsync(10, items.ContinuationToken));
    }

    [Fact]
    public async Task A_token_of_one_partition_given_to_another_is_refused_as_a_token()
    {
        await using var context = fixture.CreateContext();
        var first = await context.Items.Where(e => e.Group == "G1").ToPageAsync(10, null);
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.Items.Where(e => e.Group == "G2").ToPageAsync(10, first.ContinuationToken));
        Assert.Contains("continuation token", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_of_a_query_on_an_index_hold_its_items_in_its_order()
    {
        var seen = new List<int>();
        string? token = null;
        var pages = 0;
        do
        {
            await using var context = fixture.CreateContext();
            var page = await context.Items.Where(e => e.Color == ProbeColor.Blue).OrderBy(e => e.Score).WithPageSize(4).Select(e => e.Score)
                .ToPageAsync(9, token);
            seen.AddRange(page.Values);
            token = page.ContinuationToken;
            pages++;
        }
        while (token != null && pages < 100);

        Assert.Equal(Items.Where(e => e.Color == ProbeColor.Blue).Select(e => e.Score).Order(), seen);
    }

    [Fact]
    public async Task WithPageSize_leaves_Take_Skip_and_First_of_a_query_and_an_index_query_alone()
    {
        await using var context = fixture.CreateContext();
        var g0 = Items.Where(e => e.Group == "G0").OrderBy(e => e.Number).ToList();
        Assert.Equal(g0.Where(e => e.Flag).Skip(2).Take(3).Select(e => e.Number),
            await context.Items.Where(e => e.Group == "G0" && e.Flag).WithPageSize(2).Skip(2).Take(3).Select(e => e.Number).ToListAsync());
        Assert.Equal(g0.First(e => e.Score > 90).ToString(),
            (await context.Items.Where(e => e.Group == "G0").WithPageSize(1).FirstAsync(e => e.Score > 90)).ToString());
        Assert.Equal(
            Items.Where(e => e.Color == ProbeColor.Green && !e.Flag).OrderByDescending(e => e.Score).Take(4).Select(e => e.Score),
            await context.Items.Where(e => e.Color == ProbeColor.Green && e.Flag == false).WithPageSize(2).OrderByDescending(e => e.Score)
                .Take(4).Select(e => e.Score).ToListAsync());
        Assert.Equal(Items.Count(e => e.Color == ProbeColor.Red && e.Score < 50),
            await context.Items.Where(e => e.Color == ProbeColor.Red).WithPageSize(3).CountAsync(e => e.Score < 50));
    }

    [Fact]
    public async Task WithReadCapacityLimit_on_a_query_an_index_and_a_count()
    {
        await using var context = fixture.CreateContext();
        Assert.Equal(Items.Where(e => e.Group == "G4").OrderBy(e => e.Number).Select(e => e.Number),
            await context.Items.Where(e => e.Group == "G4").WithReadCapacityLimit(1000).WithPageSize(5).Select(e => e.Number).ToListAsync());
        Assert.Equal(Items.Count(e => e.Group == "G4" && e.Flag),
            await context.Items.Where(e => e.Group == "G4").WithReadCapacityLimit(1000).CountAsync(e => e.Flag));
        Assert.Equal(Items.Where(e => e.Color == ProbeColor.Red).Select(e => e.Score).Order(),
            await context.Items.Where(e => e.Color == ProbeColor.Red).WithReadCapacityLimit(1000).Select(e => e.Score).ToListAsync());
        Assert.Equal(Items.Count(e => e.Score > 3), await context.Items.WithParallelScan(3).WithReadCapacityLimit(1000).CountAsync(e => e.Score > 3));
    }

    [Fact]
    public async Task FromPartiQL_parameters_of_each_common_type_match_as_the_provider_stores_them()
    {
        await using var context = fixture.CreateContext();
        var when = Items[17].When;
        var reference = Items[17].Ref;
        async Task<List<string>> Read(FormattableString statement) => Keys(await context.Items.FromPartiQL(statement).AsNoTracking().ToListAsync());

        Assert.Equal(Keys(Items.Where(e => e.Group == "G1" && e.Number > 20)),
            await Read($"SELECT * FROM {DynamoDbPartiQL.Table} WHERE \"Group\" = {"G1"} AND \"Number\" > {20}"));
        Assert.Equal(Keys(Items.Where(e => e.Name == "n007")), await Read($"SELECT * FROM {DynamoDbPartiQL.Table} WHERE Name = {"n007"}"));
        Assert.Equal(Keys(Items.Where(e => e.When > when)), await Read($"SELECT * FROM {DynamoDbPartiQL.Table} WHERE \"When\" > {when}"));
        Assert.Equal(Keys(Items.Where(e => e.Flag)), await Read($"SELECT * FROM {DynamoDbPartiQL.Table} WHERE Flag = {true}"));
        Assert.Equal(Keys(Items.Where(e => e.Ref == reference)), await Read($"SELECT * FROM {DynamoDbPartiQL.Table} WHERE \"Ref\" = {reference}"));
        Assert.Equal(Keys(Items.Where(e => e.Color == ProbeColor.Green)),
            await Read($"SELECT * FROM {DynamoDbPartiQL.Table} WHERE Color = {ProbeColor.Green}"));
        Assert.Single(await Read($"SELECT * FROM {DynamoDbPartiQL.Table} WHERE \"When\" = {when}"));
    }

    [Fact]
    public async Task FromPartiQL_on_an_index_then_LINQ_on_the_client()
    {
        await using var context = fixture.CreateContext();
        var actual = await context.Items.FromPartiQL($"SELECT * FROM {DynamoDbPartiQL.Table}.\"ByColor\" WHERE Color = {ProbeColor.Red} AND Score > {20}")
            .AsNoTracking().Where(e => e.Note != null).OrderByDescending(e => e.When).Skip(1).Take(4).Select(e => e.Name).ToListAsync();
        Assert.Equal(
            Items.Where(e => e.Color == ProbeColor.Red && e.Score > 20 && e.Note != null).OrderByDescending(e => e.When).Skip(1).Take(4)
                .Select(e => e.Name),
            actual);
    }

    [Fact]
    public async Task A_statement_selecting_too_few_attributes_names_the_item_and_the_property()
    {
        await using var context = fixture.CreateContext();
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.Items.FromPartiQL($"SELECT \"Group\", \"Number\" FROM {DynamoDbPartiQL.Table} WHERE \"Group\" = {"G1"}").ToListAsync());
        Assert.Contains("Group = S \"G1\"", exception.Message, StringComparison.Ordinal);
        Assert.Contains("ProbeItem.", exception.Message, StringComparison.Ordinal);

        // Missing optional attributes read as null.
        var partial = await context.Items.FromPartiQL(
                $"SELECT \"Group\", \"Number\", Name, \"When\", Flag, \"Ref\", Color, Score FROM {DynamoDbPartiQL.Table} WHERE \"Group\" = {"G2"}")
            .AsNoTracking().ToListAsync();
        Assert.Equal(Keys(Items.Where(e => e.Group == "G2")), Keys(partial));
        Assert.All(partial, e => Assert.Null(e.Note));
    }

    [Fact]
    public async Task FromItems_reads_a_stream_record_like_item_with_extra_attributes_and_an_empty_list()
    {
        var expected = Items[3];
        var raw = await fixture.RawClient.GetItemAsync(new GetItemRequest
        {
            TableName = fixture.Prefix + "Items",
            Key = new() { ["Group"] = new() { S = expected.Group }, ["Number"] = new() { N = expected.Number.ToString(CultureInfo.InvariantCulture) } },
        });
        var record = new Dictionary<string, AttributeValue>(raw.Item)
        {
            ["Extra"] = new() { M = new() { ["x"] = new() { S = "y" } } },
            ["Other"] = new() { L = [new() { N = "1" }] },
        };
        await using var context = fixture.CreateContext();
        var read = await context.Items.FromItems([record]).SingleAsync();
        Assert.Equal((expected.Name, expected.When, expected.Flag, expected.Ref, expected.Color, expected.Score, expected.Note),
            (read.Name, read.When, read.Flag, read.Ref, read.Color, read.Score, read.Note));

        Assert.Empty(await context.Items.FromItems([]).ToListAsync());
        Assert.Equal(0, await context.Items.FromItems([]).CountAsync());
        Assert.Null(await context.Items.FromItems([]).FirstOrDefaultAsync());
    }

    [Fact]
    public async Task FromItems_refuses_a_null_item_and_names_a_missing_attribute()
    {
        await using var context = fixture.CreateContext();
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => context.Items.FromItems([null!]).ToListAsync());
        Assert.Contains("index 0", exception.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.Items.FromItems([new() { ["Group"] = new() { S = "G9" }, ["Number"] = new() { N = "1" } }]).ToListAsync());
        Assert.Contains("Group = S \"G9\", Number = N 1", missing.Message, StringComparison.Ordinal);
        Assert.Contains("ProbeItem.", missing.Message, StringComparison.Ordinal);

        var parallel = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Items.FromItems([]).WithParallelScan(2).ToListAsync());
        Assert.Contains("given items", parallel.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("statement", parallel.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromItems_tracked_modified_and_saved_writes_the_same_item_and_keeps_unmapped_attributes()
    {
        var table = fixture.Prefix + "Notes";
        var id = "N" + Guid.NewGuid().ToString("N");
        var item = new Dictionary<string, AttributeValue>
        {
            ["Id"] = new() { S = id },
            ["Text"] = new() { S = "first" },
            ["Version"] = new() { N = "1" },
            ["Owner"] = new() { M = new() { ["Name"] = new() { S = "pynamodb" } } },
        };
        await fixture.RawClient.PutItemAsync(new PutItemRequest { TableName = table, Item = item });

        await using (var context = fixture.CreateContext())
        {
            var note = await context.Notes.FromItems([item]).SingleAsync();
            Assert.Equal(EntityState.Unchanged, context.Entry(note).State);
            note.Text = "second";
            await context.SaveChangesAsync();
        }

        var stored = await fixture.RawClient.ScanAsync(new ScanRequest { TableName = table });
        var written = Assert.Single(stored.Items, i => i["Id"].S == id);
        Assert.Equal("second", written["Text"].S);
        Assert.Equal("1", written["Version"].N);
        Assert.Equal("pynamodb", written["Owner"].M["Name"].S);
    }

    [Fact]
    public async Task EnsureSchemaAsync_twice_on_a_populated_table_changes_nothing()
    {
        await using var context = fixture.CreateContext();
        var first = await context.Database.EnsureSchemaAsync();
        var second = await context.Database.EnsureSchemaAsync();
        Assert.True(first.IsUpToDate, first.ToString());
        Assert.Empty(first.Changes);
        Assert.True(second.IsUpToDate, second.ToString());
        Assert.Empty(second.Changes);
        Assert.Equal(Items.Count, await context.Items.WithScan().CountAsync());
        Assert.Equal(Items.Count(e => e.Color == ProbeColor.Blue), await context.Items.CountAsync(e => e.Color == ProbeColor.Blue));
    }
}
