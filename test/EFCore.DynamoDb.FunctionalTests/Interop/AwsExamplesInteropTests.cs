using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Interop.AwsExamples;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Types.Infrastructure.Deep;
using Document = Amazon.DynamoDBv2.DocumentModel.Document;
using Thread = EFCore.DynamoDb.FunctionalTests.Interop.AwsExamples.Thread;

namespace EFCore.DynamoDb.FunctionalTests.Interop;

/// <summary>
///     AWS's own .NET DynamoDB examples (ProductCatalog, Forum, Thread, Reply; their DynamoDBContext, Document and low-level
///     code), their classes used as they are with EF contexts that add only DbSets and <c>UseDynamoDbContextConventions()</c>:
///     what the examples write EF reads, queries as the examples do, updates and deletes; what EF writes DynamoDBContext loads.
/// </summary>
public class AwsExamplesInteropTests : IAsyncLifetime
{
    public class ExamplesContext(DbContextOptions<ExamplesContext> options) : DbContext(options)
    {
        public DbSet<Book> Books => Set<Book>();

        public DbSet<AwsExamples.Forum> Forums => Set<AwsExamples.Forum>();

        public DbSet<Thread> Threads => Set<Thread>();

        public DbSet<Reply> Replies => Set<Reply>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.UseDynamoDbContextConventions();
    }

    /// <summary>The bicycles of ProductCatalog, in a context of their own (the table holds books too).</summary>
    public class BicycleContext(DbContextOptions<BicycleContext> options) : DbContext(options)
    {
        public DbSet<Bicycle> Bicycles => Set<Bicycle>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.UseDynamoDbContextConventions();
    }

    /// <summary>Books and bicycles in one context, as DynamoDBContext maps them: nothing tells their items apart.</summary>
    public class CatalogContext(DbContextOptions<CatalogContext> options) : DbContext(options)
    {
        public DbSet<Book> Books => Set<Book>();

        public DbSet<Bicycle> Bicycles => Set<Bicycle>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.UseDynamoDbContextConventions();
    }

    private UpdateTestStore _store = null!;
    private IDynamoDBContext _sdk = null!;

