using System.Globalization;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EFCore.DynamoDb.FunctionalTests.Query;

/// <summary>Results spanning several 1 MB DynamoDB pages: 3,000 items of about 1 KB in one partition.</summary>
public class LargeResultTests(LargeResultTests.Fixture fixture) : IClassFixture<LargeResultTests.Fixture>
{
    private const int ItemCount = 3000;

    public class Blob
    {
        public string Pk { get; set; } = null!;
        public int Sk { get; set; }
        public string Data { get; set; } = null!;
        public int Bucket { get; set; }
    }

    public class Note
    {
        public string Id { get; set; } = null!;
        public int Number { get; set; }
    }

    public class BlobContext(DbContextOptions<BlobContext> options) : DbContext(options)
    {
        public DbSet<Blob> Blobs => Set<Blob>();

        public DbSet<Note> Notes => Set<Note>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Blob>(b =>
            {
                b.HasPartitionKey(x => x.Pk);
                b.HasSortKey(x => x.Sk);
            });
    }

    private const int NoteCount = 250;

    public class Fixture : IAsyncLifetime
    {
        public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix("Large");

        public TestLoggerFactory Logs { get; } = new();

        public DbContextOptions<BlobContext> Options { get; private set; } = null!;

        public BlobContext CreateContext() => new(Options);

        public async Task InitializeAsync()
        {
            Options = await DynamoDbTestEnvironment.CreateOptionsAsync<BlobContext>(Prefix, Logs);
            await using var context = CreateContext();
            await context.Database.EnsureCreatedAsync();
            using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
            var data = new string('d', 1000);
            await Task.WhenAll(Enumerable.Range(0, ItemCount).Chunk(25).Select(chunk => raw.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new()
                {
                    [Prefix + "Blobs"] = chunk.Select(i => new WriteRequest
                    {
                        PutRequest = new PutRequest
                        {
                            Item = new()
                            {
                                ["Pk"] = new() { S = "all" },
                                ["Sk"] = new() { N = i.ToString(CultureInfo.InvariantCulture) },
                                ["Data"] = new() { S = data },
                                ["Bucket"] = new() { N = (i % 10).ToString(CultureInfo.InvariantCulture) },
                            },
                        },
                    }).ToList(),
                },
            })));
            await Task.WhenAll(Enumerable.Range(0, NoteCount).Chunk(25).Select(chunk => raw.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new()
                {
                    [Prefix + "Notes"] = chunk.Select(i => new WriteRequest
                    {
                        PutRequest = new PutRequest
                        {
                            Item = new()
                            {
                                ["Id"] = new() { S = "n" + i },
                                ["Number"] = new() { N = i.ToString(CultureInfo.InvariantCulture) },
                            },
                        },
                    }).ToList(),
                },
            })));
        }

        public async Task DisposeAsync()
        {
            await using var context = CreateContext();
            await context.Database.EnsureDeletedAsync();
        }
    }

    [Fact]
    public async Task ToList_pages_to_the_end()
    {
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        var blobs = await context.Blobs.AsNoTracking().Where(b => b.Pk == "all").ToListAsync();
        Assert.Equal(Enumerable.Range(0, ItemCount), blobs.Select(b => b.Sk));
        Assert.True(fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest).Count >= 3, "Expected several 1 MB pages.");
        Assert.Contains(fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest), m => m.Contains("page 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scan_with_a_filter_pages_to_the_end()
    {
        await using var context = fixture.CreateContext();
        var blobs = await context.Blobs.AsNoTracking().Where(b => b.Bucket == 3).Select(b => b.Sk).ToListAsync();
        Assert.Equal(Enumerable.Range(0, ItemCount).Where(i => i % 10 == 3).Order(), blobs.Order());
    }

    [Fact]
    public async Task Count_sums_every_page()
    {
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        Assert.Equal(ItemCount, await context.Blobs.CountAsync(b => b.Pk == "all"));
        Assert.Equal(ItemCount / 10, await context.Blobs.CountAsync(b => b.Bucket == 7));
        Assert.True(fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest).Count >= 6);
    }

    [Fact]
    public async Task Take_stops_reading_once_it_has_enough()
    {
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        var blobs = await context.Blobs.AsNoTracking().Where(b => b.Pk == "all").Take(1500).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 1500), blobs.Select(b => b.Sk));
        Assert.Equal(2, fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest).Count);

        var filtered = await context.Blobs.AsNoTracking().Where(b => b.Pk == "all" && b.Bucket == 9).Take(250).Select(b => b.Sk).ToListAsync();
        Assert.Equal(Enumerable.Range(0, ItemCount).Where(i => i % 10 == 9).Take(250), filtered);
    }

    [Fact]
    public async Task A_list_of_250_keys_is_read_with_BatchGetItem_100_keys_at_a_time()
    {
        await using var context = fixture.CreateContext();
        var ids = Enumerable.Range(0, NoteCount + 10).Select(i => "n" + i).ToList();
        var query = context.Notes.AsNoTracking().Where(n => ids.Contains(n.Id));
        Assert.StartsWith("BatchGetItem", query.ToQueryString());
        fixture.Logs.Clear();
        var notes = await query.ToListAsync();
        Assert.Equal(Enumerable.Range(0, NoteCount), notes.Select(n => n.Number).Order());
        Assert.Equal(3, fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest).Count(m => m.Contains("BatchGetItem", StringComparison.Ordinal)));
        Assert.Equal(NoteCount, await context.Notes.CountAsync(n => ids.Contains(n.Id)));
    }

    [Fact]
    public async Task ToPageAsync_walks_every_item_once()
    {
        await using var context = fixture.CreateContext();
        var seen = new List<int>();
        string? token = null;
        do
        {
            var page = await context.Blobs.AsNoTracking().Where(b => b.Pk == "all").ToPageAsync(700, token);
            Assert.True(page.Values.Count == 700 || page.ContinuationToken == null);
            seen.AddRange(page.Values.Select(b => b.Sk));
            token = page.ContinuationToken;
        }
        while (token != null);

        Assert.Equal(Enumerable.Range(0, ItemCount), seen);
    }
}
