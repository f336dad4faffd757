using Microsoft.EntityFrameworkCore.Diagnostics;
using EFCore.DynamoDb.FunctionalTests.Reliability.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Reliability;

/// <summary>
///     A seeded random mix of inserts, versioned updates, deletes, point reads and queries through a proxy that throttles,
///     fails with 500s and drops connections (before and after DynamoDB applied the request) on 20% of all requests. The
///     provider runs as configured by default (one conditional request per single-entity save, no transaction), with the
///     execution strategy's delays shortened and the SDK's ordinary retries off, whose throttling backoff would make the run
///     slow: the SDK still re-sends requests after dropped connections on its own, which is what could turn a lost answer
///     into a false conflict. Every read must see exactly what an in-memory model holds, and the table must end up exactly as
///     the model: no write lost, none applied twice, no false conflict.
/// </summary>
public class FaultyWorkloadTests(ReliabilityFixture fixture) : IClassFixture<ReliabilityFixture>
{
    private static readonly string[] Buckets = ["b0", "b1", "b2", "b3", "b4"];

    [Fact]
    public async Task Five_hundred_reads_and_writes_at_a_20_percent_fault_rate_leave_exactly_the_expected_data()
    {
        await using var proxy = new FaultInjectingProxy(
            fixture.ServiceUrl,
            FaultInjectingProxy.Random(0.2, seed: 2024, Fault.Throttle, Fault.ServerError, Fault.DropBeforeForwarding, Fault.DropAfterForwarding));
        var random = new Random(7);
        var model = new SortedDictionary<(string Bucket, int Id), Item>();
        var nextId = 0;
        var operations = new Dictionary<string, int>();

        var logs = new TestLoggerFactory();
        var options = fixture.Options(proxy.Url, static o => o.ConfigureClient(static c => c.MaxErrorRetry = 0), logs);
        for (var step = 0; step < 500; step++)
        {
            await using var context = new ReliabilityContext(options);
            var roll = random.Next(100);
            var kind = model.Count == 0 || roll < 30 ? "insert" : roll < 55 ? "update" : roll < 65 ? "delete" : roll < 85 ? "read" : "query";
            operations[kind] = operations.GetValueOrDefault(kind) + 1;
            switch (kind)
            {
                case "insert":
                {
                    var item = new Item
                    {
                        Bucket = Buckets[random.Next(Buckets.Length)],
                        Id = nextId++,
                        Name = random.Next(4) == 0 ? null : "name " + random.Next(1000),
                        Amount = random.Next(1000),
                    };
                    context.Add(item);
                    await context.SaveChangesAsync();
                    Assert.Equal(1, item.Version);
                    model[(item.Bucket, item.Id)] = Copy(item);
                    break;
                }

                case "update":
                {
                    var key = Pick(model, random);
                    var item = await context.Items.SingleAsync(i => i.Bucket == key.Bucket && i.Id == key.Id);
                    AssertSame(model[key], item);
                    item.Amount += random.Next(1, 100);
                    item.Name = random.Next(3) == 0 ? null : "renamed " + random.Next(1000);
                    await context.SaveChangesAsync();
                    Assert.Equal(model[key].Version + 1, item.Version);
                    model[key] = Copy(item);
                    break;
                }

                case "delete":
                {
                    var key = Pick(model, random);
                    var item = await context.Items.FindAsync(key.Bucket, key.Id);
                    AssertSame(model[key], item!);
                    context.Remove(item!);
                    await context.SaveChangesAsync();
                    Assert.Equal(EntityState.Detached, context.Entry(item!).State);
                    model.Remove(key);
                    break;
                }

                case "read":
                {
                    var key = random.Next(4) == 0 ? (Buckets[random.Next(Buckets.Length)], random.Next(nextId + 5)) : Pick(model, random);
                    var item = await context.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Bucket == key.Item1 && i.Id == key.Item2);
                    if (model.TryGetValue(key, out var known))
                    {
                        AssertSame(known, item!);
                    }
                    else
                    {
                        Assert.Null(item);
                    }

                    break;
                }

                default:
                {
                    var bucket = Buckets[random.Next(Buckets.Length)];
                    var threshold = random.Next(1000);
                    var results = await context.Items.AsNoTracking()
                        .Where(i => i.Bucket == bucket && i.Amount > threshold)
                        .OrderBy(i => i.Id)
                        .ToListAsync();
                    Assert.Equal(
                        model.Values.Where(i => i.Bucket == bucket && i.Amount > threshold).OrderBy(i => i.Id).Select(Describe),
                        results.Select(Describe));
                    break;
                }
            }
        }

        Assert.True(proxy.FaultCount >= 100, $"Only {proxy.FaultCount} faults were injected.");
        foreach (var fault in new[] { Fault.Throttle, Fault.ServerError, Fault.DropBeforeForwarding, Fault.DropAfterForwarding })
        {
            Assert.Contains(proxy.Received, r => r.Fault == fault && r.Operation is "PutItem" or "UpdateItem" or "DeleteItem");
        }

        Assert.All(["insert", "update", "delete", "read", "query"], k => Assert.True(operations.GetValueOrDefault(k) >= 30, k));

        // The SDK re-sent conditional writes on its own after dropped connections (its stale-connection retries run even with
        // MaxErrorRetry = 0): the proxy saw more of them than the provider sent, and none became a false conflict.
        var executing = logs.Messages(DynamoDbEventId.ExecutingRequest);
        var resentBySdk = new[] { "PutItem", "UpdateItem", "DeleteItem" }.Sum(operation =>
            proxy.Received.Count(r => r.Operation == operation)
            - executing.Count(m => m.StartsWith($"Executing DynamoDB {operation} ", StringComparison.Ordinal)));
        Assert.True(resentBySdk > 0, "The SDK never re-sent a write by itself.");

        // The table itself, read raw, and the provider's own answers over the whole table and per partition.
        var expected = model.Values.Select(Describe).Order(StringComparer.Ordinal).ToList();
        var stored = (await fixture.ScanAsync("Item")).Select(i => Describe(new Item
        {
            Bucket = i["Bucket"].S,
            Id = int.Parse(i["Id"].N, System.Globalization.CultureInfo.InvariantCulture),
            Name = i.TryGetValue("Name", out var name) ? name.S : null,
            Amount = long.Parse(i["Amount"].N, System.Globalization.CultureInfo.InvariantCulture),
            Version = int.Parse(i["Version"].N, System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.Equal(expected, stored.Order(StringComparer.Ordinal));

        await using (var context = fixture.CreateContext(proxy.Url))
        {
            Assert.Equal(expected, (await context.Items.AsNoTracking().ToListAsync()).Select(Describe).Order(StringComparer.Ordinal));
            foreach (var bucket in Buckets)
            {
                Assert.Equal(
                    model.Values.Where(i => i.Bucket == bucket).Select(Describe),
                    (await context.Items.AsNoTracking().Where(i => i.Bucket == bucket).OrderBy(i => i.Id).ToListAsync()).Select(Describe));
            }
        }
    }

    private static (string Bucket, int Id) Pick(SortedDictionary<(string Bucket, int Id), Item> model, Random random)
        => model.Keys.ElementAt(random.Next(model.Count));

    private static Item Copy(Item item)
        => new() { Bucket = item.Bucket, Id = item.Id, Name = item.Name, Amount = item.Amount, Version = item.Version };

    private static string Describe(Item item) => $"{item.Bucket}/{item.Id}: {item.Name ?? "(null)"} {item.Amount} v{item.Version}";

    private static void AssertSame(Item expected, Item actual) => Assert.Equal(Describe(expected), Describe(actual));
}