    public async Task InitializeAsync()
    {
        _store = await UpdateTestStore.CreateAsync(nameof(AwsExamplesInteropTests));
        await using (var context = Context())
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

    private ExamplesContext Context() => new(_store.Options<ExamplesContext>());

    [Fact]
    public async Task The_sample_data_the_examples_load_EF_reads_and_scans_as_the_examples_do()
    {
        // As the examples' loader writes it with the Document model: PageCount is a number although Book declares a string.
        var catalog = _sdk.GetTargetTable<Book>();
        foreach (var (id, price, authors, inPublication) in new[] { (101, -2, new[] { "Author 1" }, true), (102, 20, ["Author 1", "Author 2"], true), (103, 2000, ["Author 1", "Author2", "Author 3"], false) })
        {
            await catalog.PutItemAsync(new Document
            {
                ["Id"] = id, ["Title"] = $"Book {id} Title", ["ISBN"] = $"{id}-1111111111", ["Authors"] = authors.ToList(), ["Price"] = price,
                ["Dimensions"] = "8.5 x 11.0 x 0.5", ["PageCount"] = id * 5 - 5, ["InPublication"] = inPublication, ["ProductCategory"] = "Book",
            });
        }

        // The sample forums leave out most of Forum's attributes (Forum declares them as int and DateTime).
        await _sdk.GetTargetTable<AwsExamples.Forum>().PutItemAsync(new Document { ["Name"] = "Amazon S3", ["Category"] = "Amazon Web Services", ["Threads"] = 1 });
        await _sdk.GetTargetTable<AwsExamples.Forum>().PutItemAsync(new Document { ["Name"] = "Amazon DynamoDB", ["Threads"] = 2, ["Views"] = 1000 });

        await using var context = Context();
        var book = await context.Books.FindAsync(101);
        Assert.Equal("500", book!.PageCount);
        Assert.Equal(["Author 1"], book.BookAuthors);
        Assert.True(book.InPublication);

        // FindProductsPricedLessThanZero, the authors' Contains, a string compared with the number the loader stored.
        Assert.Equal([101], await context.Books.Where(b => b.Price < 0 && b.ProductCategory == "Book").Select(b => b.Id).ToListAsync());
        Assert.Equal([102, 103], (await context.Books.Where(b => b.BookAuthors.Contains("Author 1") && b.BookAuthors.Count > 1).Select(b => b.Id).ToListAsync()).Order());
        Assert.Equal([102], await context.Books.Where(b => b.PageCount == "505").Select(b => b.Id).ToListAsync());
        Assert.Equal([103], await context.Books.Where(b => !b.InPublication).Select(b => b.Id).ToListAsync());

        // A missing attribute reads as DynamoDBContext loads it (the type's default), and compares so.
        var forum = await context.Forums.FindAsync("Amazon S3");
        Assert.Equal(0, forum!.Views);
        Assert.Equal(default, forum.LastPostDateTime);
        Assert.Equal(["Amazon S3"], await context.Forums.Where(f => f.Views == 0).Select(f => f.Name).ToListAsync());
        Assert.Equal(["Amazon DynamoDB"], await context.Forums.Where(f => f.Views != 0).Select(f => f.Name).ToListAsync());
        var since = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(2, await context.Forums.CountAsync(f => f.LastPostDateTime < since));

        // EF's update writes what changed and keeps what Forum does not map; DynamoDBContext loads it.
        forum.Views = 5;
        forum.LastPostBy = "ef";
        await context.SaveChangesAsync();
        var raw = (await _store.GetAsync("Forum", ("Name", S("Amazon S3"))))!;
        Assert.Equal("Amazon Web Services", raw["Category"].S);
        Assert.False(raw.ContainsKey("Messages"));
        var loaded = await _sdk.LoadAsync<AwsExamples.Forum>("Amazon S3");
        Assert.Equal((5, "ef", 1), (loaded.Views, loaded.LastPostBy, loaded.Threads));
    }

    [Fact]
    public async Task Replies_are_queried_by_date_range_and_poster_updated_with_the_version_and_deleted()
    {
        var id = "Amazon DynamoDB#DynamoDB Thread 1";
        var now = DateTime.UtcNow;
        var replies = _sdk.GetTargetTable<Reply>();
        foreach (var days in new[] { 21, 14, 7 })
        {
            await replies.PutItemAsync(new Document { ["Id"] = id, ["ReplyDateTime"] = now.AddDays(-days), ["Message"] = $"r{days}", ["LastPostedBy"] = "User A" });
        }

        await _sdk.SaveAsync(new Reply { Id = id, ReplyDateTime = now.AddDays(-3), Message = "sdk", PostedBy = "User B" });

        await using var context = Context();
        // FindRepliesInLast15Days and FindRepliesPostedWithinTimePeriod: key conditions on the DateTime sort key.
        var fifteenDaysAgo = now.AddDays(-15);
        Assert.Equal(["r14", "r7", "sdk"], await context.Replies.Where(r => r.Id == id && r.ReplyDateTime > fifteenDaysAgo).Select(r => r.Message).ToListAsync());
        var start = now.AddDays(-30);
        var end = now.AddDays(-5);
        Assert.Equal(["r21", "r14", "r7"], await context.Replies.Where(r => r.Id == id && r.ReplyDateTime >= start && r.ReplyDateTime <= end).Select(r => r.Message).ToListAsync());

        var reply = await context.Replies.SingleAsync(r => r.Id == id && r.PostedBy == "User B");
        Assert.Equal(0, reply.Version);
        reply.Message = "edited by EF";
        await context.SaveChangesAsync();
        var loaded = await _sdk.LoadAsync<Reply>(id, reply.ReplyDateTime);
        Assert.Equal(("edited by EF", 1), (loaded.Message, loaded.Version));

        // An unversioned reply the loader wrote is versioned from 0, then deleted by EF.
        var oldest = await context.Replies.Where(r => r.Id == id).FirstAsync();
        Assert.Null(oldest.Version);
        oldest.Message = "r21 edited";
        await context.SaveChangesAsync();
        Assert.Equal(0, (await _sdk.LoadAsync<Reply>(id, oldest.ReplyDateTime)).Version);
        context.Remove(oldest);
        await context.SaveChangesAsync();
        Assert.Equal(["r14", "r7", "edited by EF"], (await _store.ScanAsync("Reply")).OrderBy(i => i["ReplyDateTime"].S).Select(i => i["Message"].S));
    }

    [Fact]
    public async Task A_thread_EF_writes_DynamoDBContext_loads_and_saves_and_the_version_holds_both_ways()
    {
        var posted = new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);
        var thread = new Thread { ForumName = "S3 forum", Subject = "My sample question", KeywordTags = ["S3", "Bucket"], Message = "Message text", LastPostedDateTime = posted };
        await using var context = Context();
        context.Threads.Add(thread);
        await context.SaveChangesAsync();

        var raw = (await _store.GetAsync("Thread", ("ForumName", S("S3 forum")), ("Subject", S("My sample question"))))!;
        Attribute(SS("Bucket", "S3"), raw["Tags"], "Tags");
        Attribute(N("0"), raw["Answered"], "Answered");
        Attribute(S("2024-01-02T03:04:05.678Z"), raw["LastPostedDateTime"], "LastPostedDateTime");

        var loaded = await _sdk.LoadAsync<Thread>("S3 forum", "My sample question");
        Assert.Equal(["Bucket", "S3"], loaded.KeywordTags.Order());
        Assert.Equal((posted, 0), (loaded.LastPostedDateTime, loaded.Version));
        loaded.Replies = 1;
        await _sdk.SaveAsync(loaded);

        thread.Views = 7;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());
        await using var fresh = Context();
        var reread = await fresh.Threads.FindAsync("S3 forum", "My sample question");
        Assert.Equal((1, 0, 1), (reread!.Replies, reread.Views, reread.Version));
    }

    [Fact]
    public async Task The_low_level_examples_item_is_read_updated_and_deleted_by_EF_keeping_what_Book_does_not_map()
    {
        await _store.PutRawAsync("ProductCatalog", new Dictionary<string, AttributeValue>
        {
            ["Id"] = N("1000"), ["Title"] = S("Book 201 Title"), ["ISBN"] = S("11-11-11-11"), ["Authors"] = SS("Author1", "Author2"),
            ["Price"] = N("20.00"), ["Dimensions"] = S("8.5x11.0x.75"), ["InPublication"] = Bool(false), ["PageCount"] = Null(),
        });
        await _store.Raw.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = _store.Table("ProductCatalog"),
            Key = new() { ["Id"] = N("1000") },
            ExpressionAttributeNames = new() { ["#A"] = "Authors", ["#NA"] = "NewAttribute", ["#I"] = "ISBN" },
            ExpressionAttributeValues = new() { [":auth"] = SS("Author YY", "Author ZZ"), [":new"] = S("New Value") },
            UpdateExpression = "ADD #A :auth SET #NA = :new REMOVE #I",
        });

        await using var context = Context();
        var book = await context.Books.FindAsync(1000);
        Assert.Equal((20, null, null, false), (book!.Price, book.ISBN, book.PageCount, book.InPublication));
        Assert.Equal(["Author YY", "Author ZZ", "Author1", "Author2"], book.BookAuthors.Order());

        book.ISBN = "222-2222221001";
        book.BookAuthors.Remove("Author1");
        await context.SaveChangesAsync();
        var raw = (await _store.GetAsync("ProductCatalog", ("Id", N("1000"))))!;
        Assert.Equal(("New Value", "8.5x11.0x.75", "222-2222221001"), (raw["NewAttribute"].S, raw["Dimensions"].S, raw["ISBN"].S));
        Attribute(SS("Author YY", "Author ZZ", "Author2"), raw["Authors"], "Authors");
        Assert.Equal("222-2222221001", (await _sdk.LoadAsync<Book>(1000)).ISBN);

        context.Remove(book);
        await context.SaveChangesAsync();
        Assert.Null(await _store.GetAsync("ProductCatalog", ("Id", N("1000"))));
    }

    [Fact]
    public async Task Bicycles_with_nested_maps_EF_writes_DynamoDBContext_loads_and_books_and_bicycles_in_one_context_are_refused()
    {
        await using (var context = new BicycleContext(_store.Options<BicycleContext>()))
        {
            context.Bicycles.Add(new Bicycle
            {
                Id = 201, Title = "18-Bike 201", BicycleType = "Road", Price = 100.5m, Colors = ["Red", "Black"], ProductCategory = "Bicycle",
                Pictures = new Pictures { FrontView = "front.jpg", RearView = "rear.jpg" },
                ProductReviews = new ProductReviews { FiveStar = ["Excellent!"], OneStar = [] },
                RelatedItems = [341, 472],
            });
            await context.SaveChangesAsync();
        }

        var raw = (await _store.GetAsync("ProductCatalog", ("Id", N("201"))))!;
        Assert.False(raw.ContainsKey("Discriminator"));
        Attribute(M(("FrontView", S("front.jpg")), ("RearView", S("rear.jpg"))), raw["Pictures"], "Pictures");
        var loaded = await _sdk.LoadAsync<Bicycle>(201);
        Assert.Equal(("front.jpg", null, 100.5m), (loaded.Pictures.FrontView, loaded.Pictures.SideView, loaded.Price));
        Assert.Equal(["Excellent!"], loaded.ProductReviews.FiveStar);
        Assert.Equal([341, 472], loaded.RelatedItems.Order());
        Assert.Equal(["Black", "Red"], loaded.Colors.Order());

        // One context with both classes would add a discriminator that no item DynamoDBContext wrote has.
        await using var both = new CatalogContext(_store.Options<CatalogContext>());
        var refusal = Assert.Throws<InvalidOperationException>(() => both.Model);
        Assert.Contains("'Bicycle', 'Book'", refusal.Message);
        Assert.Contains("'ProductCatalog'", refusal.Message);
        Assert.Contains("HasDiscriminator", refusal.Message);
    }
}
