using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;

/// <summary>The tables of <see cref="NestedContext" />, created once under a prefix of their own.</summary>
public class NestedFixture : IAsyncLifetime
{
    private UpdateTestStore? _store;

    public UpdateTestStore Store => _store ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The store, with its request recording reset: call once per test.</summary>
    public UpdateTestStore StartTest()
    {
        Store.Handler.Reset();
        return Store;
    }

    public NestedContext CreateContext() => new(Store.Options<NestedContext>());

    public async Task InitializeAsync()
    {
        _store = await UpdateTestStore.CreateAsync("Nested");
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
