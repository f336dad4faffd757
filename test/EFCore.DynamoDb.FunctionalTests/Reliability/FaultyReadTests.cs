using EFCore.DynamoDb.FunctionalTests.Query;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using QueryContext = EFCore.DynamoDb.FunctionalTests.Query.QueryContext;

namespace EFCore.DynamoDb.FunctionalTests.Reliability;

/// <summary>
///     Queries through a proxy that throttles, fails and drops connections: the execution strategy retries each request from
///     where it stood, and the answers stay exactly LINQ-to-Objects'. The SDK's own retries (its ordinary ones and its
///     stale-connection ones) are off here, so every retry seen is the provider's.
/// </summary>
public class FaultyReadTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private async Task<(QueryContext Context, FaultInjectingProxy Proxy, TestLoggerFactory Logs)> CreateAsync(Func<string, Fault> policy)
    {
        var proxy = new FaultInjectingProxy(await DynamoDbTestEnvironment.GetServiceUrlAsync(), policy);
        var logs = new TestLoggerFactory();
        var options = new DbContextOptionsBuilder<QueryContext>()
            .UseDynamoDb(proxy.Url, o => o
                .TableNamePrefix(fixture.Prefix)
                .ConfigureClient(static c =>
                {
                    c.MaxErrorRetry = 0;
                    c.MaxStaleConnectionRetries = 0;
                })
                .EnableRetryOnFailure(maxRetryCount: 10, maxRetryDelay: TimeSpan.FromMilliseconds(50)))
            .UseLoggerFactory(logs)
            .EnableSensitiveDataLogging()
            .AllowManyServiceProviders()
            .Options;
        return (new QueryContext(options), proxy, logs);
    }

    [Fact]
    public async Task Queries_under_a_30_percent_fault_rate_return_exactly_the_data()
    {
        var (context, proxy, _) = await CreateAsync(
            FaultInjectingProxy.Random(0.3, seed: 7, Fault.Throttle, Fault.ServerError, Fault.DropBeforeForwarding, Fault.DropAfterForwarding));
        await using (proxy)
        await using (context)
        {
            for (var i = 0; i < 30; i++)
            {
                var rank = i % 10;
                var pk = "P" + (i % 6);
                Assert.Equal(
                    fixture.Records.Where(r => r.Rank >= rank).Select(r => r.Pk + r.Sk).Order(),
                    (await context.Records.AsNoTracking().Where(r => r.Rank >= rank).Select(r => r.Pk + r.Sk).ToListAsync()).Order());
                Assert.Equal(
                    fixture.Records.Count(r => r.Pk == pk && r.Score > rank),
                    await context.Records.CountAsync(r => r.Pk == pk && r.Score > rank));
                Assert.Equal(
                    fixture.Records.Single(r => r.Pk == pk && r.Sk == 0).Rank,
                    (await context.Records.AsNoTracking().SingleAsync(r => r.Pk == pk && r.Sk == 0)).Rank);
            }

            Assert.True(proxy.FaultCount > 10, $"Only {proxy.FaultCount} faults were injected.");
        }
    }

    [Fact]
    public async Task A_failed_page_is_retried_without_reading_the_first_pages_again()
    {
        var queries = 0;
        var (context, proxy, logs) = await CreateAsync(op => op == "Query" && Interlocked.Increment(ref queries) == 3 ? Fault.ServerError : Fault.None);
        await using (proxy)
        await using (context)
        {
            // Limit-free pages are 1 MB; a Take of small pages is simulated by ToPageAsync-like paging: use Limit through Take.
            var all = new List<int>();
            string? token = null;
            do
            {
                var page = await context.Records.AsNoTracking().Where(r => r.Pk == "P2").ToPageAsync(5, token);
                all.AddRange(page.Values.Select(r => r.Sk));
                token = page.ContinuationToken;
            }
            while (token != null);

            Assert.Equal(fixture.Records.Where(r => r.Pk == "P2").Select(r => r.Sk).Order(), all);
            Assert.Equal(1, proxy.FaultCount);
            Assert.Single(logs.Messages(DynamoDbEventId.RequestFailed));
        }
    }

    [Fact]
    public async Task Without_retries_a_fault_surfaces_at_once_naming_the_request_with_the_AWS_exception_inside()
    {
        var proxy = new FaultInjectingProxy(await DynamoDbTestEnvironment.GetServiceUrlAsync(), _ => Fault.ServerError);
        await using (proxy)
        {
            var options = new DbContextOptionsBuilder<QueryContext>()
                .UseDynamoDb(proxy.Url, o => o
                    .TableNamePrefix(fixture.Prefix)
                    .ConfigureClient(static c => c.MaxErrorRetry = 0)
                    .ExecutionStrategy(d => new Microsoft.EntityFrameworkCore.Storage.NonRetryingExecutionStrategy(d)))
                .AllowManyServiceProviders()
                .Options;
            await using var context = new QueryContext(options);
            var exception = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => context.Records.ToListAsync());
            Assert.StartsWith($"DynamoDB Scan on table '{fixture.Prefix}Records', reading 'Record', failed: Injected failure", exception.Message);
            Assert.Contains("HTTP 500", exception.Message);
            Assert.Contains("Injected failure", Assert.IsAssignableFrom<Amazon.DynamoDBv2.AmazonDynamoDBException>(exception.InnerException).Message);
            Assert.Equal(1, proxy.FaultCount);
        }
    }
}
