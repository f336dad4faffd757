using Amazon.DynamoDBv2;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Orders;

namespace EFCore.DynamoDb.FunctionalTests.Samples;

/// <summary>
///     Runs the Orders sample's walkthrough once, as the program does, against the shared DynamoDB Local with a table prefix of
///     its own, and keeps what each step returned and sent; the walkthrough's steps stay callable for more checks.
/// </summary>
public class OrdersSampleFixture : IAsyncLifetime
{
    public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix("OrdersSample");

    public string Table => Prefix + OrdersContext.TableName;

    public RequestLog Log { get; } = new();

    public StringWriter Output { get; } = new();

    public DbContextOptions<OrdersContext> Options { get; private set; } = null!;

    public OrdersWalkthrough Walkthrough { get; private set; } = null!;

    public OrdersWalkthroughResult Result { get; private set; } = null!;

    public IAmazonDynamoDB RawClient { get; private set; } = null!;

    public OrdersContext CreateContext() => new(Options);

    public async Task InitializeAsync()
    {
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        Options = Log.Attach(new DbContextOptionsBuilder<OrdersContext>())
            .UseDynamoDb(url, o => o.TableNamePrefix(Prefix))
            .AllowManyServiceProviders()
            .Options;
        RawClient = await DynamoDbTestEnvironment.CreateRawClientAsync();
        Walkthrough = new OrdersWalkthrough(CreateContext, Log, Output);
        Result = await Walkthrough.RunAsync();
    }

    public async Task DisposeAsync()
    {
        await using var context = CreateContext();
        await context.Database.EnsureDeletedAsync();
        RawClient.Dispose();
    }
}
