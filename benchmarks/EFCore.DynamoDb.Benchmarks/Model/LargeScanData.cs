using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Benchmarks.Model;

/// <summary>
///     Tables of 10,000 and 100,000 items of the read data set's shape (about 400 bytes each, 100 per partition), for the
///     scans whose memory must not grow with the table and for the parallel scan. One table per size, each with its own prefix.
/// </summary>
public static class LargeScanData
{
    public const int Small = 10_000;
    public const int Large = 100_000;

    public static string Prefix(int items) => $"BenchScan{items / 1000}k_";

    public static string Table(int items) => Prefix(items) + ForumThread.TableName;

    public static DbContextOptions<BenchContext> Options(IAmazonDynamoDB client, int items)
        => new DbContextOptionsBuilder<BenchContext>().UseDynamoDb(client, b => b.TableNamePrefix(Prefix(items))).Options;

    /// <summary>Creates the table and writes exactly <paramref name="items" /> items, unless it already holds them.</summary>
    public static async Task SeedAsync(IAmazonDynamoDB client, int items)
    {
        await using (var context = new BenchContext(Options(client, items)))
        {
            await context.Database.EnsureCreatedAsync();
        }

        if (await CountAsync(client, items) == items)
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items).Chunk(25),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (chunk, cancellationToken) =>
            {
                Dictionary<string, List<WriteRequest>>? pending = new(1)
                {
                    [Table(items)] = chunk
                        .Select(i => new WriteRequest
                        {
                            PutRequest = new PutRequest
                            {
                                Item = RawMapping.ToItem(DataSet.Thread($"Scan-{i / 100:00000}", DataSet.Subject(i % 100), i % 100)),
                            },
                        })
                        .ToList(),
                };
                while (pending is { Count: > 0 })
                {
                    pending = (await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, cancellationToken))
                        .UnprocessedItems;
                }
            });

        var count = await CountAsync(client, items);
        if (count != items)
        {
            throw new InvalidOperationException($"{Table(items)} holds {count} items, not {items}.");
        }

        Console.WriteLine($"// seeded {Table(items)} with {items:N0} items in {started.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<int> CountAsync(IAmazonDynamoDB client, int items)
    {
        var count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.ScanAsync(new ScanRequest { TableName = Table(items), Select = Select.COUNT, ExclusiveStartKey = start });
            count += page.Count ?? 0;
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start != null);

        return count;
    }
}
