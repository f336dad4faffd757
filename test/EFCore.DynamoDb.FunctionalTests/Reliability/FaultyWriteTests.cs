using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Reliability.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using static EFCore.DynamoDb.FunctionalTests.Reliability.Infrastructure.ReliabilityFixture;

namespace EFCore.DynamoDb.FunctionalTests.Reliability;

/// <summary>
///     Writes through a proxy that drops connections before and after DynamoDB applied a request, throttles, reports
///     transaction conflicts and returns partial batches: each write is applied exactly once, a lost answer never becomes a
///     false conflict, and an identical write by someone else is never taken for our own.
/// </summary>
public class FaultyWriteTests(ReliabilityFixture fixture) : IClassFixture<ReliabilityFixture>
{
    private static Func<string, Fault> First(string operation, Fault fault)
    {
        var seen = 0;
        return op => op == operation && Interlocked.Increment(ref seen) == 1 ? fault : Fault.None;
    }

    private async Task<Account> SeedAccountAsync(string id, long balance)
    {
        await using var context = fixture.CreateContext();
        var account = new Account { Id = id, Balance = balance };
        context.Add(account);
        await context.SaveChangesAsync();
        return account;
    }

    private async Task<Dictionary<string, AttributeValue>?> AccountAsync(string id)
        => await fixture.GetAsync("Account", new() { ["Id"] = S(id) });

    private static List<string?> Tokens(FaultInjectingProxy proxy)
        => proxy.Forwarded.Where(f => f.Operation == "TransactWriteItems")
            .Select(f => JsonDocument.Parse(f.Body).RootElement.GetProperty("ClientRequestToken").GetString())
            .ToList();

    [Fact]
    public async Task Single_writes_the_SDK_resends_after_a_lost_answer_are_recognized_as_applied()
    {
        // The default configuration: the SDK retries by itself, without the provider seeing a failure.
        var faults = new Dictionary<string, Fault>();
        await using var proxy = new FaultInjectingProxy(fixture.ServiceUrl, op =>
        {
            lock (faults)
            {
                return faults.Remove(op, out var fault) ? fault : Fault.None;
            }
        });
        var logs = new TestLoggerFactory();
        var options = fixture.Options(proxy.Url, loggerFactory: logs);
        void FailNext(string operation)
        {
            lock (faults)
            {
                faults[operation] = Fault.DropAfterForwarding;
            }
        }

        var item = new Item { Bucket = "sdk", Id = 1, Name = "first", Amount = 10 };
        await using (var context = new ReliabilityContext(options))
        {
            context.Add(item);
            FailNext("PutItem");
            await context.SaveChangesAsync();
            Assert.Equal(EntityState.Unchanged, context.Entry(item).State);

            item.Amount = 11;
            FailNext("UpdateItem");
            await context.SaveChangesAsync();
            Assert.Equal(2, item.Version);

            context.Remove(item);
            FailNext("DeleteItem");
            await context.SaveChangesAsync();
            Assert.Equal(EntityState.Detached, context.Entry(item).State);
        }

        foreach (var operation in new[] { "PutItem", "UpdateItem", "DeleteItem" })
        {
            // DynamoDB received each write twice (the dropped attempt, which it applied, and the SDK's own resend, whose
            // condition failed on that first attempt's effect); the provider sent it once and saw no failure.
            Assert.Equal(2, proxy.ForwardedCount(operation));
            Assert.Single(logs.Messages(DynamoDbEventId.ExecutingRequest), m => m.StartsWith($"Executing DynamoDB {operation} ", StringComparison.Ordinal));
        }

        Assert.Empty(logs.Messages(CoreEventId.ExecutionStrategyRetrying));
        Assert.Null(await fixture.GetAsync("Item", new() { ["Bucket"] = S("sdk"), ["Id"] = N(1) }));
    }

