using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;

namespace EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;

/// <summary>
///     The type tests' tables, created once under a prefix of their own; the type test classes share them (each test uses keys
///     of its own) and the store's recording client, so a test can assert that a refused save sent nothing.
/// </summary>
public class TypesFixture : IAsyncLifetime
{
    private UpdateTestStore? _store;

    public UpdateTestStore Store => _store ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The store, with its request recording reset: call once per test.</summary>
    public UpdateTestStore StartTest()
    {
        Store.Handler.Reset();
        return Store;
    }

    public TypesContext CreateContext(bool sensitiveDataLogging = true)
        => new(Store.Options<TypesContext>(sensitiveDataLogging: sensitiveDataLogging));

    public async Task InitializeAsync()
    {
        _store = await UpdateTestStore.CreateAsync("Types");
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        _store?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<Dictionary<string, AttributeValue>> GetItemAsync(string table, params (string Name, AttributeValue Value)[] key)
        => await Store.GetAsync(table, key) ?? throw new InvalidOperationException($"No item in {table}.");
}

[CollectionDefinition(Name)]
public class TypesCollection : ICollectionFixture<TypesFixture>
{
    public const string Name = "Types";
}
