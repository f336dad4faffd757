using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Query.QueryAssertions;
using static EFCore.DynamoDb.FunctionalTests.Types.Infrastructure.Deep;

namespace EFCore.DynamoDb.FunctionalTests.Interop;

/// <summary>
///     Items in the forms DynamoDBContext (AWS SDK 4.x) writes under its default conversion V1 and under V2, put with the raw
///     SDK next to items in the provider's forms: bools as N 1/0 or BOOL, lists and arrays as SS/NS or L, no version
///     attribute. Every model reads both forms; filters match both as LINQ-to-Objects over the same objects does; a changed
///     value is written in the model's form; a missing row version reads as 0 and its first update is conditioned on it.
/// </summary>
public class DynamoDbContextFormTests : IAsyncLifetime
{
    public class Doc
    {
        public string Id { get; set; } = "";
        public bool Flag { get; set; }
        public bool? Maybe { get; set; }
        public List<string> Names { get; set; } = [];
        public string[] Tags { get; set; } = [];
        public List<int> Counts { get; set; } = [];
        public string? Note { get; set; }
        public long Version { get; set; }

        public override string ToString() => Id;
    }

    /// <summary>The provider's own forms (BOOL, L).</summary>
    public class DefaultContext(DbContextOptions<DefaultContext> options) : DbContext(options)
    {
        public DbSet<Doc> Docs => Set<Doc>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => Configure(modelBuilder);
    }

