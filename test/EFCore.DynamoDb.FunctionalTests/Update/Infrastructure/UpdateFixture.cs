using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;

/// <summary>
///     The update tests' tables, created once under a prefix of their own. The update test classes share it and run one after
///     another (each test uses keys of its own): every distinct table prefix or client costs EF an internal service provider,
///     and a test process should not need many.
/// </summary>
public class UpdateFixture : IAsyncLifetime
{
    private UpdateTestStore? _store;

    public UpdateTestStore Store => _store ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The store, with its request recording and fault injection reset: call once per test.</summary>
    public UpdateTestStore StartTest()
    {
        Store.Handler.Reset();
        return Store;
    }

    public SharedTableContext CreateSharedContext() => new(Store.Options<SharedTableContext>());

    public UpdateContext CreateContext(bool sensitiveDataLogging = true) => new(Store.Options<UpdateContext>(sensitiveDataLogging: sensitiveDataLogging));

    public async Task InitializeAsync()
    {
        _store = await UpdateTestStore.CreateAsync("Update");
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
        await using var shared = CreateSharedContext();
        await shared.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        _store?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public class UpdateCollection : ICollectionFixture<UpdateFixture>
{
    public const string Name = "Update";
}
