using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.FunctionalTests.Interop;

/// <summary>
///     Classes written for DynamoDBContext, with its attributes and no fluent configuration, map in EF to the same table, keys,
///     indexes and attribute names: what DynamoDBContext saves EF finds, queries through the declared indexes and updates with
///     the version checked, and DynamoDBContext loads what EF wrote. What EF does not do the SDK's way is refused naming it.
/// </summary>
public class DynamoDbContextAttributeTests : IAsyncLifetime
{
    [DynamoDBTable("ProductCatalog")]
    public class Book
    {
        [DynamoDBHashKey]
        public int Id { get; set; }

        public string Title { get; set; } = "";

        [DynamoDBProperty("Authors")]
        public List<string> BookAuthors { get; set; } = [];

        [DynamoDBIgnore]
        public string CoverPage { get; set; } = "not stored";

        [DynamoDBVersion]
        public int? VersionNumber { get; set; }

        [DynamoDBGlobalSecondaryIndexHashKey("ByIsbn")]
        public string Isbn { get; set; } = "";

        [DynamoDBProperty(StoreAsEpochLong = true)]
        public DateTime PublishedAt { get; set; }
    }

    [DynamoDBTable("Reply", CaseMode.CamelCase)]
    public class Reply
    {
        [DynamoDBHashKey("Id")]
        public string ThreadId { get; set; } = "";

        [DynamoDBRangeKey]
        public string ReplyDateTime { get; set; } = "";

        [DynamoDBLocalSecondaryIndexRangeKey("PostedBy-index")]
        public string PostedBy { get; set; } = "";

        public string MessageURL { get; set; } = "";
    }

    public class CatalogContext(DbContextOptions<CatalogContext> options) : DbContext(options)
    {
        public DbSet<Book> Books => Set<Book>();

        public DbSet<Reply> Replies => Set<Reply>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.UseDynamoDbContextConventions();
    }

    private UpdateTestStore _store = null!;
    private IDynamoDBContext _sdk = null!;

