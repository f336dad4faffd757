using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Update.Infrastructure.UpdateTestStore;

namespace EFCore.DynamoDb.FunctionalTests.Update;

/// <summary>Bad input fails before any request, with a message naming entity, property and value; nothing is written.</summary>
[Collection(UpdateCollection.Name)]
public class ValidationTests(UpdateFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private static ForumThread Valid(string subject) => new() { ForumName = "Valid", Subject = subject, Title = "ok" };

    /// <summary>Saves a valid thread together with the bad one, so that "nothing written" proves the save was not half-done.</summary>
    private async Task<TException> AssertRefusedAsync<TException>(UpdateContext context, string forum)
        where TException : Exception
    {
        var companion = Valid(forum + " companion");
        context.Add(companion);
        Store.Handler.Reset();

        var exception = await Assert.ThrowsAsync<TException>(() => context.SaveChangesAsync());

        Assert.Empty(Store.Handler.Operations);
        var items = await Store.ScanAsync("Thread");
        Assert.DoesNotContain(items, i => i["ForumName"].S == forum || i["Subject"].S == companion.Subject);
        return exception;
    }

    [Fact]
    public async Task Empty_partition_key_is_refused()
    {
        await using var context = fixture.CreateContext();
        var thread = new ForumThread { ForumName = "", Subject = "empty pk", Title = "t" };
        context.Add(thread);

        var exception = await AssertRefusedAsync<DbUpdateException>(context, "");

        Assert.Contains("'ForumThread' with key (ForumName='', Subject='empty pk')", exception.Message);
        Assert.Contains("partition key 'ForumName' is an empty string", exception.Message);
        Assert.Same(thread, Assert.Single(exception.Entries).Entity);
    }

    [Fact]
    public async Task Empty_sort_key_is_refused()
    {
        await using var context = fixture.CreateContext();
        context.Add(new ForumThread { ForumName = "EmptySk", Subject = "", Title = "t" });

        var exception = await AssertRefusedAsync<DbUpdateException>(context, "EmptySk");

        Assert.Contains("sort key 'Subject' is an empty string", exception.Message);
        Assert.Contains("ForumName='EmptySk'", exception.Message);
    }

    [Fact]
    public async Task NaN_is_refused_naming_entity_key_property_and_value()
    {
        await using var context = fixture.CreateContext();
        var thread = new ForumThread { ForumName = "Bad", Subject = "nan", Title = "t", Score = double.NaN };
        context.Add(thread);

        var exception = await AssertRefusedAsync<DbUpdateException>(context, "Bad");

        Assert.Equal(
            "Cannot save 'ForumThread' with key (ForumName='Bad', Subject='nan'): property 'Score' has the value NaN, which DynamoDB "
            + "cannot store: NaN cannot be stored in a DynamoDB number.",
            exception.Message);
        Assert.IsType<UnstorableValueException>(exception.InnerException);
        Assert.Same(thread, Assert.Single(exception.Entries).Entity);
    }

    [Fact]
    public async Task A_number_out_of_DynamoDB_range_is_refused()
    {
        await using var context = fixture.CreateContext();
        context.Add(new ForumThread { ForumName = "Range", Subject = "huge", Title = "t", Score = 1e200 });

        var exception = await AssertRefusedAsync<DbUpdateException>(context, "Range");

        Assert.Contains("property 'Score' has the value 1E+200", exception.Message);
        Assert.Contains("DynamoDB numbers range from 1E-130", exception.Message);
    }

    [Fact]
    public async Task An_unstorable_value_in_a_modified_entity_is_refused_too()
    {
        await using (var setup = fixture.CreateContext())
        {
            setup.Add(new ForumThread { ForumName = "Modified", Subject = "infinity", Title = "t" });
            await setup.SaveChangesAsync();
        }

        await using var context = fixture.CreateContext();
        var thread = await RawEntities.AttachThreadAsync(context, Store, "Modified", "infinity");
        thread.Score = double.PositiveInfinity;
        thread.Views = 5;
        Store.Handler.Reset();

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.Contains("property 'Score' has the value Infinity", exception.Message);
        Assert.Empty(Store.Handler.Operations);
        var item = await Store.GetAsync("Thread", ("ForumName", S("Modified")), ("Subject", S("infinity")));
        Assert.Equal("0", item!["Views"].N);
    }

    [Fact]
    public async Task A_required_property_that_is_null_is_refused()
    {
        await using var context = fixture.CreateContext();
        context.Add(new ForumThread { ForumName = "Required", Subject = "no title", Title = null! });

        var exception = await AssertRefusedAsync<DbUpdateException>(context, "Required");

        Assert.Contains("Cannot save 'ForumThread' with key (ForumName='Required', Subject='no title')", exception.Message);
        Assert.Contains("property 'Title' is required but its value is null", exception.Message);
    }

    [Fact]
    public async Task An_empty_string_in_an_index_key_is_refused()
    {
        await using var context = fixture.CreateContext();
        context.Add(new ForumThread { ForumName = "Index", Subject = "empty category", Title = "t", Category = "" });

        var exception = await AssertRefusedAsync<DbUpdateException>(context, "Index");

        Assert.Contains("property 'Category' is a key of the index 'ByCategory' and is an empty string", exception.Message);
    }

    [Fact]
    public async Task An_item_of_exactly_409600_bytes_is_stored_and_one_byte_more_is_refused()
    {
        // Document stores only strings: Id, Content and ETag, names and values in UTF-8.
        static string ContentFor(string id, string etag, int total)
            => new('x', total - "Id".Length - id.Length - "Content".Length - "ETag".Length - etag.Length);

        await using (var context = fixture.CreateContext())
        {
            context.Add(new Document { Id = "max", ETag = "e", Content = ContentFor("max", "e", 409_600) });
            await context.SaveChangesAsync();
        }

        Assert.NotNull(await Store.GetAsync("Document", ("Id", S("max"))));

        await using (var context = fixture.CreateContext())
        {
            var document = new Document { Id = "over", ETag = "e", Content = ContentFor("over", "e", 409_601) };
            context.Add(document);
            Store.Handler.Reset();

            var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

            Assert.Contains("'Document' with key (Id='over')", exception.Message);
            Assert.Contains("409,601 bytes", exception.Message);
            Assert.Contains("409,600 bytes", exception.Message);
            Assert.Contains("'Content'", exception.Message);
            Assert.Empty(Store.Handler.Operations);
        }

        Assert.Null(await Store.GetAsync("Document", ("Id", S("over"))));

        // Our count is DynamoDB's: DynamoDB Local refuses the same item.
        await Assert.ThrowsAsync<AmazonDynamoDBException>(() => Store.Raw.PutItemAsync(new PutItemRequest
        {
            TableName = Store.Table("Document"),
            Item = new() { ["Id"] = S("over"), ["ETag"] = S("e"), ["Content"] = S(ContentFor("over", "e", 409_601)) },
        }));
    }

    [Fact]
    public async Task A_transaction_over_4_MB_is_refused_before_sending()
    {
        await using var context = fixture.CreateContext();
        context.AddRange(Enumerable.Range(0, 11).Select(i => new Document { Id = $"big-{i}", ETag = "e", Content = new string('y', 400_000) }));
        Store.Handler.Reset();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());

        Assert.Contains("4 MB", exception.Message);
        Assert.Contains("AutoTransactionBehavior.Never", exception.Message);
        Assert.Empty(Store.Handler.Operations);
        Assert.DoesNotContain(await Store.ScanAsync("Document"), i => i["Id"].S.StartsWith("big-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_entities_stored_as_the_same_item_are_refused()
    {
        await using var context = fixture.CreateSharedContext();
        context.Add(new Tenant { Code = "acme", Name = "Acme" });
        context.Add(new TenantAlias { Code = "acme", Target = "other" });
        Store.Handler.Reset();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());

        Assert.Contains("'Tenant' with key (Code='acme')", exception.Message);
        Assert.Contains("'TenantAlias' with key (Code='acme')", exception.Message);
        Assert.Contains("same item", exception.Message);
        Assert.Empty(Store.Handler.Operations);
        Assert.DoesNotContain(await Store.ScanAsync("Shared"), i => i["Code"].S == "acme");
    }

    [Fact]
    public async Task Changing_a_key_that_EF_guards_is_refused_by_EF_and_nothing_is_written()
    {
        await using (var setup = fixture.CreateContext())
        {
            setup.Add(new ForumThread { ForumName = "Key", Subject = "before", Title = "t" });
            await setup.SaveChangesAsync();
        }

        await using var context = fixture.CreateContext();
        var thread = await RawEntities.AttachThreadAsync(context, Store, "Key", "before");
        thread.Subject = "after";
        Store.Handler.Reset();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());

        // EF refuses the change itself (keys are read-only once saved) before the provider sees it; the provider's own check
        // (naming the old and new value) only guards against keys EF would let through.
        Assert.Contains("'ForumThread.Subject' is part of a key", exception.Message);
        Assert.Empty(Store.Handler.Operations);
        Assert.NotNull(await Store.GetAsync("Thread", ("ForumName", S("Key")), ("Subject", S("before"))));
        Assert.Null(await Store.GetAsync("Thread", ("ForumName", S("Key")), ("Subject", S("after"))));
    }

    [Fact]
    public async Task Without_sensitive_data_logging_messages_hide_key_values()
    {
        await using var context = fixture.CreateContext(sensitiveDataLogging: false);
        context.Add(new ForumThread { ForumName = "SecretForum", Subject = "secret", Title = "t", Score = double.NaN });

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.DoesNotContain("SecretForum", exception.Message);
        Assert.Contains("'ForumThread' with key (ForumName, Subject; key values hidden", exception.Message);
        Assert.Contains("property 'Score' has a value", exception.Message);
    }
}
