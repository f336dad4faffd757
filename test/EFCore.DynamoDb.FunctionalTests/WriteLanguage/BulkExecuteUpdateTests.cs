using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore.Diagnostics;
using static EFCore.DynamoDb.FunctionalTests.WriteLanguage.WriteLanguageFixture;

namespace EFCore.DynamoDb.FunctionalTests.WriteLanguage;

/// <summary>
///     ExecuteUpdate and ExecuteDelete over a Query: the keys are read, then every item is written with the Where as its
///     condition, so what is changed is exactly what LINQ-to-Objects selects when each write lands.
/// </summary>
[Collection(WriteLanguageCollection.Name)]
public class BulkExecuteUpdateTests(WriteLanguageFixture fixture)
{
    private async Task SeedAsync(string forum, int count, Func<int, int> score)
    {
        await using var context = fixture.CreateContext();
        context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        context.AddRange(Enumerable.Range(0, count).Select(i => new Post { Forum = forum, Number = i, Score = score(i), Category = i % 2 == 0 ? "even" : "odd" }));
        await context.SaveChangesAsync();
    }

    private async Task<List<Post>> ReadAllAsync(string forum)
    {
        await using var context = fixture.CreateContext();
        return await context.Posts.AsNoTracking().Where(p => p.Forum == forum).ToListAsync();
    }

    [Fact]
    public async Task Bulk_update_of_1000_items_changes_exactly_the_matching_ones_while_a_writer_moves_items_out_of_the_filter()
    {
        await SeedAsync("bulk", 1000, i => i);
        var moved = new List<int>();

        // Moves items out of the filter (Score >= 500), but only items the update has not reached yet: each of them must stay untouched.
        async Task<bool> MoveAsync(int number)
        {
            try
            {
                await fixture.Raw.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = fixture.Table("Post"),
                    Key = new() { ["Forum"] = S("bulk"), ["Number"] = N(number) },
                    UpdateExpression = "SET Score = :moved",
                    ConditionExpression = "attribute_not_exists(Touched) OR Touched = :false",
                    ExpressionAttributeValues = new() { [":moved"] = N(-1), [":false"] = new AttributeValue { BOOL = false } },
                });
                lock (moved)
                {
                    moved.Add(number);
                }

                return true;
            }
            catch (ConditionalCheckFailedException)
            {
                return false;
            }
        }

        Assert.True(await MoveAsync(999));
        var writer = Task.Run(async () =>
        {
            for (var number = 998; number >= 500; number -= 7)
            {
                await MoveAsync(number);
            }
        });

        await using var context = fixture.CreateContext();
        var changed = await context.Posts.Where(p => p.Forum == "bulk" && p.Score >= 500).ExecuteUpdateAsync(s => s.SetProperty(p => p.Touched, true));
        await writer;

        var items = await ReadAllAsync("bulk");
        Assert.Equal(1000, items.Count);
        var touched = items.Where(p => p.Touched).Select(p => p.Number).Order().ToList();

        // LINQ-to-Objects over the items as they were when each write landed: in the range, and not moved before.
        var expected = Enumerable.Range(500, 500).Except(moved).Order().ToList();
        Assert.Equal(expected, touched);
        Assert.Equal(expected.Count, changed);
        Assert.All(items.Where(p => moved.Contains(p.Number)), p => Assert.False(p.Touched));
        Assert.All(items.Where(p => p.Touched), p => Assert.Equal(2, p.Version));
    }

    [Fact]
    public async Task Bulk_delete_over_an_index_query_deletes_only_the_matching_items()
    {
        await SeedAsync("bulk-delete", 60, i => i);
        await using var context = fixture.CreateContext();
        fixture.Log.Clear();

        var deleted = await context.Posts.Where(p => p.Category == "odd" && p.Forum == "bulk-delete" && p.Score > 30).ExecuteDeleteAsync();

        var left = await ReadAllAsync("bulk-delete");
        Assert.Equal(Enumerable.Range(0, 60).Where(i => !(i % 2 == 1 && i > 30)), left.Select(p => p.Number).Order());
        Assert.Equal(60 - left.Count, deleted);
        Assert.Contains(fixture.Requests(), r => r.Contains("Query") && r.Contains("ProjectionExpression"));
    }

    [Fact]
    public async Task A_bulk_update_that_would_scan_is_refused_under_ScanBehavior_Disallow_and_allowed_with_WithScan()
    {
        await SeedAsync("scan", 3, i => i);
        var options = new DbContextOptionsBuilder<WriteLanguageContext>()
            .UseDynamoDb(await DynamoDbTestEnvironment.GetServiceUrlAsync(), o => o.TableNamePrefix(fixture.Prefix).ScanBehavior(DynamoDbScanBehavior.Disallow))
            .AllowManyServiceProviders()
            .Options;
        await using var context = new WriteLanguageContext(options);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.Posts.Where(p => p.Score == 1).ExecuteUpdateAsync(s => s.SetProperty(p => p.Touched, true)));
        var changed = await context.Posts.WithScan().Where(p => p.Forum == "scan" || p.Score == 1000).ExecuteUpdateAsync(s => s.SetProperty(p => p.Touched, true));

        Assert.Contains("would run as a Scan", exception.Message);
        Assert.Equal(3, changed);
    }

    [Fact]
    public async Task Cancelling_a_bulk_update_stops_it_and_says_how_many_items_were_changed()
    {
        await SeedAsync("cancel", 300, i => i);
        using var cancellation = new CancellationTokenSource();
        var updates = 0;

        // Cancelled from the log of the 20th UpdateItem: while the update runs, whatever the machine's speed.
        var options = new DbContextOptionsBuilder<WriteLanguageContext>()
            .UseDynamoDb(await DynamoDbTestEnvironment.GetServiceUrlAsync(), o => o.TableNamePrefix(fixture.Prefix).MaxBatchWriteParallelism(4))
            .LogTo(
                message =>
                {
                    if (message.Contains("UpdateItem") && Interlocked.Increment(ref updates) == 20)
                    {
                        cancellation.Cancel();
                    }
                },
                [DynamoDbEventId.ExecutedRequest])
            .AllowManyServiceProviders()
            .Options;
        await using var context = new WriteLanguageContext(options);

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => context.Posts.Where(p => p.Forum == "cancel").ExecuteUpdateAsync(s => s.SetProperty(p => p.Touched, true), cancellation.Token));

        var touched = (await ReadAllAsync("cancel")).Count(p => p.Touched);
        Assert.InRange(touched, 20, 299);
        Assert.Contains($"after changing {touched} item(s)", exception.Message);
    }
}