    public async Task InitializeAsync()
    {
        _store = await UpdateTestStore.CreateAsync(nameof(DynamoDbContextAttributeTests));
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

    private CatalogContext Context() => new(_store.Options<CatalogContext>());

    private static readonly DateTime Published = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    [Fact]
    public async Task The_attributes_give_the_tables_keys_indexes_and_attribute_names()
    {
        await using var context = Context();
        var book = context.Model.FindEntityType(typeof(Book))!;
        Assert.Equal("ProductCatalog", book.GetTableName());
        Assert.Equal("Id", book.GetPartitionKeyProperty()!.Name);
        Assert.Null(book.FindProperty(nameof(Book.CoverPage)));
        Assert.Equal("Authors", book.FindProperty(nameof(Book.BookAuthors))!.GetAttributeName());
        Assert.True(book.FindProperty(nameof(Book.VersionNumber))!.IsConcurrencyToken);
        var byIsbn = Assert.Single(book.GetIndexes());
        Assert.Equal("ByIsbn", byIsbn.Name);
        Assert.False(byIsbn.IsLocalSecondaryIndex());

        var reply = context.Model.FindEntityType(typeof(Reply))!;
        // CaseMode.CamelCase lowers the first letter of every name, those the attributes give included, as DynamoDBContext does.
        Assert.Equal("id", reply.GetPartitionKeyProperty()!.GetAttributeName());
        Assert.Equal("messageURL", reply.FindProperty(nameof(Reply.MessageURL))!.GetAttributeName());
        Assert.Equal("ReplyDateTime", reply.GetSortKeyProperty()!.Name);
        var byPoster = Assert.Single(reply.GetIndexes());
        Assert.True(byPoster.IsLocalSecondaryIndex());
        Assert.Equal([nameof(Reply.ThreadId), nameof(Reply.PostedBy)], byPoster.Properties.Select(p => p.Name));

        var table = (await _store.Raw.DescribeTableAsync(_store.Table("ProductCatalog"))).Table;
        Assert.Equal("Id", Assert.Single(table.KeySchema).AttributeName);
        Assert.Equal("N", table.AttributeDefinitions.Single(a => a.AttributeName == "Id").AttributeType.Value);
        Assert.Equal("ByIsbn", Assert.Single(table.GlobalSecondaryIndexes).IndexName);
        var replies = (await _store.Raw.DescribeTableAsync(_store.Table("Reply"))).Table;
        Assert.Equal("PostedBy-index", Assert.Single(replies.LocalSecondaryIndexes).IndexName);
    }

    [Fact]
    public async Task What_DynamoDBContext_saves_EF_finds_queries_by_its_indexes_and_updates_and_DynamoDBContext_loads_back()
    {
        await _sdk.SaveAsync(new Book { Id = 101, Title = "Book 101", BookAuthors = ["A", "B"], Isbn = "111-1", PublishedAt = Published });
        await _sdk.SaveAsync(new Reply { ThreadId = "t1", ReplyDateTime = "2026-01-01", PostedBy = "alice", MessageURL = "https://x" });

        // The names DynamoDBContext wrote are the ones the EF model reads.
        await using (var context = Context())
        {
            var stored = (await _store.GetAsync("ProductCatalog", ("Id", UpdateTestStore.N(101))))!;
            foreach (var property in context.Model.FindEntityType(typeof(Book))!.GetProperties())
            {
                Assert.Contains(property.GetAttributeName(), stored.Keys);
            }

            Assert.Equal(new DateTimeOffset(Published).ToUnixTimeSeconds().ToString(), stored["PublishedAt"].N);
            var storedReply = (await _store.GetAsync("Reply", ("id", UpdateTestStore.S("t1")), ("replyDateTime", UpdateTestStore.S("2026-01-01"))))!;
            foreach (var property in context.Model.FindEntityType(typeof(Reply))!.GetProperties())
            {
                Assert.Contains(property.GetAttributeName(), storedReply.Keys);
            }

            var book = await context.Books.FindAsync(101);
            Assert.NotNull(book);
            Assert.Equal(["A", "B"], book.BookAuthors.Order());
            Assert.Equal(Published, book.PublishedAt);
            Assert.Equal(0, book.VersionNumber);

            var byIsbn = context.Books.Where(b => b.Isbn == "111-1");
            Assert.Contains("INDEX ByIsbn", byIsbn.ToQueryString());
            Assert.Equal(101, (await byIsbn.SingleAsync()).Id);
            var byPoster = context.Replies.Where(r => r.ThreadId == "t1" && r.PostedBy == "alice");
            Assert.Contains("INDEX PostedBy-index", byPoster.ToQueryString());
            Assert.Equal("https://x", (await byPoster.SingleAsync()).MessageURL);

            book.Title = "Edited by EF";
            await context.SaveChangesAsync();
            Assert.Equal(1, book.VersionNumber);
        }

        var loaded = await _sdk.LoadAsync<Book>(101);
        Assert.Equal("Edited by EF", loaded.Title);
        Assert.Equal(1, loaded.VersionNumber);
        loaded.Title = "Edited by DynamoDBContext";
        await _sdk.SaveAsync(loaded);

        await using (var context = Context())
        {
            var book = await context.Books.SingleAsync(b => b.Id == 101);
            Assert.Equal("Edited by DynamoDBContext", book.Title);
            Assert.Equal(2, book.VersionNumber);
        }
    }

    [Fact]
    public async Task What_EF_adds_DynamoDBContext_loads()
    {
        await using (var context = Context())
        {
            context.Books.Add(new Book { Id = 202, Title = "Book 202", BookAuthors = ["C"], Isbn = "222-2", PublishedAt = Published });
            context.Replies.Add(new Reply { ThreadId = "t2", ReplyDateTime = "2026-02-02", PostedBy = "bob", MessageURL = "https://y" });
            await context.SaveChangesAsync();
        }

        var book = await _sdk.LoadAsync<Book>(202);
        Assert.Equal("Book 202", book.Title);
        Assert.Equal(["C"], book.BookAuthors);
        Assert.Equal("222-2", book.Isbn);
        Assert.Equal(Published, book.PublishedAt.ToUniversalTime());
        Assert.Equal(0, book.VersionNumber);
        var reply = await _sdk.LoadAsync<Reply>("t2", "2026-02-02");
        Assert.Equal("bob", reply.PostedBy);
        Assert.Equal("https://y", reply.MessageURL);
    }

    public class CounterBook
    {
        [DynamoDBHashKey]
        public int Id { get; set; }

        [DynamoDBAtomicCounter]
        public long Views { get; set; }
    }

    public class CounterContext(DbContextOptions<CounterContext> options) : DbContext(options)
    {
        public DbSet<CounterBook> Books => Set<CounterBook>();
    }

    public class UpperConverter : IPropertyConverter
    {
        public DynamoDBEntry ToEntry(object value) => new Primitive(((string)value).ToUpperInvariant());

        public object FromEntry(DynamoDBEntry entry) => entry.AsString();
    }

    public class ConvertedBook
    {
        [DynamoDBHashKey]
        public int Id { get; set; }

        [DynamoDBProperty(typeof(UpperConverter))]
        public string Title { get; set; } = "";
    }

    public class ConverterContext(DbContextOptions<ConverterContext> options) : DbContext(options)
    {
        public DbSet<ConvertedBook> Books => Set<ConvertedBook>();
    }

    public class ConvertedContext(DbContextOptions<ConvertedContext> options) : DbContext(options)
    {
        public DbSet<ConvertedBook> Books => Set<ConvertedBook>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<ConvertedBook>().Property(b => b.Title).HasConversion(v => v.ToUpperInvariant(), v => v);
    }

    [Fact]
    public void What_EF_does_not_do_as_DynamoDBContext_does_is_refused_naming_the_property()
    {
        using var counter = new CounterContext(_store.Options<CounterContext>());
        var refused = Assert.Throws<InvalidOperationException>(() => counter.Model);
        Assert.Contains("'CounterBook.Views'", refused.Message);
        Assert.Contains("[DynamoDBAtomicCounter]", refused.Message);
        Assert.Contains("ExecuteUpdateAsync", refused.Message);

        // A DynamoDBContext converter EF cannot run is refused unless the model gives the property a conversion of its own.
        using var converter = new ConverterContext(_store.Options<ConverterContext>());
        var message = Assert.Throws<InvalidOperationException>(() => converter.Model).Message;
        Assert.Contains("'ConvertedBook.Title'", message);
        Assert.Contains("UpperConverter", message);
        using var converted = new ConvertedContext(_store.Options<ConvertedContext>());
        Assert.NotNull(converted.Model.FindEntityType(typeof(ConvertedBook))!.FindProperty("Title")!.GetValueConverter());
    }
}
