using EFCore.DynamoDb.FunctionalTests.Conformance.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;

/// <summary>
///     One conformance class's view of the shared <see cref="ConformanceDatabase" />: contexts over its tables, with a logger of
///     the class's own, so that an assertion can clear and read what its queries sent while other classes run.
/// </summary>
public sealed class ConformanceFixture : IAsyncLifetime
{
    private ConformanceDatabase _database = null!;

    public string Prefix => _database.Prefix;

    public ConformanceData Data => _database.Data;

    public TestLoggerFactory Logs { get; } = new();

    public DbContextOptions<ConformanceContext> Options { get; private set; } = null!;

    public ConformanceContext CreateContext() => new(Options);

    public async Task InitializeAsync()
    {
        _database = await ConformanceDatabase.GetAsync();
        Options = await DynamoDbTestEnvironment.CreateOptionsAsync<ConformanceContext>(_database.Prefix, Logs);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
