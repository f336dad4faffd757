using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;

/// <summary>Per test class: a table prefix of its own and the model's tables, created once.</summary>
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

    public UpdateContext CreateContext(bool sensitiveDataLogging = true) => new(Store.Options<UpdateContext>(sensitiveDataLogging: sensitiveDataLogging));

    public virtual async Task InitializeAsync()
    {
        _store = await UpdateTestStore.CreateAsync(GetType().DeclaringType?.Name ?? GetType().Name);
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        _store?.Dispose();
        return Task.CompletedTask;
    }
}
