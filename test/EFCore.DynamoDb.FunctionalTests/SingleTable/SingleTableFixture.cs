using Amazon.DynamoDBv2;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.SingleTable;

/// <summary>
///     One shared table of a single-table model, created once per test class under a prefix of its own and deleted after it;
///     each test writes its own partitions. The context's requests are logged in <see cref="Logs" />.
/// </summary>
public abstract class SingleTableFixture<TContext>(string tableName) : IAsyncLifetime
    where TContext : DbContext
{
    public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix(tableName);

    public TestLoggerFactory Logs { get; } = new();

    public DbContextOptions<TContext> Options { get; private set; } = null!;

    public IAmazonDynamoDB RawClient { get; private set; } = null!;

    public string Table => Prefix + tableName;

    public abstract TContext CreateContext();

    public async Task InitializeAsync()
    {
        Options = await DynamoDbTestEnvironment.CreateOptionsAsync<TContext>(Prefix, Logs);
        RawClient = await DynamoDbTestEnvironment.CreateRawClientAsync();
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
        Logs.Clear();
    }

    public async Task DisposeAsync()
    {
        await using var context = CreateContext();
        await context.Database.EnsureDeletedAsync();
        RawClient.Dispose();
    }
}
