using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Benchmarks.Model;

/// <summary>
///     The data the workloads run against. Reads use a table of exactly 1,000 items (10 partitions of 100), so
///     that a Scan returns 1,000 items however many writes ran; writes go to a second table.
/// </summary>
public static class DataSet
{
    public const string ReadPrefix = "BenchRead_";
    public const string WritePrefix = "BenchWrite_";
    public const string ReadTable = ReadPrefix + ForumThread.TableName;
    public const string WriteTable = WritePrefix + ForumThread.TableName;

    public const int Forums = 10;
    public const int ThreadsPerForum = 100;

    /// <summary>The partition that Query 100, Query with a filter and Count read.</summary>
    public const string QueryForum = "Forum-03";

    /// <summary>The item the point read loads (in <see cref="QueryForum" />).</summary>
    public const string PointSubject = "Thread-042";

    /// <summary>Views of thread i is i, so <c>Views &gt;= 50</c> keeps half of a partition.</summary>
    public const int FilterMinViews = 50;

    public const int FilterMatches = ThreadsPerForum - FilterMinViews;

    /// <summary>The item that Update 1 changes (in the write table).</summary>
    public const string UpdateForum = "Forum-Update";

    public const string UpdateSubject = "Thread-Update";

    /// <summary>A 200-character message, shared by every item so building items allocates no text.</summary>
    public static readonly string Message = string.Concat(Enumerable.Repeat("DynamoDB benchmark message text. ", 7))[..200];

    public static readonly DateTime BaseDate = new(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    public static string ForumName(int forum) => $"Forum-{forum:00}";

    public static string Subject(int thread) => $"Thread-{thread:000}";

    public static ForumThread Thread(string forumName, string subject, int views)
        => new()
        {
            ForumName = forumName,
            Subject = subject,
            Views = views,
            Replies = views / 3,
            Tags = ["dynamodb", "benchmark", "t" + (views % 10)],
            LastPostDateTime = BaseDate.AddTicks(views * 1_234_567L),
            Message = Message,
        };

    /// <summary>Creates both tables (through EF, so they match its model) and writes the read data set with the raw SDK.</summary>
    public static async Task SeedAsync(IAmazonDynamoDB client)
    {
        foreach (var prefix in new[] { ReadPrefix, WritePrefix })
        {
            var options = new DbContextOptionsBuilder<BenchContext>()
                .UseDynamoDb(client, b => b.TableNamePrefix(prefix))
                .Options;
            await using var context = new BenchContext(options);
            await context.Database.EnsureCreatedAsync();
        }

        var items = new List<WriteRequest>();
        for (var forum = 0; forum < Forums; forum++)
        {
            for (var thread = 0; thread < ThreadsPerForum; thread++)
            {
                items.Add(new WriteRequest
                {
                    PutRequest = new PutRequest { Item = RawMapping.ToItem(Thread(ForumName(forum), Subject(thread), thread)) },
                });
            }
        }

        foreach (var chunk in items.Chunk(25))
        {
            Dictionary<string, List<WriteRequest>>? pending = new() { [ReadTable] = [.. chunk] };
            while (pending is { Count: > 0 })
            {
                pending = (await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending })).UnprocessedItems;
            }
        }

        await client.PutItemAsync(new PutItemRequest
        {
            TableName = WriteTable,
            Item = RawMapping.ToItem(Thread(UpdateForum, UpdateSubject, 0)),
        });

        var count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.ScanAsync(new ScanRequest { TableName = ReadTable, Select = Select.COUNT, ExclusiveStartKey = start });
            count += page.Count ?? 0;
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start != null);

        if (count != Forums * ThreadsPerForum)
        {
            throw new InvalidOperationException(
                $"{ReadTable} holds {count} items, not {Forums * ThreadsPerForum}: something else writes to it.");
        }
    }
}
