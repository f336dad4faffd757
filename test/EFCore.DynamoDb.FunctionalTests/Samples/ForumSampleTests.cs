using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Forum;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EFCore.DynamoDb.FunctionalTests.Samples;

/// <summary>Runs the Forum sample's walkthrough end to end against DynamoDB Local, so the sample cannot rot.</summary>
public class ForumSampleTests
{
    [Fact]
    public async Task The_walkthrough_does_what_it_prints()
    {
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        var prefix = DynamoDbTestEnvironment.NewTablePrefix("Forum");
        var recorder = new RequestRecorder();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(recorder).SetMinimumLevel(LogLevel.Information))
            .AddDbContext<ForumContext>(options => options.UseDynamoDb(url, o => o.TableNamePrefix(prefix)).AllowManyServiceProviders())
            .BuildServiceProvider();
        var output = new StringWriter();

        var result = await new ForumWalkthrough(services, recorder, output).RunAsync();

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

        var table = prefix + "Thread";
        Assert.Contains($"CreateTable {table}", result.Operations);
        Assert.Contains($"TransactWriteItems {table}", result.Operations);
        Assert.Contains($"GetItem {table}", result.Operations);
        Assert.Contains($"Query {table} INDEX ByCategory", result.Operations);
        Assert.Contains($"Query {table} INDEX ByViews", result.Operations);
        Assert.Contains($"UpdateItem {table}", result.Operations);
        Assert.Contains($"DeleteItem {table}", result.Operations);
        Assert.Contains("DynamoDB: Query " + table + " INDEX ByCategory", output.ToString());

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ForumContext>().Database.EnsureDeletedAsync();
    }
}