    /// <summary>Retried by the SDK, or (its retries off) by EF's execution strategy: either way the retry knows nothing was written.</summary>
    private ReliabilityContext ThrottleRetryingContext(FaultInjectingProxy proxy, bool sdkRetries)
        => fixture.CreateContext(proxy.Url, sdkRetries ? null : static o => o.ConfigureClient(static c => c.MaxErrorRetry = 0));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_identical_insert_by_another_writer_while_ours_was_throttled_is_a_duplicate_not_our_write(bool sdkRetries)
    {
        var other = new Dictionary<string, AttributeValue>
        {
            ["Bucket"] = S("twin"), ["Id"] = N(sdkRetries ? 1 : 2), ["Name"] = S("same"), ["Amount"] = N(5), ["Version"] = N(1),
        };
        var puts = 0;
        await using var proxy = new FaultInjectingProxy(fixture.ServiceUrl, op =>
        {
            if (op != "PutItem" || Interlocked.Increment(ref puts) != 1)
            {
                return Fault.None;
            }

            // Another writer stores exactly the item we are about to insert, while our request is throttled.
            fixture.Raw.PutItemAsync(new PutItemRequest { TableName = fixture.Table("Item"), Item = other }).GetAwaiter().GetResult();
            return Fault.Throttle;
        });
        await using var context = ThrottleRetryingContext(proxy, sdkRetries);
        var item = new Item { Bucket = "twin", Id = sdkRetries ? 1 : 2, Name = "same", Amount = 5 };
        context.Add(item);

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.Contains("already exists", exception.Message);
        Assert.Equal(EntityState.Added, context.Entry(item).State);
        Assert.Equal(2, proxy.Received.Count(r => r.Operation == "PutItem"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_identical_versioned_update_by_another_writer_while_ours_was_throttled_is_a_conflict(bool sdkRetries)
    {
        var id = "twin-update-" + sdkRetries;
        await SeedAccountAsync(id, 100);
        var updates = 0;
        await using var proxy = new FaultInjectingProxy(fixture.ServiceUrl, op =>
        {
            if (op != "UpdateItem" || Interlocked.Increment(ref updates) != 1)
            {
                return Fault.None;
            }

            // Another writer read the same version and made exactly our change (+1) while our request was throttled: two
            // increments happened and the table shows one, so ours must not report success.
            fixture.Raw.PutItemAsync(new PutItemRequest
            {
                TableName = fixture.Table("Account"),
                Item = new() { ["Id"] = S(id), ["Balance"] = N(101), ["Version"] = N(2) },
            }).GetAwaiter().GetResult();
            return Fault.Throttle;
        });
        await using var context = ThrottleRetryingContext(proxy, sdkRetries);
        var account = await context.Accounts.SingleAsync(a => a.Id == id);
        account.Balance++;

        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

        Assert.Same(account, Assert.Single(exception.Entries).Entity);
        Assert.Equal(EntityState.Modified, context.Entry(account).State);
    }

    [Theory]
    [InlineData(Fault.DropAfterForwarding, 2)]
    [InlineData(Fault.DropBeforeForwarding, 1)]
    public async Task A_transaction_interrupted_by_a_dropped_connection_is_applied_once(Fault fault, int forwarded)
    {
        var id = "tx-" + fault;
        await SeedAccountAsync(id, 100);
        await using var proxy = new FaultInjectingProxy(fixture.ServiceUrl, First("TransactWriteItems", fault));
        await using (var context = fixture.CreateContext(proxy.Url))
        {
            var account = await context.Accounts.SingleAsync(a => a.Id == id);
            account.Balance += 50;
            context.Add(new Account { Id = id + "-new", Balance = 1 });

            await context.SaveChangesAsync();

            Assert.Equal(2, account.Version);
        }

        var tokens = Tokens(proxy);
        Assert.Equal(forwarded, tokens.Count);
        Assert.Single(tokens.Distinct());
        var stored = await AccountAsync(id);
        Assert.Equal("150", stored!["Balance"].N);
        Assert.Equal("2", stored["Version"].N);
        Assert.Equal("1", (await AccountAsync(id + "-new"))!["Version"].N);
    }

    [Theory]
    [InlineData(Fault.DropAfterForwarding)]
    [InlineData(Fault.DropBeforeForwarding)]
    public async Task Without_retries_an_interrupted_transaction_is_all_or_nothing_and_saving_again_applies_it_once(Fault fault)
    {
        var id = "tx-noretry-" + fault;
        await SeedAccountAsync(id, 100);
        await using var proxy = new FaultInjectingProxy(fixture.ServiceUrl, First("TransactWriteItems", fault));
        await using var context = fixture.CreateContext(proxy.Url, static o => o
            .ConfigureClient(static c =>
            {
                c.MaxErrorRetry = 0;
                c.MaxStaleConnectionRetries = 0;
            })
            .ExecutionStrategy(static d => new NonRetryingExecutionStrategy(d)));
        var account = await context.Accounts.SingleAsync(a => a.Id == id);
        account.Balance += 50;
        var added = new Account { Id = id + "-new", Balance = 1 };
        context.Add(added);

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.Contains("TransactWriteItems of 2 items", exception.Message);
        Assert.Contains(fixture.Table("Account"), exception.Message);
        Assert.NotNull(exception.InnerException);
        var applied = fault == Fault.DropAfterForwarding;
        Assert.Equal(applied ? "150" : "100", (await AccountAsync(id))!["Balance"].N);
        Assert.Equal(applied, await AccountAsync(id + "-new") != null);
        Assert.Equal(EntityState.Modified, context.Entry(account).State);
        Assert.Equal(EntityState.Added, context.Entry(added).State);

        // The application saves again: the same transaction, with the same token, so DynamoDB applies it at most once.
        await context.SaveChangesAsync();

        Assert.Single(Tokens(proxy).Distinct());
        var stored = await AccountAsync(id);
        Assert.Equal("150", stored!["Balance"].N);
        Assert.Equal("2", stored["Version"].N);
        Assert.Equal(2, account.Version);
        Assert.Equal("1", (await AccountAsync(id + "-new"))!["Version"].N);
    }

    [Fact]
    public async Task Transaction_conflicts_are_retried_for_transactions_and_single_writes()
    {
        await SeedAccountAsync("conflict", 1);
        await using var proxy = new FaultInjectingProxy(
            fixture.ServiceUrl, FaultInjectingProxy.Random(0.5, seed: 3, ["TransactWriteItems", "UpdateItem"], Fault.TransactionConflict));
        await using (var context = fixture.CreateContext(proxy.Url))
        {
            for (var i = 0; i < 10; i++)
            {
                var account = await context.Accounts.SingleAsync(a => a.Id == "conflict");
                account.Balance++;
                if (i % 2 == 0)
                {
                    context.Add(new Account { Id = $"conflict-{i}" });
                }

                await context.SaveChangesAsync();
            }
        }

        Assert.True(proxy.FaultCount >= 3);
        Assert.Contains(proxy.Received, r => r is { Operation: "TransactWriteItems", Fault: Fault.TransactionConflict });
        Assert.Contains(proxy.Received, r => r is { Operation: "UpdateItem", Fault: Fault.TransactionConflict });
        var stored = await AccountAsync("conflict");
        Assert.Equal("11", stored!["Balance"].N);
        Assert.Equal("11", stored["Version"].N);
    }

    [Fact]
    public async Task BatchWriteItem_with_unprocessed_items_writes_every_item_exactly_once()
    {
        await using var proxy = new FaultInjectingProxy(fixture.ServiceUrl, op => op == "BatchWriteItem" ? Fault.PartialBatch : Fault.None);
        var logs = new TestLoggerFactory();
        await using var context = fixture.CreateContext(proxy.Url, loggerFactory: logs);
        context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        var events = Enumerable.Range(0, 200).Select(i => new Event { Stream = "partial", Seq = i, Payload = "p" + i }).ToList();
        context.AddRange(events);

        await context.SaveChangesAsync();

        // Every write reached DynamoDB exactly once, although most batches came back with unprocessed items.
        var forwarded = proxy.Forwarded.Where(f => f.Operation == "BatchWriteItem")
            .SelectMany(f => JsonDocument.Parse(f.Body).RootElement.GetProperty("RequestItems").GetProperty(fixture.Table("Event")).EnumerateArray())
            .Select(w => w.GetProperty("PutRequest").GetProperty("Item").GetProperty("Seq").GetProperty("N").GetString())
            .ToList();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), forwarded.Order());
        Assert.True(proxy.ForwardedCount("BatchWriteItem") > 8 * 2);
        Assert.All(events, e => Assert.Equal(EntityState.Unchanged, context.Entry(e).State));
        Assert.Equal(200, (await fixture.ScanAsync("Event")).Count(i => i["Stream"].S == "partial"));
        Assert.Contains(logs.Messages(DynamoDbEventId.RequestRetrying), m => m.StartsWith(
            $"Retrying DynamoDB BatchWriteItem on '{fixture.Table("Event")}' because DynamoDB left 12 of its items unprocessed (attempt 1, after",
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task BatchWriteItem_under_mixed_faults_writes_every_item_once()
    {
        await using var proxy = new FaultInjectingProxy(
            fixture.ServiceUrl,
            FaultInjectingProxy.Random(0.4, seed: 11, ["BatchWriteItem"],
                Fault.PartialBatch, Fault.Throttle, Fault.ServerError, Fault.DropBeforeForwarding, Fault.DropAfterForwarding));
        await using var context = fixture.CreateContext(proxy.Url, static o => o.ConfigureClient(static c => c.MaxErrorRetry = 0));
        context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        var events = Enumerable.Range(0, 600).Select(i => new Event { Stream = "mixed", Seq = i, Payload = "p" + i }).ToList();
        context.AddRange(events);

        await context.SaveChangesAsync();

        Assert.True(proxy.FaultCount >= 5);
        Assert.All(events, e => Assert.Equal(EntityState.Unchanged, context.Entry(e).State));
        var stored = (await fixture.ScanAsync("Event")).Where(i => i["Stream"].S == "mixed").ToList();
        Assert.Equal(Enumerable.Range(0, 600).Select(i => "p" + i).Order(), stored.Select(i => i["Payload"].S).Order());
    }
}