    /// <summary>DynamoDBContext's forms (N 1/0, SS/NS).</summary>
    public class SdkContext(DbContextOptions<SdkContext> options) : DbContext(options)
    {
        public DbSet<Doc> Docs => Set<Doc>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.UseDynamoDbContextConventions();
            Configure(modelBuilder);
        }
    }

    private static void Configure(ModelBuilder modelBuilder)
        => modelBuilder.Entity<Doc>(b =>
        {
            b.ToTable("Docs");
            b.HasPartitionKey(d => d.Id);
            b.Property(d => d.Version).IsRowVersion();
        });

    private UpdateTestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await UpdateTestStore.CreateAsync(nameof(DynamoDbContextFormTests));
        await using var context = new DefaultContext(_store.Options<DefaultContext>());
        await context.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    private DefaultContext Default() => new(_store.Options<DefaultContext>());

    private SdkContext Sdk() => new(_store.Options<SdkContext>());

    /// <summary>The same documents in both tools' forms; the expected objects are what every model must read.</summary>
    private async Task<List<Doc>> PutMixedAsync()
    {
        var items = new (Dictionary<string, AttributeValue> Item, Doc Expected)[]
        {
            // DynamoDBContext V1: N 1/0, SS/NS, no version yet.
            (new() { ["Id"] = S("v1-true"), ["Flag"] = N("1"), ["Maybe"] = N("0"), ["Names"] = SS("a", "b"), ["Tags"] = SS("x"), ["Counts"] = NS("3", "1") },
                new Doc { Id = "v1-true", Flag = true, Maybe = false, Names = ["a", "b"], Tags = ["x"], Counts = [3, 1] }),
            (new() { ["Id"] = S("v1-false"), ["Flag"] = N("0"), ["Names"] = SS("c"), ["Tags"] = SS("y", "x"), ["Counts"] = NS("2") },
                new Doc { Id = "v1-false", Flag = false, Names = ["c"], Tags = ["y", "x"], Counts = [2] }),
            // DynamoDBContext V2 and the provider: BOOL, L, versions.
            (new() { ["Id"] = S("v2-true"), ["Flag"] = Bool(true), ["Maybe"] = Bool(true), ["Names"] = L(S("a"), S("a")), ["Tags"] = L(), ["Counts"] = L(N("3")), ["Version"] = N("4") },
                new Doc { Id = "v2-true", Flag = true, Maybe = true, Names = ["a", "a"], Counts = [3], Version = 4 }),
            (new() { ["Id"] = S("v2-false"), ["Flag"] = Bool(false), ["Maybe"] = Null(), ["Names"] = L(), ["Tags"] = L(), ["Counts"] = L(), ["Version"] = N("1") },
                new Doc { Id = "v2-false", Flag = false, Names = [], Version = 1 }),
        };

        foreach (var (item, _) in items)
        {
            await _store.PutRawAsync("Docs", item);
        }

        return items.Select(i => i.Expected).ToList();
    }

    private static void Same(Doc expected, Doc actual)
    {
        Assert.Equal(expected.Flag, actual.Flag);
        Assert.Equal(expected.Maybe, actual.Maybe);
        Assert.Equal(expected.Names.Order(), actual.Names.Order());
        Assert.Equal(expected.Tags.Order(), actual.Tags.Order());
        Assert.Equal(expected.Counts.Order(), actual.Counts.Order());
        Assert.Equal(expected.Version, actual.Version);
    }

    [Fact]
    public async Task Both_forms_read_into_every_model()
    {
        var expected = await PutMixedAsync();
        await using var defaults = Default();
        await using var sdk = Sdk();
        foreach (var docs in new[] { await defaults.Docs.ToListAsync(), await sdk.Docs.ToListAsync() })
        {
            Assert.Equal(expected.Count, docs.Count);
            foreach (var doc in docs)
            {
                Same(expected.Single(e => e.Id == doc.Id), doc);
            }
        }

        // What was read is what the snapshot holds: nothing to save.
        Assert.False(defaults.ChangeTracker.HasChanges());
        Assert.False(sdk.ChangeTracker.HasChanges());
    }

    [Fact]
    public async Task Filters_match_both_forms_as_LINQ_to_Objects_does()
    {
        var data = await PutMixedAsync();
        var flags = new[] { true };
        await using var defaults = Default();
        await using var sdk = Sdk();
        foreach (var set in new IQueryable<Doc>[] { defaults.Docs.AsNoTracking(), sdk.Docs })
        {
            await AssertQueryAsync(set, data, q => q.Where(d => d.Flag), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Flag == true), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => !d.Flag), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Flag != true), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Flag == false || d.Id == "v2-true"), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => flags.Contains(d.Flag)), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Maybe == null), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Maybe != true), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Maybe == false), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Maybe.HasValue && d.Maybe == true), "Scan", map: d => d.Id);

            // A list stored as a set is never null after a read (a missing set reads as empty): null checks say so.
            await AssertQueryAsync(set, data, q => q.Where(d => d.Names == null), set == sdk.Docs ? "None" : "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Names != null && d.Id != "v1-true"), "Scan", map: d => d.Id);

            // contains() and size() work on SS and L alike.
            await AssertQueryAsync(set, data, q => q.Where(d => d.Names.Contains("a")), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Names.Count == 2), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Counts.Contains(3)), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Tags.Length == 1 && d.Tags.Contains("x")), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Tags.Any()), "Scan", map: d => d.Id);
            // A missing row version reads as 0, and compares as 0.
            await AssertQueryAsync(set, data, q => q.Where(d => d.Version == 0), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Version != 0), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Version < 2), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => d.Version > 0), "Scan", map: d => d.Id);
            await AssertQueryAsync(set, data, q => q.Where(d => new long[] { 0, 4 }.Contains(d.Version)), "Scan", map: d => d.Id);
        }

        // Key lookups check the same conditions on the client.
        Assert.True(await defaults.Docs.AnyAsync(d => d.Id == "v1-true" && d.Flag));
        Assert.False(await sdk.Docs.AnyAsync(d => d.Id == "v1-false" && d.Flag == true));
        Assert.True(await sdk.Docs.AnyAsync(d => d.Id == "v1-false" && d.Version == 0));
        Assert.Contains("IN (", defaults.Docs.Where(d => d.Flag).ToQueryString());
    }

    [Fact]
    public async Task A_changed_bool_is_written_in_the_models_form_and_unchanged_attributes_keep_theirs()
    {
        await PutMixedAsync();
        await using (var defaults = Default())
        {
            var v1 = await defaults.Docs.SingleAsync(d => d.Id == "v1-true");
            v1.Flag = false;
            var other = await defaults.Docs.SingleAsync(d => d.Id == "v1-false");
            other.Note = "touched";
            await defaults.SaveChangesAsync();
        }

        var changed = (await _store.GetAsync("Docs", ("Id", S("v1-true"))))!;
        Attribute(Bool(false), changed["Flag"], "Flag");
        Attribute(N("0"), changed["Maybe"], "Maybe");
        Attribute(SS("a", "b"), changed["Names"], "Names");
        var untouched = (await _store.GetAsync("Docs", ("Id", S("v1-false"))))!;
        Attribute(N("0"), untouched["Flag"], "Flag");
        Attribute(SS("c"), untouched["Names"], "Names");

        await using (var sdk = Sdk())
        {
            var v2 = await sdk.Docs.SingleAsync(d => d.Id == "v2-true");
            v2.Flag = false;
            v2.Names = ["z", "y"];
            await sdk.SaveChangesAsync();
        }

        var rewritten = (await _store.GetAsync("Docs", ("Id", S("v2-true"))))!;
        Attribute(N("0"), rewritten["Flag"], "Flag");
        Attribute(SS("y", "z"), rewritten["Names"], "Names");
        Attribute(Bool(true), rewritten["Maybe"], "Maybe");
    }

    [Fact]
    public async Task A_missing_row_version_reads_as_0_then_each_save_checks_and_moves_it()
    {
        await PutMixedAsync();
        await using (var context = Default())
        {
            var doc = await context.Docs.SingleAsync(d => d.Id == "v1-false");
            Assert.Equal(0, doc.Version);
            doc.Note = "first";
            _store.Handler.RecordBodiesOf.Add("UpdateItem");
            await context.SaveChangesAsync();
            Assert.Contains("attribute_not_exists(", _store.Handler.Bodies.Last(b => b.Operation == "UpdateItem").Body);
            Assert.Equal(1, doc.Version);
            doc.Note = "second";
            await context.SaveChangesAsync();
            Assert.Equal(2, doc.Version);
        }

        Attribute(N("2"), (await _store.GetAsync("Docs", ("Id", S("v1-false"))))!["Version"], "Version");

        // A delete of an item with no version yet is checked the same way, and goes through.
        await using (var context = Default())
        {
            context.Docs.Remove(await context.Docs.SingleAsync(d => d.Id == "v1-true"));
            await context.SaveChangesAsync();
        }

        Assert.Null(await _store.GetAsync("Docs", ("Id", S("v1-true"))));

        // A stale copy (read when the version was missing) fails: the item is versioned now.
        await _store.PutRawAsync("Docs", new() { ["Id"] = S("racy"), ["Flag"] = N("1"), ["Names"] = SS("n"), ["Tags"] = SS("t"), ["Counts"] = NS("1") });
        await using var first = Default();
        await using var second = Default();
        var a = await first.Docs.SingleAsync(d => d.Id == "racy");
        var b = await second.Docs.SingleAsync(d => d.Id == "racy");
        a.Note = "a";
        await first.SaveChangesAsync();
        b.Note = "b";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal("a", (await _store.GetAsync("Docs", ("Id", S("racy"))))!["Note"].S);
    }

    [Fact]
    public async Task Under_DynamoDBContext_conventions_a_new_item_is_written_in_its_forms_and_a_list_with_duplicates_is_refused()
    {
        await using (var sdk = Sdk())
        {
            sdk.Docs.Add(new Doc { Id = "new", Flag = true, Maybe = false, Names = ["b", "a"], Tags = ["x"], Counts = [3, 1] });
            await sdk.SaveChangesAsync();
        }

        var item = (await _store.GetAsync("Docs", ("Id", S("new"))))!;
        Attribute(N("1"), item["Flag"], "Flag");
        Attribute(N("0"), item["Maybe"], "Maybe");
        Attribute(SS("a", "b"), item["Names"], "Names");
        Attribute(NS("1", "3"), item["Counts"], "Counts");
        Attribute(N("0"), item["Version"], "Version");

        await using (var sdk = Sdk())
        {
            sdk.Docs.Add(new Doc { Id = "dup", Names = ["a", "b", "a"] });
            var e = await Assert.ThrowsAsync<DbUpdateException>(() => sdk.SaveChangesAsync());
            Assert.Contains("Doc", e.Message);
            Assert.Contains("'Names'", e.Message);
            Assert.Contains("holds 'a' twice", e.Message);
            Assert.Contains("SS", e.Message);
        }

        Assert.Null(await _store.GetAsync("Docs", ("Id", S("dup"))));
    }
}
