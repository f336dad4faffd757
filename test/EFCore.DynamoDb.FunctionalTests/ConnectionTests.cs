using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EFCore.DynamoDb.FunctionalTests;

public class ConnectionTests
{
    private sealed class EmptyContext(DbContextOptions<EmptyContext> options) : DbContext(options);

    [Fact]
    public async Task Service_url_overload_connects_to_DynamoDB_Local()
    {
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        await using var context = new EmptyContext(new DbContextOptionsBuilder<EmptyContext>().UseDynamoDb(url).AllowManyServiceProviders().Options);

        Assert.True(context.Database.IsDynamoDb());
        Assert.True(await context.Database.CanConnectAsync());
    }

    [Fact]
    public async Task Builder_overload_with_region_and_credentials_connects()
    {
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        var options = new DbContextOptionsBuilder<EmptyContext>()
            .UseDynamoDb(o => o.ServiceUrl(url).Region("eu-west-1").Credentials("someKey", "someSecret")
                .ConfigureClient(static c => c.Timeout = TimeSpan.FromSeconds(30)))
            .AllowManyServiceProviders()
            .Options;
        await using var context = new EmptyContext(options);

        Assert.True(await context.Database.CanConnectAsync());
        var config = (AmazonDynamoDBConfig)context.Database.GetDynamoDbClient().Config;
        Assert.Equal(TimeSpan.FromSeconds(30), config.Timeout);
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
    }

    [Fact]
    public async Task Client_overload_uses_the_given_client()
    {
        using var client = DynamoDbLocalServer.CreateClient(await DynamoDbTestEnvironment.GetServiceUrlAsync());
        await using var context = new EmptyContext(new DbContextOptionsBuilder<EmptyContext>().UseDynamoDb(client).AllowManyServiceProviders().Options);

        Assert.Same(client, context.Database.GetDynamoDbClient());
        Assert.True(await context.Database.CanConnectAsync());
    }

    [Fact]
    public async Task Contexts_with_the_same_options_share_one_client()
    {
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(Contexts_with_the_same_options_share_one_client));
        await using var first = new EmptyContext(
            new DbContextOptionsBuilder<EmptyContext>().UseDynamoDb(url, o => o.TableNamePrefix(prefix)).AllowManyServiceProviders().Options);
        await using var second = new EmptyContext(
            new DbContextOptionsBuilder<EmptyContext>().UseDynamoDb(url, o => o.TableNamePrefix(prefix)).AllowManyServiceProviders().Options);
        await using var otherPrefix = new EmptyContext(
            new DbContextOptionsBuilder<EmptyContext>().UseDynamoDb(url, o => o.TableNamePrefix(prefix + "x")).AllowManyServiceProviders().Options);
        await using var otherRegion = new EmptyContext(
            new DbContextOptionsBuilder<EmptyContext>().UseDynamoDb(url, o => o.TableNamePrefix(prefix).Region("eu-west-3"))
                .AllowManyServiceProviders().Options);

        Assert.Same(first.Database.GetDynamoDbClient(), second.Database.GetDynamoDbClient());
        // The table prefix is read per context: contexts of many tenants or environments share one client.
        Assert.Same(first.Database.GetDynamoDbClient(), otherPrefix.Database.GetDynamoDbClient());
        Assert.NotSame(first.Database.GetDynamoDbClient(), otherRegion.Database.GetDynamoDbClient());
    }

    [Fact]
    public async Task A_retry_policy_configured_per_context_instance_shares_the_client_and_is_used()
    {
        // OnConfiguring style: every context instance calls EnableRetryOnFailure again, making a new strategy delegate.
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        EmptyContext Create(int retries)
            => new(new DbContextOptionsBuilder<EmptyContext>()
                .UseDynamoDb(url, o => o.EnableRetryOnFailure(retries, TimeSpan.FromMilliseconds(5)))
                .AllowManyServiceProviders()
                .Options);

        await using var first = Create(3);
        await using var second = Create(3);
        await using var noRetries = Create(0);

        Assert.Same(first.Database.GetDynamoDbClient(), second.Database.GetDynamoDbClient());
        Assert.Same(first.Database.GetDynamoDbClient(), noRetries.Database.GetDynamoDbClient());
        Assert.True(first.Database.CreateExecutionStrategy().RetriesOnFailure);
        Assert.False(noRetries.Database.CreateExecutionStrategy().RetriesOnFailure);
    }

    [Fact]
    public async Task Nothing_listening_means_CanConnect_is_false_without_an_exception()
    {
        var port = FreePort();
        await using var context = new EmptyContext(
            new DbContextOptionsBuilder<EmptyContext>()
                .UseDynamoDb($"http://127.0.0.1:{port}", o => o.ConfigureClient(static c => c.MaxErrorRetry = 0))
                .AllowManyServiceProviders()
                .Options);

        Assert.False(await context.Database.CanConnectAsync());
    }

    [Fact]
    public async Task Synchronous_database_APIs_throw_naming_the_async_method()
    {
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        await using var context = new EmptyContext(new DbContextOptionsBuilder<EmptyContext>().UseDynamoDb(url).AllowManyServiceProviders().Options);

        Assert.Contains("CanConnectAsync", Assert.Throws<InvalidOperationException>(() => context.Database.CanConnect()).Message);
        Assert.Contains("EnsureCreatedAsync", Assert.Throws<InvalidOperationException>(() => context.Database.EnsureCreated()).Message);
    }

    [Fact]
    public async Task Empty_context_can_be_pooled_created_and_disposed()
    {
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        var services = new ServiceCollection()
            .AddDbContextPool<EmptyContext>(o => o.UseDynamoDb(url).AllowManyServiceProviders())
            .BuildServiceProvider(validateScopes: true);

        EmptyContext firstInstance;
        await using (var scope = services.CreateAsyncScope())
        {
            firstInstance = scope.ServiceProvider.GetRequiredService<EmptyContext>();
            Assert.True(await firstInstance.Database.CanConnectAsync());
            Assert.Empty(firstInstance.Model.GetEntityTypes());
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var secondInstance = scope.ServiceProvider.GetRequiredService<EmptyContext>();
            Assert.Same(firstInstance, secondInstance);
            Assert.True(await secondInstance.Database.CanConnectAsync());
        }

        await services.DisposeAsync();
    }

    [Fact]
    public async Task Explicit_transactions_are_refused_with_an_explanation()
    {
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        await using var context = new EmptyContext(new DbContextOptionsBuilder<EmptyContext>().UseDynamoDb(url).AllowManyServiceProviders().Options);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Database.BeginTransactionAsync());
        Assert.Contains("TransactWriteItems", exception.Message);
    }

    [Fact]
    public void Client_and_endpoint_options_together_are_refused()
    {
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("a", "b"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:1" });
        var options = new DbContextOptionsBuilder<EmptyContext>().UseDynamoDb(client, o => o.Region("eu-west-1")).AllowManyServiceProviders().Options;

        var exception = Assert.Throws<InvalidOperationException>(() => new EmptyContext(options).Model);
        Assert.Contains("IAmazonDynamoDB", exception.Message);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
