using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Update.Infrastructure.UpdateTestStore;

namespace EFCore.DynamoDb.FunctionalTests.Update;

/// <summary>
///     A single write whose response is lost reaches DynamoDB, the client sees a dropped connection, and EF's execution
///     strategy runs the save again: the retry must succeed without writing twice or reporting its own write as a conflict.
/// </summary>
[Collection(UpdateCollection.Name)]
public class RetryTests(UpdateFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private UpdateContext CreateContextWithoutSdkRetries(Amazon.DynamoDBv2.IAmazonDynamoDB client)
        => new(Store.Options<UpdateContext>(client));

    [Fact]
    public async Task Insert_whose_response_was_lost_is_retried_and_succeeds()
    {
        var client = Store.ClientWithoutSdkRetries;
        await using var context = CreateContextWithoutSdkRetries(client);
        var thread = new ForumThread { ForumName = "Retry", Subject = "insert", Title = "t", Views = 4 };
        context.Add(thread);
        Store.Handler.LoseResponses("PutItem");

        await context.SaveChangesAsync();

        Assert.Equal(2, Store.Handler.Count("PutItem"));
        Assert.Equal(EntityState.Unchanged, context.Entry(thread).State);
        Assert.Equal(1, thread.Version);
        var item = await Store.GetAsync("Thread", ("ForumName", S("Retry")), ("Subject", S("insert")));
        Assert.Equal("4", item!["Views"].N);
    }

    [Fact]
    public async Task Versioned_update_whose_response_was_lost_is_retried_and_applied_once()
    {
        await using (var setup = fixture.CreateContext())
        {
            setup.Add(new ForumThread { ForumName = "Retry", Subject = "update", Title = "t" });
            await setup.SaveChangesAsync();
        }

        var client = Store.ClientWithoutSdkRetries;
        await using var context = CreateContextWithoutSdkRetries(client);
        var thread = await RawEntities.AttachThreadAsync(context, Store, "Retry", "update");
        thread.Views++;
        Store.Handler.Reset();
        Store.Handler.LoseResponses("UpdateItem");

        await context.SaveChangesAsync();

        Assert.Equal(2, Store.Handler.Count("UpdateItem"));
        Assert.Equal(2, thread.Version);
        var item = await Store.GetAsync("Thread", ("ForumName", S("Retry")), ("Subject", S("update")));
        Assert.Equal("1", item!["Views"].N);
        Assert.Equal("2", item["Version"].N);
    }

    [Fact]
    public async Task Delete_whose_response_was_lost_is_retried_and_succeeds()
    {
        await using (var setup = fixture.CreateContext())
        {
            setup.Add(new ForumThread { ForumName = "Retry", Subject = "delete", Title = "t" });
            await setup.SaveChangesAsync();
        }

        var client = Store.ClientWithoutSdkRetries;
        await using var context = CreateContextWithoutSdkRetries(client);
        var thread = await RawEntities.AttachThreadAsync(context, Store, "Retry", "delete");
        context.Remove(thread);
        Store.Handler.Reset();
        Store.Handler.LoseResponses("DeleteItem");

        await context.SaveChangesAsync();

        Assert.Equal(2, Store.Handler.Count("DeleteItem"));
        Assert.Equal(EntityState.Detached, context.Entry(thread).State);
        Assert.Null(await Store.GetAsync("Thread", ("ForumName", S("Retry")), ("Subject", S("delete"))));
    }

    [Fact]
    public async Task A_failure_that_is_not_transient_is_not_retried()
    {
        await using var wrongPrefix = new UpdateContext(new DbContextOptionsBuilder<UpdateContext>()
            .UseDynamoDb(Store.Client, o => o.TableNamePrefix("NoSuchPrefix_"))
            .EnableSensitiveDataLogging()
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning))
            .Options);
        wrongPrefix.Add(new ForumThread { ForumName = "Retry", Subject = "missing table", Title = "t" });

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => wrongPrefix.SaveChangesAsync());

        Assert.Equal(1, Store.Handler.Count("PutItem"));
        Assert.IsType<Amazon.DynamoDBv2.Model.ResourceNotFoundException>(exception.InnerException);
        Assert.Contains("NoSuchPrefix_Thread", exception.Message);
        Assert.Contains("EnsureCreatedAsync", exception.Message);
    }
}
