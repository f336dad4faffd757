using System.Globalization;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Update.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using static EFCore.DynamoDb.FunctionalTests.Update.Infrastructure.UpdateTestStore;

namespace EFCore.DynamoDb.FunctionalTests.Update;

/// <summary>
///     Items other tools wrote hold their keys and concurrency tokens in those tools' text forms (DynamoDBContext's millisecond
///     date-times, offsets, upper-case Guids, short time spans), which read into the same CLR values as the provider's own
///     forms. A key read from an item must address that same item: updating or deleting the entity read writes the item it
///     came from (never a second item with the canonical key), and a token is compared with the value as stored, so only a
///     real change by another writer is a conflict.
/// </summary>
public class StoredFormTests(StoredFormFixture fixture) : IClassFixture<StoredFormFixture>
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private static readonly DateTime EventTime = new DateTime(2026, 11, 28, 16, 28, 34, DateTimeKind.Utc).AddMilliseconds(252);

    private static Dictionary<string, AttributeValue> EventItem(string stream, string at, string name)
        => new()
        {
            ["Stream"] = S(stream),
            ["Sk"] = S(at),
            ["Name"] = S(name),
            ["Discriminator"] = S("StreamEvent"),
            ["Extra"] = S("not mapped"),
        };

    private Task<List<Dictionary<string, AttributeValue>>> StreamAsync(string stream) => fixture.PartitionAsync("Streams", "Stream", stream);

    private IEnumerable<string> Writes => Store.Handler.Operations.Where(o => o is not ("DescribeTable" or "Query" or "GetItem" or "Scan"));

    [Theory]
    [InlineData("2026-11-28T16:28:34.252Z")] // DynamoDBContext, JavaScript's toISOString
    [InlineData("2026-11-28T16:28:34.252+00:00")] // Python's isoformat of an aware UTC datetime
    [InlineData("2026-11-28T17:28:34.252+01:00")] // a local time with its offset
    [InlineData("2026-11-28T16:28:34.2520000Z")] // the provider's own form
    public async Task An_event_read_from_an_item_updates_that_item_whatever_the_text_of_its_DateTime_sort_key(string at)
    {
        var stream = "update " + at;
        await Store.PutRawAsync("Streams", EventItem(stream, at, "before"));

        await using var context = fixture.CreateContext();
        var read = Assert.Single(await context.Events.Where(e => e.Stream == stream).ToListAsync());
        Assert.Equal(EventTime, read.At);
        read.Name = "after";
        await context.SaveChangesAsync();

        var item = Assert.Single(await StreamAsync(stream));
        Assert.Equal(at, item["Sk"].S);
        Assert.Equal("after", item["Name"].S);
        Assert.Equal("not mapped", item["Extra"].S);
        Assert.Equal(EntityState.Unchanged, context.Entry(read).State);

        // A second save in the same context still addresses the item read.
        read.Name = "again";
        await context.SaveChangesAsync();
        Assert.Equal("again", Assert.Single(await StreamAsync(stream))["Name"].S);
    }

    [Theory]
    [InlineData("2026-11-28T16:28:34.252Z")]
    [InlineData("2026-11-28T16:28:34.252+00:00")]
    public async Task An_event_read_from_an_item_deletes_that_item(string at)
    {
        var stream = "delete " + at;
        await Store.PutRawAsync("Streams", EventItem(stream, at, "doomed"));

        await using var context = fixture.CreateContext();
        var read = Assert.Single(await context.Events.Where(e => e.Stream == stream).ToListAsync());
        context.Remove(read);
        await context.SaveChangesAsync();

        Assert.Empty(await StreamAsync(stream));
        Assert.Empty(context.ChangeTracker.Entries());
    }

    [Fact]
    public async Task An_entity_read_with_an_upper_case_Guid_sort_key_updates_and_deletes_that_item()
    {
        var id = Guid.NewGuid();
        var owner = "guid " + id;
        await Store.PutRawAsync("Passes", new() { ["Owner"] = S(owner), ["Id"] = S(id.ToString("D").ToUpperInvariant()), ["Label"] = S("a") });

        await using var context = fixture.CreateContext();
        var badge = Assert.Single(await context.Passes.Where(b => b.Owner == owner).ToListAsync());
        Assert.Equal(id, badge.Id);
        badge.Label = "b";
        await context.SaveChangesAsync();

        var item = Assert.Single(await fixture.PartitionAsync("Passes", "Owner", owner));
        Assert.Equal(id.ToString("D").ToUpperInvariant(), item["Id"].S);
        Assert.Equal("b", item["Label"].S);

        context.Remove(badge);
        await context.SaveChangesAsync();
        Assert.Empty(await fixture.PartitionAsync("Passes", "Owner", owner));
    }

    [Fact]
    public async Task Deletes_without_a_transaction_go_to_the_items_read()
    {
        var owner = "batch " + Guid.NewGuid();
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        foreach (var id in ids)
        {
            await Store.PutRawAsync("Passes", new() { ["Owner"] = S(owner), ["Id"] = S(id.ToString("D").ToUpperInvariant()), ["Label"] = S("x") });
        }

        await using var context = fixture.CreateContext();
        context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        context.RemoveRange(await context.Passes.Where(b => b.Owner == owner).ToListAsync());
        Store.Handler.Reset();
        await context.SaveChangesAsync();

        Assert.Equal(["BatchWriteItem"], Writes);
        Assert.Empty(await fixture.PartitionAsync("Passes", "Owner", owner));
    }

    [Fact]
    public async Task Updates_in_one_transaction_go_to_the_items_read()
    {
        const string stream = "transaction";
        await Store.PutRawAsync("Streams", EventItem(stream, "2026-11-28T16:28:34.252Z", "first"));
        await Store.PutRawAsync("Streams", EventItem(stream, "2026-11-28T16:28:35Z", "second"));

        await using var context = fixture.CreateContext();
        var events = await context.Events.Where(e => e.Stream == stream).ToListAsync();
        Assert.Equal(2, events.Count);
        events.ForEach(e => e.Name += "!");
        Store.Handler.Reset();
        await context.SaveChangesAsync();

        Assert.Equal(["TransactWriteItems"], Writes);
        var items = await StreamAsync(stream);
        Assert.Equal(["2026-11-28T16:28:34.252Z", "2026-11-28T16:28:35Z"], items.Select(i => i["Sk"].S));
        Assert.Equal(["first!", "second!"], items.Select(i => i["Name"].S));
    }

    [Fact]
    public async Task Deleting_and_adding_the_same_key_in_one_save_replaces_the_item_read()
    {
        const string stream = "replace";
        const string at = "2026-11-28T16:28:34.252Z";
        await Store.PutRawAsync("Streams", EventItem(stream, at, "old"));

        await using var context = fixture.CreateContext();
        var read = Assert.Single(await context.Events.Where(e => e.Stream == stream).ToListAsync());
        context.Remove(read);
        var replacement = new StreamEvent { Stream = stream, At = EventTime, Name = "new" };
        context.Add(replacement);
        await context.SaveChangesAsync();

        var item = Assert.Single(await StreamAsync(stream));
        Assert.Equal(at, item["Sk"].S);
        Assert.Equal("new", item["Name"].S);
        Assert.False(item.ContainsKey("Extra"));

        // The replacement now lives in the item read: changing it updates that item.
        replacement.Name = "newer";
        await context.SaveChangesAsync();
        Assert.Equal("newer", Assert.Single(await StreamAsync(stream))["Name"].S);
    }

    /// <summary>A shift another tool wrote: its DateTimeOffset sort key with an offset, its TimeSpan token as "hh:mm:ss".</summary>
    private Task PutForeignShiftAsync(string site)
        => Store.PutRawAsync("Shifts", new()
        {
            ["Site"] = S(site),
            ["Start"] = S("2026-11-28T18:00:00+02:00"),
            ["Crew"] = S("a"),
            ["Length"] = S("08:30:00"),
        });

    [Fact]
    public async Task A_DateTimeOffset_sort_key_and_a_TimeSpan_token_in_other_forms_are_matched_as_stored()
    {
        const string site = "offsets";
        await PutForeignShiftAsync(site);

        await using var context = fixture.CreateContext();
        var shift = Assert.Single(await context.Shifts.Where(s => s.Site == site).ToListAsync());
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 16, 0, 0, TimeSpan.Zero), shift.Start);
        Assert.Equal(TimeSpan.FromHours(8.5), shift.Length);
        shift.Crew = "b";
        await context.SaveChangesAsync();

        var item = Assert.Single(await fixture.PartitionAsync("Shifts", "Site", site));
        Assert.Equal("2026-11-28T18:00:00+02:00", item["Start"].S);
        Assert.Equal("08:30:00", item["Length"].S);
        Assert.Equal("b", item["Crew"].S);

        // The token changed by this context is written in the provider's form and checked in that form from then on.
        shift.Length = TimeSpan.FromHours(9);
        await context.SaveChangesAsync();
        shift.Crew = "c";
        await context.SaveChangesAsync();
        item = Assert.Single(await fixture.PartitionAsync("Shifts", "Site", site));
        Assert.Equal("c", item["Crew"].S);
        await using (var fresh = fixture.CreateContext())
        {
            Assert.Equal(TimeSpan.FromHours(9), (await fresh.Shifts.SingleAsync(s => s.Site == site)).Length);
        }

        context.Remove(shift);
        await context.SaveChangesAsync();
        Assert.Empty(await fixture.PartitionAsync("Shifts", "Site", site));
    }

    [Fact]
    public async Task A_token_another_writer_really_changed_is_still_a_conflict()
    {
        const string site = "conflict";
        await PutForeignShiftAsync(site);

        await using var context = fixture.CreateContext();
        var shift = Assert.Single(await context.Shifts.Where(s => s.Site == site).ToListAsync());
        await Store.Raw.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Store.Table("Shifts"),
            Key = new() { ["Site"] = S(site), ["Start"] = S("2026-11-28T18:00:00+02:00") },
            UpdateExpression = "SET #l = :l",
            ExpressionAttributeNames = new() { ["#l"] = "Length" },
            ExpressionAttributeValues = new() { [":l"] = S("08:45:00") },
        });

        shift.Crew = "mine";
        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

        Assert.Same(shift, Assert.Single(exception.Entries).Entity);
        Assert.Contains("'Length' is 08:45:00 in the table, 08:30:00 was expected", exception.Message);
        var item = Assert.Single(await fixture.PartitionAsync("Shifts", "Site", site));
        Assert.Equal("a", item["Crew"].S);
    }

    [Fact]
    public async Task DateTime_and_Guid_tokens_in_other_forms_are_compared_as_stored_and_a_real_change_is_a_conflict()
    {
        var tag = Guid.NewGuid();
        await Store.PutRawAsync("Ledgers", new()
        {
            ["Id"] = S("tokens"),
            ["Memo"] = S("a"),
            ["Stamp"] = S("2026-11-28T16:28:34.252Z"),
            ["Tag"] = S(tag.ToString("D").ToUpperInvariant()),
            ["Version"] = N(1),
        });

        await using (var context = fixture.CreateContext())
        {
            var ledger = await context.Ledgers.SingleAsync(l => l.Id == "tokens");
            Assert.Equal(EventTime, ledger.Stamp);
            ledger.Memo = "b";
            await context.SaveChangesAsync();
            Assert.Equal(2, ledger.Version);
        }

        var item = (await Store.GetAsync("Ledgers", ("Id", S("tokens"))))!;
        Assert.Equal("b", item["Memo"].S);
        Assert.Equal("2026-11-28T16:28:34.252Z", item["Stamp"].S);
        Assert.Equal(tag.ToString("D").ToUpperInvariant(), item["Tag"].S);

        await using (var context = fixture.CreateContext())
        {
            var ledger = await context.Ledgers.SingleAsync(l => l.Id == "tokens");
            await Store.Raw.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = Store.Table("Ledgers"),
                Key = new() { ["Id"] = S("tokens") },
                UpdateExpression = "SET Stamp = :s",
                ExpressionAttributeValues = new() { [":s"] = S("2026-11-28T16:28:35.000Z") },
            });
            ledger.Memo = "c";
            var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());
            Assert.Contains("'Stamp' is 2026-11-28T16:28:35.0000000Z in the table", exception.Message);
        }

        Assert.Equal("b", (await Store.GetAsync("Ledgers", ("Id", S("tokens"))))!["Memo"].S);
    }

    [Fact]
    public async Task Two_types_sharing_a_table_are_one_item_when_their_stored_keys_are_the_same_text()
    {
        const string stream = "one item";
        const string at = "2026-11-28T16:28:34.252Z";
        await Store.PutRawAsync("Streams", EventItem(stream, at, "event"));

        await using var context = fixture.CreateContext();
        var read = Assert.Single(await context.Events.Where(e => e.Stream == stream).ToListAsync());
        read.Name = "changed";
        context.Add(new StreamNote { Stream = stream, Sk = at, Text = "same item" });
        Store.Handler.Reset();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());

        Assert.Contains("both are stored as the same item", exception.Message);
        Assert.Empty(Writes);
        Assert.Equal("event", Assert.Single(await StreamAsync(stream))["Name"].S);
    }

    [Fact]
    public async Task Two_types_sharing_a_table_are_two_items_when_only_their_CLR_keys_are_equal()
    {
        const string stream = "two items";
        const string at = "2026-11-28T16:28:34.252Z";
        await Store.PutRawAsync("Streams", EventItem(stream, at, "event"));

        await using var context = fixture.CreateContext();
        var read = Assert.Single(await context.Events.Where(e => e.Stream == stream).ToListAsync());
        read.Name = "changed";
        context.Add(new StreamNote { Stream = stream, Sk = "2026-11-28T16:28:34.2520000Z", Text = "another item" });
        await context.SaveChangesAsync();

        var items = (await StreamAsync(stream)).ToDictionary(i => i["Sk"].S);
        Assert.Equal(["2026-11-28T16:28:34.2520000Z", at], items.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("changed", items[at]["Name"].S);
        Assert.Equal("another item", items["2026-11-28T16:28:34.2520000Z"]["Text"].S);
    }

    [Fact]
    public async Task The_item_size_limit_counts_the_key_as_the_item_holds_it()
    {
        const string site = "size";
        const string start = "2026-11-28T18:00:00+02:00";
        await using var context = fixture.CreateContext();
        var entityType = context.Model.FindEntityType(typeof(Shift))!;
        string Canonical(string property, object value)
            => ((DynamoDbTypeMapping)entityType.FindProperty(property)!.GetTypeMapping()).ToAttributeValue(value)!.S;

        // The update writes every attribute, so its size is the item's: exactly DynamoDB's limit with the key as stored, over it
        // with the key in the provider's (longer) form.
        var length = Canonical(nameof(Shift.Length), TimeSpan.FromHours(9));
        var others = "Site".Length + site.Length + "Start".Length + start.Length + "Crew".Length + "Length".Length + length.Length;
        var crew = 409_600 - others;
        Assert.True(Canonical(nameof(Shift.Start), DateTimeOffset.Parse(start, CultureInfo.InvariantCulture)).Length > start.Length);
        await Store.PutRawAsync("Shifts", new()
        {
            ["Site"] = S(site), ["Start"] = S(start), ["Crew"] = S(new string('a', crew)), ["Length"] = S("08:30:00"),
        });

        var shift = Assert.Single(await context.Shifts.Where(s => s.Site == site).ToListAsync());
        shift.Crew = new string('b', crew);
        shift.Length = TimeSpan.FromHours(9);
        await context.SaveChangesAsync();

        var item = Assert.Single(await fixture.PartitionAsync("Shifts", "Site", site));
        Assert.Equal(start, item["Start"].S);
        Assert.Equal('b', item["Crew"].S[0]);
        Assert.Equal(length, item["Length"].S);

        // One byte more is over the limit, and refused before anything is sent.
        shift.Crew = new string('c', crew + 1);
        shift.Length = TimeSpan.FromHours(10);
        Store.Handler.Reset();
        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        Assert.Contains("over DynamoDB's item size limit", exception.Message);
        Assert.Empty(Writes);
    }

    [Fact]
    public async Task Replacing_an_entity_read_checks_the_tokens_of_the_item_read_as_stored()
    {
        await Store.PutRawAsync("Ledgers", new()
        {
            ["Id"] = S("replaced"),
            ["Memo"] = S("old"),
            ["Stamp"] = S("2026-11-28T16:28:34.252Z"),
            ["Tag"] = S(Guid.NewGuid().ToString("D").ToUpperInvariant()),
            ["Version"] = N(5),
            ["Extra"] = S("dropped by the replacement"),
        });

        await using var context = fixture.CreateContext();
        var read = await context.Ledgers.SingleAsync(l => l.Id == "replaced");
        context.Remove(read);
        var replacement = new Ledger { Id = "replaced", Memo = "new", Stamp = EventTime, Tag = Guid.NewGuid() };
        context.Add(replacement);
        await context.SaveChangesAsync();

        var item = (await Store.GetAsync("Ledgers", ("Id", S("replaced"))))!;
        Assert.Equal("new", item["Memo"].S);
        Assert.Equal("6", item["Version"].N);
        Assert.False(item.ContainsKey("Extra"));
        Assert.Equal(6, replacement.Version);
    }

    [Fact]
    public async Task After_the_item_read_was_deleted_a_reloaded_entity_saves_to_the_item_the_reload_found()
    {
        const string stream = "recreated";
        await Store.PutRawAsync("Streams", EventItem(stream, "2026-11-28T16:28:34.252Z", "theirs"));

        await using var context = fixture.CreateContext();
        var read = Assert.Single(await context.Events.Where(e => e.Stream == stream).ToListAsync());

        // Another writer moves the item to the provider's form of the same key.
        await Store.Raw.DeleteItemAsync(Store.Table("Streams"), new() { ["Stream"] = S(stream), ["Sk"] = S("2026-11-28T16:28:34.252Z") });
        await Store.PutRawAsync("Streams", EventItem(stream, "2026-11-28T16:28:34.2520000Z", "moved"));

        read.Name = "mine";
        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());
        Assert.Contains("its item does not exist", exception.Message);

        await context.Entry(read).ReloadAsync();
        Assert.Equal("moved", read.Name);
        read.Name = "mine";
        await context.SaveChangesAsync();

        var item = Assert.Single(await StreamAsync(stream));
        Assert.Equal("2026-11-28T16:28:34.2520000Z", item["Sk"].S);
        Assert.Equal("mine", item["Name"].S);
    }

    [Fact]
    public void A_pooled_context_forgets_the_values_its_previous_lease_read()
    {
        using var context = fixture.CreateContext();

        Assert.Contains(context.GetService<ReadItemValues>(), context.GetService<IEnumerable<IResettableService>>());
    }
}
