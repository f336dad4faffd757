using System.Text.Json;
using EFCore.DynamoDb.FunctionalTests.Reliability.Infrastructure;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Reliability.Infrastructure.ReliabilityFixture;

namespace EFCore.DynamoDb.FunctionalTests.Reliability;

/// <summary>
///     Cancellation stops a query or a save promptly, and leaves nothing half-written beyond what DynamoDB's own atomicity
///     allows: a transaction is all or nothing; a save without one is exact per item (every entry accepted is in the table,
///     every entry still pending is not), and saving again writes exactly the rest.
/// </summary>
public class CancellationTests(CancellationTests.Fixture fixture) : IClassFixture<CancellationTests.Fixture>
{
    /// <summary>The reliability tables, with 3,000 events of 2 KB each (six 1 MB Scan pages) in the stream "long".</summary>
    public class Fixture : ReliabilityFixture
    {
        public const int LongScanItems = 3000;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var context = CreateContext();
            context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            context.AddRange(Enumerable.Range(0, LongScanItems).Select(i => new Event { Stream = "long", Seq = i, Payload = new string('x', 2000) }));
            await context.SaveChangesAsync();
        }
    }

    /// <summary>How long a held request is held: far longer than any test, so only cancellation can end the wait for it.</summary>
    private static readonly TimeSpan Held = TimeSpan.FromMinutes(10);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(2, timeout.Token);
        }
    }

    [Fact]
    public async Task A_long_scan_stops_when_cancelled_without_waiting_for_the_page_in_flight_and_sends_no_further_page()
    {
        // The first Scan page is answered; the second request is held by the proxy until the test ends.
        var scans = 0;
        await using var proxy = new FaultInjectingProxy(
            fixture.ServiceUrl, _ => Fault.None, op => op == "Scan" && Interlocked.Increment(ref scans) > 1 ? Held : TimeSpan.Zero);
        await using var context = fixture.CreateContext(proxy.Url);
        using var cancellation = new CancellationTokenSource();

        var query = context.Events.AsNoTracking().Where(e => e.Payload != "").ToListAsync(cancellation.Token);
        await WaitUntilAsync(() => Volatile.Read(ref scans) >= 2);
        await cancellation.CancelAsync();

        // The query ends while the proxy still holds the second page's request: it was abandoned, not awaited.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
        Assert.Equal(1, proxy.ForwardedCount("Scan"));
        await Task.Delay(300);
        Assert.Equal(2, Volatile.Read(ref scans));

        // The context is fine afterwards: a query of the same 3,000 items runs to the end (six pages or more of 1 MB).
        Assert.Equal(Fixture.LongScanItems, await context.Events.CountAsync(e => e.Stream == "long"));
    }

    [Fact]
    public async Task A_5000_item_save_without_a_transaction_stops_when_cancelled_and_accepts_exactly_what_was_written()
    {
        // 60 batches of 25 go through; the next ones (as many as the save runs in parallel) are held until released.
        const int Through = 60;
        var batches = 0;
        var holding = true;
        await using var proxy = new FaultInjectingProxy(
            fixture.ServiceUrl,
            _ => Fault.None,
            op => op == "BatchWriteItem" && Volatile.Read(ref holding) && Interlocked.Increment(ref batches) > Through ? Held : TimeSpan.Zero);
        await using var context = fixture.CreateContext(proxy.Url);
        context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        var events = Enumerable.Range(0, 5000).Select(i => new Event { Stream = "bulk", Seq = i, Payload = "p" + i }).ToList();
        context.AddRange(events);
        using var cancellation = new CancellationTokenSource();

        var save = context.SaveChangesAsync(cancellation.Token);
        await WaitUntilAsync(() => Volatile.Read(ref batches) > Through && proxy.ForwardedCount("BatchWriteItem") == Through);
        await cancellation.CancelAsync();

        // No batch starts after the cancellation, and the save ends although the proxy still holds the batches in flight: it
        // gives them InFlightCancellation's grace to answer, then abandons them (here they are never forwarded), so their
        // entries stay Added.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => save);
        Volatile.Write(ref holding, false);

        var stored = (await fixture.PartitionAsync("Event", "Stream", "bulk")).Select(i => int.Parse(i["Seq"].N)).Order().ToList();
        var accepted = events.Where(e => context.Entry(e).State == EntityState.Unchanged).Select(e => e.Seq).Order().ToList();
        var pending = events.Where(e => context.Entry(e).State == EntityState.Added).Select(e => e.Seq).ToList();
        Assert.Equal(Through * 25, stored.Count);
        Assert.Equal(stored, accepted);
        Assert.Equal(5000, accepted.Count + pending.Count);
        Assert.Equal(stored.Count, Forwarded(proxy).Count);

        // Saving again writes exactly the rest: every event reached DynamoDB once over both saves (the held requests of the
        // cancelled save are never forwarded).
        await context.SaveChangesAsync();

        Assert.All(events, e => Assert.Equal(EntityState.Unchanged, context.Entry(e).State));
        Assert.Equal(Enumerable.Range(0, 5000), Forwarded(proxy).Order());
        Assert.Equal(5000, (await fixture.PartitionAsync("Event", "Stream", "bulk")).Count);
    }

    [Fact]
    public async Task A_save_cancelled_before_it_starts_sends_nothing()
    {
        await using var proxy = new FaultInjectingProxy(fixture.ServiceUrl, _ => Fault.None);
        await using var context = fixture.CreateContext(proxy.Url);
        context.AddRange(new Account { Id = "never-1" }, new Account { Id = "never-2" });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.SaveChangesAsync(new CancellationToken(canceled: true)));

        Assert.Empty(proxy.Received);
        Assert.Null(await fixture.GetAsync("Account", new() { ["Id"] = S("never-1") }));
    }

    [Fact]
    public async Task A_write_already_sent_when_the_save_is_cancelled_is_awaited_so_the_entry_matches_the_table()
    {
        await using var proxy = new FaultInjectingProxy(fixture.ServiceUrl, _ => Fault.None, op => op == "PutItem" ? TimeSpan.FromMilliseconds(300) : TimeSpan.Zero);
        await using var context = fixture.CreateContext(proxy.Url);
        var account = new Account { Id = "in-flight", Balance = 7 };
        context.Add(account);
        using var cancellation = new CancellationTokenSource();

        var save = context.SaveChangesAsync(cancellation.Token);
        await WaitUntilAsync(() => proxy.Received.Any(r => r.Operation == "PutItem"));
        await cancellation.CancelAsync();
        await save;

        Assert.Equal(EntityState.Unchanged, context.Entry(account).State);
        Assert.Equal("7", (await fixture.GetAsync("Account", new() { ["Id"] = S("in-flight") }))!["Balance"].N);
    }

    [Fact]
    public async Task A_transaction_abandoned_after_cancellation_is_all_or_nothing_and_saving_again_applies_it_once()
    {
        await using (var setup = fixture.CreateContext())
        {
            setup.Add(new Account { Id = "abandoned", Balance = 100 });
            await setup.SaveChangesAsync();
        }

        // The first transaction is held by the network for longer than a cancelled save waits for it (2 s); DynamoDB
        // applies it afterwards, while the application believes the save was cancelled.
        var transactions = 0;
        await using var proxy = new FaultInjectingProxy(
            fixture.ServiceUrl, _ => Fault.None,
            op => op == "TransactWriteItems" && Interlocked.Increment(ref transactions) == 1 ? TimeSpan.FromMilliseconds(2500) : TimeSpan.Zero);
        await using var context = fixture.CreateContext(proxy.Url);
        var account = await context.Accounts.SingleAsync(a => a.Id == "abandoned");
        account.Balance += 50;
        context.Add(new Account { Id = "abandoned-new" });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.SaveChangesAsync(cancellation.Token));

        Assert.Equal(EntityState.Modified, context.Entry(account).State);
        await WaitUntilAsync(() => proxy.ForwardedCount("TransactWriteItems") == 1);
        await Task.Delay(100);
        Assert.Equal("150", (await fixture.GetAsync("Account", new() { ["Id"] = S("abandoned") }))!["Balance"].N);
        Assert.NotNull(await fixture.GetAsync("Account", new() { ["Id"] = S("abandoned-new") }));

        // Saving again sends the same transaction with the same client request token: DynamoDB does not apply it twice.
        await context.SaveChangesAsync();

        var tokens = proxy.Forwarded.Where(f => f.Operation == "TransactWriteItems")
            .Select(f => JsonDocument.Parse(f.Body).RootElement.GetProperty("ClientRequestToken").GetString()).ToList();
        Assert.Equal(2, tokens.Count);
        Assert.Single(tokens.Distinct());
        Assert.Equal("150", (await fixture.GetAsync("Account", new() { ["Id"] = S("abandoned") }))!["Balance"].N);
        Assert.Equal(2, account.Version);
    }

    private List<int> Forwarded(FaultInjectingProxy proxy)
        => proxy.Forwarded.Where(f => f.Operation == "BatchWriteItem")
            .SelectMany(f => JsonDocument.Parse(f.Body).RootElement.GetProperty("RequestItems").GetProperty(fixture.Table("Event")).EnumerateArray())
            .Select(w => int.Parse(w.GetProperty("PutRequest").GetProperty("Item").GetProperty("Seq").GetProperty("N").GetString()!))
            .ToList();
}
