using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Update.Infrastructure.UpdateTestStore;

namespace EFCore.DynamoDb.FunctionalTests.Update;

[Collection(UpdateCollection.Name)]
public class BasicWriteTests(UpdateFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private static ForumThread NewThread(string forum, string subject)
        => new()
        {
            ForumName = forum,
            Subject = subject,
            Views = 3,
            Replies = 1,
            Tags = ["dynamodb", "ef"],
            LastPostDateTime = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc),
            Title = "Hello",
        };

    [Fact]
    public async Task Added_entity_is_stored_in_the_item_format_with_row_version_1()
    {
        await using var context = fixture.CreateContext();
        var thread = NewThread("Added", "format");
        context.Add(thread);

        Assert.Equal(1, await context.SaveChangesAsync());

        var item = await Store.GetAsync("Thread", ("ForumName", S("Added")), ("Subject", S("format")));
        Assert.NotNull(item);
        Assert.Equal("3", item["Views"].N);
        Assert.Equal("1", item["Replies"].N);
        Assert.Equal(["dynamodb", "ef"], item["Tags"].SS.Order());
        Assert.Equal("Hello", item["Title"].S);
        Assert.Equal("1", item["Version"].N);
        Assert.False(item.ContainsKey("Body"));
        Assert.False(item.ContainsKey("Category"));
        Assert.Equal(1, thread.Version);
        Assert.Equal(EntityState.Unchanged, context.Entry(thread).State);
        Assert.Equal(["PutItem"], Store.Handler.Operations.Where(o => o != "DescribeTable").TakeLast(1));
    }

    [Fact]
    public async Task Partial_update_keeps_an_attribute_the_model_does_not_map()
    {
        await Store.PutRawAsync("Thread", new()
        {
            ["ForumName"] = S("Partial"),
            ["Subject"] = S("unmapped"),
            ["Views"] = N(10),
            ["Replies"] = N(2),
            ["Title"] = S("Raw"),
            ["Version"] = N(4),
            ["WrittenByAnotherTool"] = S("keep me"),
        });

        await using var context = fixture.CreateContext();
        var thread = await RawEntities.AttachThreadAsync(context, Store, "Partial", "unmapped");
        thread.Views = 11;
        thread.Tags.Add("new-tag");
        Store.Handler.Reset();
        await context.SaveChangesAsync();

        Assert.Equal(["UpdateItem"], Store.Handler.Operations);
        var item = await Store.GetAsync("Thread", ("ForumName", S("Partial")), ("Subject", S("unmapped")));
        Assert.Equal("keep me", item!["WrittenByAnotherTool"].S);
        Assert.Equal("11", item["Views"].N);
        Assert.Equal(["new-tag"], item["Tags"].SS);
        Assert.Equal("2", item["Replies"].N);
        Assert.Equal("Raw", item["Title"].S);
        Assert.Equal("5", item["Version"].N);
        Assert.Equal(5, thread.Version);
        Assert.Equal(EntityState.Unchanged, context.Entry(thread).State);
    }

    [Fact]
    public async Task Setting_a_property_to_null_or_an_empty_set_removes_its_attribute()
    {
        await using (var context = fixture.CreateContext())
        {
            var thread = NewThread("Remove", "attrs");
            thread.Body = "some body";
            context.Add(thread);
            await context.SaveChangesAsync();
        }

        await using (var context = fixture.CreateContext())
        {
            var thread = await RawEntities.AttachThreadAsync(context, Store, "Remove", "attrs");
            thread.Body = null;
            thread.Tags.Clear();
            thread.LastPostDateTime = null;
            await context.SaveChangesAsync();
        }

        var item = await Store.GetAsync("Thread", ("ForumName", S("Remove")), ("Subject", S("attrs")));
        Assert.NotNull(item);
        Assert.False(item.ContainsKey("Body"));
        Assert.False(item.ContainsKey("Tags"));
        Assert.False(item.ContainsKey("LastPostDateTime"));
        Assert.Equal("Hello", item["Title"].S);
        Assert.Equal("2", item["Version"].N);
    }

    [Fact]
    public async Task Duplicate_insert_fails_naming_the_entry_and_changes_nothing()
    {
        await using (var context = fixture.CreateContext())
        {
            context.Add(NewThread("Dup", "same key"));
            await context.SaveChangesAsync();
        }

        await using (var context = fixture.CreateContext())
        {
            var duplicate = NewThread("Dup", "same key");
            duplicate.Views = 999;
            duplicate.Title = "Overwrite attempt";
            context.Add(duplicate);

            var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

            Assert.IsNotType<DbUpdateConcurrencyException>(exception);
            Assert.Contains("already exists", exception.Message);
            Assert.Contains("ForumName='Dup'", exception.Message);
            Assert.Contains("Subject='same key'", exception.Message);
            Assert.Contains(Store.Table("Thread"), exception.Message);
            Assert.Same(duplicate, Assert.Single(exception.Entries).Entity);
            Assert.IsType<ConditionalCheckFailedException>(exception.InnerException);
            Assert.Equal(EntityState.Added, context.Entry(duplicate).State);
        }

        var item = await Store.GetAsync("Thread", ("ForumName", S("Dup")), ("Subject", S("same key")));
        Assert.Equal("3", item!["Views"].N);
        Assert.Equal("Hello", item["Title"].S);
    }

    [Fact]
    public async Task Deleted_entity_deletes_the_item()
    {
        await using (var context = fixture.CreateContext())
        {
            context.Add(NewThread("Delete", "me"));
            await context.SaveChangesAsync();
        }

        await using (var context = fixture.CreateContext())
        {
            var thread = await RawEntities.AttachThreadAsync(context, Store, "Delete", "me");
            context.Remove(thread);
            Assert.Equal(1, await context.SaveChangesAsync());
            Assert.Equal(EntityState.Detached, context.Entry(thread).State);
        }

        Assert.Null(await Store.GetAsync("Thread", ("ForumName", S("Delete")), ("Subject", S("me"))));
    }

    [Fact]
    public async Task Deleting_an_item_that_no_longer_exists_is_a_concurrency_failure()
    {
        await using var context = fixture.CreateContext();
        var ghost = NewThread("Delete", "ghost");
        ghost.Version = 1;
        context.Attach(ghost);
        context.Remove(ghost);

        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

        Assert.Contains("does not exist", exception.Message);
        Assert.Contains("Subject='ghost'", exception.Message);
        Assert.Same(ghost, Assert.Single(exception.Entries).Entity);
        Assert.Equal(EntityState.Deleted, context.Entry(ghost).State);
    }

    [Fact]
    public async Task Updating_an_item_that_no_longer_exists_is_a_concurrency_failure_and_does_not_create_it()
    {
        await using var context = fixture.CreateContext();
        var ghost = NewThread("Update", "ghost");
        ghost.Version = 1;
        context.Attach(ghost);
        ghost.Views = 42;

        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

        Assert.Contains("does not exist", exception.Message);
        Assert.Same(ghost, Assert.Single(exception.Entries).Entity);
        Assert.Null(await Store.GetAsync("Thread", ("ForumName", S("Update")), ("Subject", S("ghost"))));
        Assert.Equal(1, ghost.Version);
    }

    [Fact]
    public async Task A_save_with_no_changes_sends_nothing()
    {
        await using var context = fixture.CreateContext();
        Store.Handler.Reset();
        Assert.Equal(0, await context.SaveChangesAsync());
        Assert.Empty(Store.Handler.Operations);
    }

    [Fact]
    public async Task Synchronous_SaveChanges_throws_naming_SaveChangesAsync_and_writes_nothing()
    {
        await using var context = fixture.CreateContext();
        context.Add(NewThread("Sync", "never"));

        var exception = Assert.Throws<InvalidOperationException>(() => context.SaveChanges());

        Assert.Contains("SaveChangesAsync", exception.Message);
        Assert.Null(await Store.GetAsync("Thread", ("ForumName", S("Sync")), ("Subject", S("never"))));
    }

    [Fact]
    public async Task Touching_a_versioned_entity_bumps_its_version()
    {
        await using (var context = fixture.CreateContext())
        {
            context.Add(NewThread("Touch", "me"));
            await context.SaveChangesAsync();
        }

        await using (var context = fixture.CreateContext())
        {
            var thread = await RawEntities.AttachThreadAsync(context, Store, "Touch", "me");
            context.Entry(thread).State = EntityState.Modified;
            await context.SaveChangesAsync();
            Assert.Equal(2, thread.Version);
        }

        var item = await Store.GetAsync("Thread", ("ForumName", S("Touch")), ("Subject", S("me")));
        Assert.Equal("2", item!["Version"].N);
    }

    [Fact]
    public async Task Deleting_and_adding_the_same_key_in_one_save_replaces_the_item()
    {
        await Store.PutRawAsync("Thread", new()
        {
            ["ForumName"] = S("Replace"),
            ["Subject"] = S("me"),
            ["Title"] = S("old"),
            ["Views"] = N(5),
            ["Replies"] = N(0),
            ["Version"] = N(3),
            ["Unmapped"] = S("dropped with the old entity"),
        });

        await using var context = fixture.CreateContext();
        var old = await RawEntities.AttachThreadAsync(context, Store, "Replace", "me");
        context.Remove(old);
        var replacement = NewThread("Replace", "me");
        replacement.Title = "new";
        context.Add(replacement);
        Store.Handler.Reset();

        // EF hands over one entry (the added one, sharing its identity with the deleted one): one PutItem replaces the item.
        Assert.Equal(1, await context.SaveChangesAsync());

        Assert.Equal(["PutItem"], Store.Handler.Operations);
        Assert.Equal(EntityState.Detached, context.Entry(old).State);
        Assert.Equal(EntityState.Unchanged, context.Entry(replacement).State);
        var item = await Store.GetAsync("Thread", ("ForumName", S("Replace")), ("Subject", S("me")));
        Assert.Equal("new", item!["Title"].S);
        Assert.False(item.ContainsKey("Unmapped"));
        Assert.Equal("4", item["Version"].N);
        Assert.Equal(4, replacement.Version);
    }

    [Fact]
    public async Task Types_sharing_a_table_store_their_discriminator()
    {
        await using var context = fixture.CreateSharedContext();
        context.Add(new Tenant { Code = "disc-tenant", Name = "n" });
        context.Add(new TenantAlias { Code = "disc-alias", Target = "t" });
        await context.SaveChangesAsync();

        var items = await Store.ScanAsync("Shared");
        Assert.Equal("Tenant", items.Single(i => i["Code"].S == "disc-tenant")["Discriminator"].S);
        Assert.Equal("TenantAlias", items.Single(i => i["Code"].S == "disc-alias")["Discriminator"].S);
    }
}
