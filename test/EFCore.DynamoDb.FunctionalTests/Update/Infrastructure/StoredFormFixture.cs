using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.TestUtilities;

namespace EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;

/// <summary>The tables of <see cref="StoredFormContext" />, created once under a prefix of their own.</summary>
public class StoredFormFixture : IAsyncLifetime
{
    private UpdateTestStore? _store;

    public UpdateTestStore Store => _store ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The store, with its request recording reset: call once per test.</summary>
    public UpdateTestStore StartTest()
    {
        Store.Handler.Reset();
        return Store;
    }

    public StoredFormContext CreateContext() => new(Store.Options<StoredFormContext>());

    public async Task InitializeAsync()
    {
        _store = await UpdateTestStore.CreateAsync("StoredForm");
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        _store?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Every item of one partition, read with the raw SDK.</summary>
    public Task<List<Dictionary<string, AttributeValue>>> PartitionAsync(string table, string partitionKeyAttribute, string value)
        => Store.Raw.QueryPartitionAsync(Store.Table(table), partitionKeyAttribute, value);
}
