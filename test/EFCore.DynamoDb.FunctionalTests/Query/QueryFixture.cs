using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query;

/// <summary>
///     Creates the query tables once per test class and seeds them with the raw SDK (in the forms the provider writes, and
///     with attributes left out as other tools would), then keeps the same data as CLR objects for LINQ-to-Objects.
/// </summary>
public class QueryFixture : IAsyncLifetime
{
    public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix("Query");

    public TestLoggerFactory Logs { get; } = new();

    public DbContextOptions<QueryContext> Options { get; private set; } = null!;

    public IAmazonDynamoDB RawClient { get; private set; } = null!;

    public IReadOnlyList<Record> Records { get; } = CreateRecords();

    public IReadOnlyList<Thread> Threads { get; } = CreateThreads();

    public QueryContext CreateContext() => new(Options);

    public async Task InitializeAsync()
    {
        Options = await DynamoDbTestEnvironment.CreateOptionsAsync<QueryContext>(Prefix, Logs);
        RawClient = await DynamoDbTestEnvironment.CreateRawClientAsync();
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
        await WriteAsync(Prefix + "Records", Records.Select(ToItem));
        await WriteAsync(Prefix + "Threads", Threads.Select(ToItem));
        Logs.Clear();
    }

    public async Task DisposeAsync()
    {
        await using var context = CreateContext();
        await context.Database.EnsureDeletedAsync();
        RawClient.Dispose();
    }

    private async Task WriteAsync(string table, IEnumerable<Dictionary<string, AttributeValue>> items)
    {
        foreach (var chunk in items.Chunk(25))
        {
            var response = await RawClient.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new() { [table] = chunk.Select(i => new WriteRequest { PutRequest = new PutRequest { Item = i } }).ToList() },
            });
            Assert.True(response.UnprocessedItems == null || response.UnprocessedItems.Count == 0);
        }
    }

    private static List<Record> CreateRecords()
    {
        var random = new Random(42);
        var records = new List<Record>();
        string[] names = ["alpha", "beta", "gamma", "delta", "Alpha", "alphabet", "", "zeta", "Name", "名前"];
        for (var p = 0; p < 6; p++)
        {
            for (var s = 0; s < 20; s++)
            {
                var i = p * 20 + s;
                records.Add(new Record
                {
                    Pk = "P" + p,
                    Sk = s * 10 - 50,
                    Name = i % 7 == 0 ? null : names[random.Next(names.Length)],
                    Score = i % 5 == 0 ? null : random.Next(-5, 50),
                    Rank = random.Next(0, 10),
                    Flag = random.Next(2) == 0,
                    Tags = Enumerable.Range(0, random.Next(0, 4)).Select(_ => "t" + random.Next(0, 5)).ToHashSet(),
                    Numbers = i % 4 == 0 ? null : Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(0, 6)).ToList(),
                    Category = i % 3 == 0 ? null : "c" + random.Next(0, 3),
                    Created = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(random.Next(0, 24 * 60)),
                    State = (Status)random.Next(0, 3),
                    Price = Math.Round((decimal)random.NextDouble() * 100, 2),
                });
            }
        }

        return records;
    }

    private static List<Thread> CreateThreads()
    {
        string[] forums = ["DynamoDB", "EF Core", "S3"];
        string[] subjects = ["How do I create a table?", "How do I query?", "Indexes", "Paging", "Transactions", "Time to live", "How-to: TTL", "Zeta"];
        return forums.SelectMany((f, fi) => subjects.Select((s, si) => new Thread
            {
                ForumName = f,
                Subject = s,
                Views = fi * 100 + si,
                Replies = si % 3,
                Tags = si % 2 == 0 ? ["aws", "db"] : ["aws"],
                LastPostDateTime = new DateTime(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(si - fi),
            }))
            .ToList();
    }

    internal static string Date(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static Dictionary<string, AttributeValue> ToItem(Record r)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["Pk"] = new() { S = r.Pk },
            ["Sk"] = new() { N = r.Sk.ToString(CultureInfo.InvariantCulture) },
            ["Rank"] = new() { N = r.Rank.ToString(CultureInfo.InvariantCulture) },
            ["Flag"] = new() { BOOL = r.Flag },
            ["Created"] = new() { S = Date(r.Created) },
            ["State"] = new() { N = ((int)r.State).ToString(CultureInfo.InvariantCulture) },
            ["Price"] = new() { N = r.Price.ToString(CultureInfo.InvariantCulture) },
        };
        if (r.Name != null)
        {
            item["Name"] = new() { S = r.Name };
        }

        if (r.Score != null)
        {
            item["Score"] = new() { N = r.Score.Value.ToString(CultureInfo.InvariantCulture) };
        }

        if (r.Tags.Count > 0)
        {
            item["Tags"] = new() { SS = r.Tags.ToList() };
        }

        if (r.Numbers != null)
        {
            item["Numbers"] = new() { L = r.Numbers.Select(n => new AttributeValue { N = n.ToString(CultureInfo.InvariantCulture) }).ToList(), IsLSet = true };
        }

        if (r.Category != null)
        {
            item["Category"] = new() { S = r.Category };
        }

        return item;
    }

    private static Dictionary<string, AttributeValue> ToItem(Thread t)
        => new()
        {
            ["ForumName"] = new() { S = t.ForumName },
            ["Subject"] = new() { S = t.Subject },
            ["Views"] = new() { N = t.Views.ToString(CultureInfo.InvariantCulture) },
            ["Replies"] = new() { N = t.Replies.ToString(CultureInfo.InvariantCulture) },
            ["Tags"] = new() { SS = t.Tags.ToList() },
            ["LastPostDateTime"] = new() { S = Date(t.LastPostDateTime) },
        };
}
