using System.Text.Json.Nodes;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using static EFCore.DynamoDb.FunctionalTests.Update.Infrastructure.UpdateTestStore;

namespace EFCore.DynamoDb.FunctionalTests.Update;

/// <summary>AutoTransactionBehavior.Never: parallel BatchWriteItem requests of 25, no atomicity, nothing lost.</summary>
[Collection(UpdateCollection.Name)]
public class BatchWriteTests(UpdateFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private UpdateContext CreateContext(Action<DynamoDbDbContextOptionsBuilder>? dynamoDb = null)
    {
        var context = new UpdateContext(Store.Options<UpdateContext>(dynamoDb: dynamoDb));
        context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        return context;
    }

    private static IEnumerable<Reading> Readings(string device, int count)
        => Enumerable.Range(0, count).Select(i => new Reading { DeviceId = device, Timestamp = i, Value = i * 0.5 });

    private async Task<int> CountReadingsAsync(string device)
        => (await Store.ScanAsync("Reading")).Count(i => i["DeviceId"].S == device);

    [Fact]
    public async Task One_hundred_fifty_writes_with_Never_are_written_completely_in_batches_of_25()
    {
        await using var context = CreateContext();
        var readings = Readings("never-150", 150).ToList();
        context.AddRange(readings);

        Assert.Equal(150, await context.SaveChangesAsync());

        Assert.Equal(6, Store.Handler.Count("BatchWriteItem"));
        Assert.Equal(150, await CountReadingsAsync("never-150"));
        Assert.All(readings, r => Assert.Equal(EntityState.Unchanged, context.Entry(r).State));
    }

    [Fact]
    public async Task Five_thousand_inserts_with_Never_all_land()
    {
        await using var context = CreateContext();
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        context.AddRange(Readings("never-5000", 5000));

        Assert.Equal(5000, await context.SaveChangesAsync());

        Assert.Equal(5000, await CountReadingsAsync("never-5000"));
        Assert.Equal(200, Store.Handler.Count("BatchWriteItem"));
    }

    [Fact]
    public async Task Unprocessed_items_are_resent_until_every_item_is_written()
    {
        var throttled = 0;
        Store.Handler.Rewrite = async (operation, body, forward) =>
        {
            if (operation != "BatchWriteItem" || Interlocked.Increment(ref throttled) > 4)
            {
                return (await forward(body)).Response;
            }

            // Let DynamoDB process every other item and hand the rest back as unprocessed, as a throttled table does.
            var request = JsonNode.Parse(body)!.AsObject();
            var unprocessed = new JsonObject();
            foreach (var (table, requests) in request["RequestItems"]!.AsObject().ToList())
            {
                var all = requests!.AsArray().ToList();
                var kept = new JsonArray(all.Where((_, i) => i % 2 == 0).Select(n => n!.DeepClone()).ToArray());
                var left = new JsonArray(all.Where((_, i) => i % 2 == 1).Select(n => n!.DeepClone()).ToArray());
                request["RequestItems"]![table] = kept;
                if (left.Count > 0)
                {
                    unprocessed[table] = left;
                }
            }

            var (response, _) = await forward(request.ToJsonString());
            response.Dispose();
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent(
                    new JsonObject { ["UnprocessedItems"] = unprocessed }.ToJsonString(),
                    System.Text.Encoding.UTF8,
                    "application/x-amz-json-1.0"),
            };
        };

        await using var context = CreateContext();
        context.AddRange(Readings("unprocessed", 60));
        await context.SaveChangesAsync();

        Assert.Equal(60, await CountReadingsAsync("unprocessed"));
        Assert.True(Store.Handler.Count("BatchWriteItem") > 3, "Unprocessed items should have been resent.");
    }

    [Fact]
    public async Task Modified_entries_and_versioned_types_are_written_by_individual_conditional_requests()
    {
        await using (var setup = CreateContext())
        {
            setup.AddRange(new ForumThread { ForumName = "Never", Subject = "m1", Title = "t" },
                new ForumThread { ForumName = "Never", Subject = "m2", Title = "t" });
            await setup.SaveChangesAsync();
        }

        Assert.Equal(2, Store.Handler.Count("PutItem"));
        Assert.Equal(0, Store.Handler.Count("BatchWriteItem"));

        await using var context = CreateContext();
        var first = await RawEntities.AttachThreadAsync(context, Store, "Never", "m1");
        var second = await RawEntities.AttachThreadAsync(context, Store, "Never", "m2");
        first.Views = 1;
        second.Views = 2;
        context.AddRange(Readings("never-mixed", 3));
        Store.Handler.Reset();

        await context.SaveChangesAsync();

        Assert.Equal(2, Store.Handler.Count("UpdateItem"));
        Assert.Equal(1, Store.Handler.Count("BatchWriteItem"));
        Assert.Equal(2, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal(3, await CountReadingsAsync("never-mixed"));
    }

    [Fact]
    public async Task Partial_failure_accepts_exactly_what_was_written_and_names_what_failed()
    {
        await using (var setup = CreateContext())
        {
            setup.Add(new ForumThread { ForumName = "Never", Subject = "stale", Title = "t" });
            await setup.SaveChangesAsync();
        }

        await using (var other = CreateContext())
        {
            var thread = await RawEntities.AttachThreadAsync(other, Store, "Never", "stale");
            thread.Replies = 1;
            await other.SaveChangesAsync();
        }

        await using var context = CreateContext();
        var stale = new ForumThread { ForumName = "Never", Subject = "stale", Title = "t", Version = 1 };
        context.Attach(stale);
        stale.Views = 100;
        var readings = Readings("partial", 100).ToList();
        context.AddRange(readings);

        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

        Assert.Same(stale, Assert.Single(exception.Entries).Entity);
        Assert.Contains("AutoTransactionBehavior.Never", exception.Message);
        Assert.Contains("Subject='stale'", exception.Message);
        var stored = (await Store.ScanAsync("Reading")).Where(i => i["DeviceId"].S == "partial")
            .Select(i => long.Parse(i["Timestamp"].N)).ToHashSet();
        Assert.Contains($"wrote {stored.Count} of 101 items", exception.Message);
        foreach (var reading in readings)
        {
            Assert.Equal(stored.Contains(reading.Timestamp) ? EntityState.Unchanged : EntityState.Added, context.Entry(reading).State);
        }

        // What was not written is still pending: once the conflict is resolved, saving again writes the rest.
        context.Entry(stale).State = EntityState.Detached;
        await context.SaveChangesAsync();
        Assert.Equal(100, await CountReadingsAsync("partial"));
    }

    [Fact]
    public async Task Cancellation_stops_the_save_and_leaves_the_written_entries_accepted()
    {
        using var cancellation = new CancellationTokenSource();
        var batches = 0;
        Store.Handler.Rewrite = async (operation, body, forward) =>
        {
            if (operation == "BatchWriteItem" && Interlocked.Increment(ref batches) == 2)
            {
                // Cancelled while the second batch is in flight: DynamoDB applies it; the save learns so and accepts it.
                await cancellation.CancelAsync();
            }

            return (await forward(body)).Response;
        };

        await using var context = CreateContext(o => o.MaxBatchWriteParallelism(1));
        var readings = Readings("cancelled", 100).ToList();
        context.AddRange(readings);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.SaveChangesAsync(cancellation.Token));

        Assert.Equal(2, Store.Handler.Count("BatchWriteItem"));
        Assert.Equal(50, await CountReadingsAsync("cancelled"));
        Assert.Equal(50, readings.Count(r => context.Entry(r).State == EntityState.Unchanged));
        Assert.Equal(50, readings.Count(r => context.Entry(r).State == EntityState.Added));
    }

    [Fact]
    public async Task A_single_write_with_Never_is_still_a_conditional_request()
    {
        await using (var setup = CreateContext())
        {
            setup.Add(new Reading { DeviceId = "single", Timestamp = 1, Value = 1 });
            await setup.SaveChangesAsync();
        }

        Assert.Equal(1, Store.Handler.Count("PutItem"));
        await using var context = CreateContext();
        context.Add(new Reading { DeviceId = "single", Timestamp = 1, Value = 2 });

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.Contains("already exists", exception.Message);
        var item = await Store.GetAsync("Reading", ("DeviceId", S("single")), ("Timestamp", N(1)));
        Assert.Equal("1", item!["Value"].N);
    }

    [Fact]
    public async Task Throttled_requests_without_a_transaction_are_retried_by_the_provider()
    {
        // Without a transaction EF's execution strategy does not run; with SDK retries off, only the provider retries.
        var throttled = new HashSet<string>();
        Store.Handler.Rewrite = async (operation, body, forward) =>
        {
            lock (throttled)
            {
                if (throttled.Add(operation))
                {
                    return Throttled();
                }
            }

            return (await forward(body)).Response;
        };

        await using (var single = new UpdateContext(Store.Options<UpdateContext>(Store.ClientWithoutSdkRetries)))
        {
            single.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            single.Add(new Reading { DeviceId = "throttled-single", Timestamp = 1, Value = 1 });
            await single.SaveChangesAsync();
        }

        await using (var batch = new UpdateContext(Store.Options<UpdateContext>(Store.ClientWithoutSdkRetries)))
        {
            batch.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            batch.AddRange(Readings("throttled-batch", 30));
            await batch.SaveChangesAsync();
        }

        Assert.Equal(2, Store.Handler.Count("PutItem"));
        Assert.Equal(3, Store.Handler.Count("BatchWriteItem"));
        Assert.Equal(1, await CountReadingsAsync("throttled-single"));
        Assert.Equal(30, await CountReadingsAsync("throttled-batch"));
    }

    private static HttpResponseMessage Throttled()
        => new(System.Net.HttpStatusCode.BadRequest)
        {
            Content = new StringContent(
                """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"simulated throttling"}""",
                System.Text.Encoding.UTF8,
                "application/x-amz-json-1.0"),
        };
}
