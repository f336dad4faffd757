using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using static EFCore.DynamoDb.FunctionalTests.Update.Infrastructure.UpdateTestStore;

namespace EFCore.DynamoDb.FunctionalTests.Update;

[Collection(UpdateCollection.Name)]
public class ConcurrencyTests(UpdateFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private async Task InsertThreadAsync(string forum, string subject)
    {
        await using var context = fixture.CreateContext();
        context.Add(new ForumThread { ForumName = forum, Subject = subject, Title = "t" });
        await context.SaveChangesAsync();
    }

    [Fact]
    public async Task Second_of_two_contexts_editing_a_versioned_item_gets_a_concurrency_exception()
    {
        await InsertThreadAsync("Race", "two contexts");
        await using var first = fixture.CreateContext();
        await using var second = fixture.CreateContext();
        var mine = await RawEntities.AttachThreadAsync(first, Store, "Race", "two contexts");
        var theirs = await RawEntities.AttachThreadAsync(second, Store, "Race", "two contexts");

        mine.Views = 10;
        await first.SaveChangesAsync();
        theirs.Views = 20;
        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        Assert.Same(theirs, Assert.Single(exception.Entries).Entity);
        Assert.Contains("'Version' is 2 in the table, 1 was expected", exception.Message);
        Assert.Contains("Subject='two contexts'", exception.Message);
        Assert.Equal(2, mine.Version);
        Assert.Equal(1, theirs.Version);
        Assert.Equal(EntityState.Modified, second.Entry(theirs).State);
        var item = await Store.GetAsync("Thread", ("ForumName", S("Race")), ("Subject", S("two contexts")));
        Assert.Equal("2", item!["Version"].N);
        Assert.Equal("10", item["Views"].N);
    }

    [Fact]
    public async Task Saving_twice_in_one_context_uses_the_version_the_first_save_wrote()
    {
        await InsertThreadAsync("Race", "same context");
        await using var context = fixture.CreateContext();
        var thread = await RawEntities.AttachThreadAsync(context, Store, "Race", "same context");

        thread.Views = 1;
        await context.SaveChangesAsync();
        thread.Views = 2;
        await context.SaveChangesAsync();

        Assert.Equal(3, thread.Version);
        Assert.Equal(3, context.Entry(thread).Property(t => t.Version).OriginalValue);
        var item = await Store.GetAsync("Thread", ("ForumName", S("Race")), ("Subject", S("same context")));
        Assert.Equal("3", item!["Version"].N);
        Assert.Equal("2", item["Views"].N);
    }

    [Fact]
    public async Task Eight_workers_incrementing_a_versioned_counter_with_retry_end_with_exactly_200()
    {
        await InsertThreadAsync("Race", "counter");
        var conflicts = 0;

        async Task WorkerAsync()
        {
            for (var i = 0; i < 25; i++)
            {
                while (true)
                {
                    await using var context = fixture.CreateContext();
                    var thread = await RawEntities.AttachThreadAsync(context, Store, "Race", "counter");
                    thread.Views++;
                    try
                    {
                        await context.SaveChangesAsync();
                        break;
                    }
                    catch (DbUpdateConcurrencyException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(WorkerAsync)));

        var item = await Store.GetAsync("Thread", ("ForumName", S("Race")), ("Subject", S("counter")));
        Assert.Equal("200", item!["Views"].N);
        Assert.Equal("201", item["Version"].N);
    }

    [Fact]
    public async Task Deleting_with_a_stale_version_fails_and_keeps_the_item()
    {
        await InsertThreadAsync("Race", "stale delete");
        await using var reader = fixture.CreateContext();
        var stale = await RawEntities.AttachThreadAsync(reader, Store, "Race", "stale delete");
        await using (var writer = fixture.CreateContext())
        {
            var fresh = await RawEntities.AttachThreadAsync(writer, Store, "Race", "stale delete");
            fresh.Replies = 5;
            await writer.SaveChangesAsync();
        }

        reader.Remove(stale);
        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => reader.SaveChangesAsync());

        Assert.Contains("was not deleted", exception.Message);
        Assert.Same(stale, Assert.Single(exception.Entries).Entity);
        var item = await Store.GetAsync("Thread", ("ForumName", S("Race")), ("Subject", S("stale delete")));
        Assert.Equal("5", item!["Replies"].N);
    }

    [Fact]
    public async Task String_concurrency_token_is_checked_against_its_original_value()
    {
        await using (var context = fixture.CreateContext())
        {
            context.Add(new Document { Id = "doc-1", Content = "v1", ETag = "etag-1" });
            await context.SaveChangesAsync();
        }

        await using var first = fixture.CreateContext();
        await using var second = fixture.CreateContext();
        var mine = await RawEntities.AttachDocumentAsync(first, Store, "doc-1");
        var theirs = await RawEntities.AttachDocumentAsync(second, Store, "doc-1");

        mine.Content = "v2";
        mine.ETag = "etag-2";
        await first.SaveChangesAsync();

        theirs.Content = "conflicting";
        theirs.ETag = "etag-3";
        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        Assert.Contains("'ETag' is 'etag-2' in the table, 'etag-1' was expected", exception.Message);
        Assert.Same(theirs, Assert.Single(exception.Entries).Entity);
        var item = await Store.GetAsync("Document", ("Id", S("doc-1")));
        Assert.Equal("v2", item!["Content"].S);
        Assert.Equal("etag-2", item["ETag"].S);
    }

    [Fact]
    public async Task A_token_whose_original_value_was_absent_requires_the_attribute_to_be_absent()
    {
        await Store.PutRawAsync("Document", new() { ["Id"] = S("doc-no-etag"), ["Content"] = S("raw") });
        await using (var context = fixture.CreateContext())
        {
            var document = await RawEntities.AttachDocumentAsync(context, Store, "doc-no-etag");
            context.Entry(document).Property(d => d.ETag).OriginalValue = null!;
            document.ETag = "first";
            await context.SaveChangesAsync();
        }

        Assert.Equal("first", (await Store.GetAsync("Document", ("Id", S("doc-no-etag"))))!["ETag"].S);

        await using (var context = fixture.CreateContext())
        {
            var document = new Document { Id = "doc-no-etag", Content = "again", ETag = "second" };
            context.Attach(document);
            context.Entry(document).Property(d => d.ETag).OriginalValue = null!;
            context.Entry(document).Property(d => d.Content).IsModified = true;
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());
        }

        Assert.Equal("raw", (await Store.GetAsync("Document", ("Id", S("doc-no-etag"))))!["Content"].S);
    }

    [Fact]
    public async Task An_interceptor_can_suppress_a_concurrency_failure_as_in_EF()
    {
        await InsertThreadAsync("Race", "suppressed");
        var options = Store.Options<UpdateContext>(configure: b => b.AddInterceptors(new SuppressConcurrency()));
        await using var first = fixture.CreateContext();
        await using var second = new UpdateContext(options);
        var mine = await RawEntities.AttachThreadAsync(first, Store, "Race", "suppressed");
        var theirs = await RawEntities.AttachThreadAsync(second, Store, "Race", "suppressed");
        mine.Views = 1;
        await first.SaveChangesAsync();

        theirs.Views = 2;
        await second.SaveChangesAsync();

        Assert.Equal(EntityState.Unchanged, second.Entry(theirs).State);
        var item = await Store.GetAsync("Thread", ("ForumName", S("Race")), ("Subject", S("suppressed")));
        Assert.Equal("1", item!["Views"].N);
    }

    private sealed class SuppressConcurrency : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
            ConcurrencyExceptionEventData eventData,
            InterceptionResult result,
            CancellationToken cancellationToken = default)
            => ValueTask.FromResult(InterceptionResult.Suppress());
    }
}
