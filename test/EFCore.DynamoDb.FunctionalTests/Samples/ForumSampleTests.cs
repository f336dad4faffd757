using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Forum;
using Forum.CompiledModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EFCore.DynamoDb.FunctionalTests.Samples;

/// <summary>
///     Runs the Forum sample's walkthrough end to end against DynamoDB Local, so the sample cannot rot: with the model built
///     by OnModelCreating, and with the compiled model `dotnet ef dbcontext optimize` generated into samples/Forum/CompiledModels.
/// </summary>
public class ForumSampleTests
{
    [Fact]
    public async Task The_walkthrough_does_what_it_prints()
    {
        var (result, output, table) = await RunWalkthroughAsync(compiledModel: false);

        Assert.True(result.Created);
        Assert.Equal("How do I create a table?", result.FoundSubject);
        Assert.Equal(["How do I create a table?", "How do I query an index?"], result.HowToSubjects);
        Assert.Equal(
            ["Amazon DynamoDB: How do I create a table?", "Amazon S3: How do I make a bucket?", "Amazon DynamoDB: How do I query an index?"],
            result.HelpThreadsInCategory);
        Assert.Equal([300, 120, 80, 45], result.ViewsDescending);
        Assert.Equal(5, result.PagedThreadCount);
        Assert.Equal(3, result.PageCount);
        Assert.True(result.ConflictCaught);
        Assert.Equal(2, result.FinalVersion);
        Assert.Equal(3, result.ThreadsAfterDelete);

        Assert.Contains($"CreateTable {table}", result.Operations);
        Assert.Contains($"TransactWriteItems {table}", result.Operations);
        Assert.Contains($"GetItem {table}", result.Operations);
        Assert.Contains($"Query {table} INDEX ByCategory", result.Operations);
        Assert.Contains($"Query {table} INDEX ByViews", result.Operations);
        Assert.Contains($"UpdateItem {table}", result.Operations);
        Assert.Contains($"DeleteItem {table}", result.Operations);
        Assert.Contains("DynamoDB: Query " + table + " INDEX ByCategory", output);
    }

    [Fact]
    public async Task The_compiled_model_runs_the_walkthrough_with_the_same_requests()
    {
        var (built, _, builtTable) = await RunWalkthroughAsync(compiledModel: false);
        var (compiled, output, compiledTable) = await RunWalkthroughAsync(compiledModel: true);

        // Same answers, and the same DynamoDB requests in the same order (the table names differ only by their prefix):
        // table creation with its indexes and throughput, key reads, index queries, optimistic locking, paging.
        Assert.Equal(built, compiled, WalkthroughResultComparer.Instance);
        Assert.Equal(
            built.Operations.Select(o => o.Replace(builtTable, "Thread", StringComparison.Ordinal)),
            compiled.Operations.Select(o => o.Replace(compiledTable, "Thread", StringComparison.Ordinal)));
        Assert.Contains("Query " + compiledTable + " INDEX ByViews", compiled.Operations);
        Assert.Contains("created", output);
    }

    [Fact]
    public async Task The_compiled_model_is_the_model()
    {
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        await using var compiled = new ForumContext(new DbContextOptionsBuilder<ForumContext>()
            .UseModel(ForumContextModel.Instance).UseDynamoDb(url).AllowManyServiceProviders().Options);
        await using var built = new ForumContext(new DbContextOptionsBuilder<ForumContext>()
            .UseDynamoDb(url).AllowManyServiceProviders().Options);

        Assert.IsType<ForumContextModel>(compiled.Model);
        Assert.IsNotType<ForumContextModel>(built.Model);
        var compiledThread = compiled.Model.FindEntityType(typeof(Forum.Thread))!;
        var builtThread = built.Model.FindEntityType(typeof(Forum.Thread))!;

        // Every provider annotation the runtime reads is in the compiled model, with the built model's value.
        Assert.Equal(builtThread.GetTableName(), compiledThread.GetTableName());
        Assert.Equal(builtThread.GetPartitionKeyProperty()!.Name, compiledThread.GetPartitionKeyProperty()!.Name);
        Assert.Equal(builtThread.GetSortKeyProperty()!.Name, compiledThread.GetSortKeyProperty()!.Name);
        Assert.Equal(builtThread.GetProvisionedThroughput(), compiledThread.GetProvisionedThroughput());
        Assert.NotNull(compiledThread.GetProvisionedThroughput());
        foreach (var index in builtThread.GetIndexes())
        {
            var other = compiledThread.FindIndex(index.Name!)!;
            Assert.Equal(index.IsLocalSecondaryIndex(), other.IsLocalSecondaryIndex());
            Assert.Equal(index.GetProjection(), other.GetProjection());
            Assert.Equal(index.Properties.Select(p => p.Name), other.Properties.Select(p => p.Name));
        }

        Assert.Equal(
            builtThread.GetProperties().Select(p => (p.Name, p.GetAttributeName())),
            compiledThread.GetProperties().Select(p => (p.Name, p.GetAttributeName())));
        Assert.Equal(
            built.Threads.Where(t => t.ForumName == "f" && t.Views > 3).ToQueryString(),
            compiled.Threads.Where(t => t.ForumName == "f" && t.Views > 3).ToQueryString());
    }

    private static async Task<(WalkthroughResult Result, string Output, string Table)> RunWalkthroughAsync(bool compiledModel)
    {
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(compiledModel ? "ForumCompiled" : "Forum");
        var recorder = new RequestRecorder();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(recorder).SetMinimumLevel(LogLevel.Information))
            .AddDbContext<ForumContext>(options =>
            {
                if (compiledModel)
                {
                    options.UseModel(ForumContextModel.Instance);
                }

                options.UseDynamoDb(url, o => o.TableNamePrefix(prefix)).AllowManyServiceProviders();
            })
            .BuildServiceProvider();
        var output = new StringWriter();

        var result = await new ForumWalkthrough(services, recorder, output).RunAsync();

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ForumContext>().Database.EnsureDeletedAsync();
        return (result, output.ToString(), prefix + "Thread");
    }

    /// <summary>Compares the walkthrough's answers by value (its lists are lists, not records).</summary>
    private sealed class WalkthroughResultComparer : IEqualityComparer<WalkthroughResult>
    {
        public static readonly WalkthroughResultComparer Instance = new();

        public bool Equals(WalkthroughResult? x, WalkthroughResult? y)
            => x is not null && y is not null
                && x.Created == y.Created && x.FoundSubject == y.FoundSubject
                && x.HowToSubjects.SequenceEqual(y.HowToSubjects) && x.HelpThreadsInCategory.SequenceEqual(y.HelpThreadsInCategory)
                && x.ViewsDescending.SequenceEqual(y.ViewsDescending) && x.PagedThreadCount == y.PagedThreadCount
                && x.PageCount == y.PageCount && x.ConflictCaught == y.ConflictCaught && x.FinalVersion == y.FinalVersion
                && x.ThreadsAfterDelete == y.ThreadsAfterDelete;

        public int GetHashCode(WalkthroughResult obj) => obj.FoundSubject.GetHashCode(StringComparison.Ordinal);
    }
}
