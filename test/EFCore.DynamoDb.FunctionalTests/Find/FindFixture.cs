using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Find;

/// <summary>
///     The tables of <see cref="FindContext" />, created once for <see cref="FindAsyncTests" />, with items written by the raw SDK
///     (as another writer would), so a found entity proves the key the provider sent addressed the stored item.
/// </summary>
public sealed class FindFixture : IAsyncLifetime
{
    public static readonly DateTime ReadingTime = new(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

    public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix(nameof(FindAsyncTests));

    public TestLoggerFactory Logs { get; } = new();

    public async Task<FindContext> CreateContextAsync(Action<DbContextOptionsBuilder<FindContext>>? configure = null)
        => new(await DynamoDbTestEnvironment.CreateOptionsAsync(Prefix, Logs, configure));

    public async Task InitializeAsync()
    {
        await using (var context = await CreateContextAsync())
        {
            await context.Database.EnsureCreatedAsync();
        }

        using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
        await raw.PutItemAsync(new PutItemRequest
        {
            TableName = Prefix + "Posts",
            Item = new()
            {
                ["Board"] = new() { S = "general" },
                ["Slug"] = new() { S = "hello" },
                ["Title"] = new() { S = "Hello, world" },
                ["Author"] = new() { M = new() { ["Name"] = new() { S = "Ada" } } },
            },
        });
        await raw.PutItemAsync(new PutItemRequest
        {
            TableName = Prefix + "Posts",
            Item = new() { ["Board"] = new() { S = "general" }, ["Slug"] = new() { S = "second" }, ["Title"] = new() { S = "Second" } },
        });
        await raw.PutItemAsync(new PutItemRequest
        {
            TableName = Prefix + "Products",
            Item = new() { ["Sku"] = new() { S = "sku#A1" }, ["Name"] = new() { S = "Anvil" } },
        });
        await raw.PutItemAsync(new PutItemRequest
        {
            TableName = Prefix + "Readings",
            Item = new()
            {
                ["Sensor"] = new() { S = "s1" },
                ["At"] = new() { S = "2026-01-02T03:04:05.6780000Z" },
                ["Value"] = new() { N = "21.5" },
            },
        });
    }

    public async Task DisposeAsync()
    {
        await using var context = await CreateContextAsync();
        await context.Database.EnsureDeletedAsync();
    }
}
