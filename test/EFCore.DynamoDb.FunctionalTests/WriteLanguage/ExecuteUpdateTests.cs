using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.WriteLanguage.WriteLanguageFixture;

namespace EFCore.DynamoDb.FunctionalTests.WriteLanguage;

/// <summary>ExecuteUpdateAsync on one key: each SetProperty form becomes its DynamoDB action, in one UpdateItem, with no read.</summary>
[Collection(WriteLanguageCollection.Name)]
public class ExecuteUpdateTests(WriteLanguageFixture fixture)
{
    private async Task AddCounterAsync(Counter counter)
    {
        await using var context = fixture.CreateContext();
        context.Add(counter);
        await context.SaveChangesAsync();
    }

    private Task<Dictionary<string, AttributeValue>?> ItemAsync(string id) => fixture.GetAsync("Counter", ("Id", S(id)));

    private async Task<Counter> ReadAsync(string id)
    {
        await using var context = fixture.CreateContext();
        return await context.Counters.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private string SingleRequest()
    {
        var requests = fixture.Requests();
        Assert.Single(requests);
        Assert.Contains("UpdateItem", requests[0]);
        return requests[0];
    }

    [Fact]
    public async Task Increment_is_one_UpdateItem_with_ADD_and_no_read()
    {
        await AddCounterAsync(new Counter { Id = "inc", Views = 5 });
        await using var context = fixture.CreateContext();
        fixture.Log.Clear();

        var changed = await context.Counters.Where(c => c.Id == "inc").ExecuteUpdateAsync(s => s.SetProperty(c => c.Views, c => c.Views + 3));

        Assert.Equal(1, changed);
        Assert.Contains("UpdateExpression: ADD #Views :v", SingleRequest());
        Assert.Equal("8", (await ItemAsync("inc"))!["Views"].N);
    }

    [Fact]
    public async Task Decrement_by_a_parameter_adds_its_negation()
    {
        await AddCounterAsync(new Counter { Id = "dec", Views = 5, Score = 1.5m });
        await using var context = fixture.CreateContext();
        var by = 7L;
        var half = 0.25m;

        var changed = await context.Counters.Where(c => c.Id == "dec")
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Views, c => c.Views - by).SetProperty(c => c.Score, c => c.Score - half));

        Assert.Equal(1, changed);
        var counter = await ReadAsync("dec");
        Assert.Equal(-2, counter.Views);
        Assert.Equal(1.25m, counter.Score);
    }

    [Fact]
    public async Task Coalesce_on_a_nullable_number_is_if_not_exists_and_starts_from_the_default()
    {
        await AddCounterAsync(new Counter { Id = "coalesce" });
        await using var context = fixture.CreateContext();
        fixture.Log.Clear();

        await context.Counters.Where(c => c.Id == "coalesce").ExecuteUpdateAsync(s => s.SetProperty(c => c.Likes, c => (c.Likes ?? 10) + 1));
        await context.Counters.Where(c => c.Id == "coalesce").ExecuteUpdateAsync(s => s.SetProperty(c => c.Likes, c => (c.Likes ?? 10) + 1));

        Assert.Contains("SET #Likes = if_not_exists(#Likes, :v", fixture.Requests()[0]);
        Assert.Equal(12, (await ReadAsync("coalesce")).Likes);
    }

    [Fact]
    public async Task A_plain_coalesce_sets_only_when_missing()
    {
        await AddCounterAsync(new Counter { Id = "default", Name = "kept" });
        await AddCounterAsync(new Counter { Id = "default2" });
        await using var context = fixture.CreateContext();

        await context.Counters.Where(c => c.Id == "default").ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, c => c.Name ?? "new"));
        await context.Counters.Where(c => c.Id == "default2").ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, c => c.Name ?? "new"));

        Assert.Equal("kept", (await ReadAsync("default")).Name);
        Assert.Equal("new", (await ReadAsync("default2")).Name);
    }

    [Fact]
    public async Task A_number_copied_into_a_wider_number_type_is_set_from_the_attribute()
    {
        // (long)(c.Likes ?? 0) and (decimal)c.Likes.Value widen an int into a long or a decimal: the copy of the N text is exact.
        await AddCounterAsync(new Counter { Id = "widen", Views = 1, Likes = 41 });
        await AddCounterAsync(new Counter { Id = "widen-missing", Views = 1 });
        await using var context = fixture.CreateContext();

        foreach (var id in new[] { "widen", "widen-missing" })
        {
            fixture.Log.Clear();
            Assert.Equal(1, await context.Counters.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Views, c => (long)(c.Likes ?? 7))));
            Assert.Contains("if_not_exists(#Likes", SingleRequest());
        }

        await context.Counters.Where(c => c.Id == "widen").ExecuteUpdateAsync(s => s.SetProperty(c => c.Score, c => (decimal)(c.Likes ?? 0)));
        var widened = await ReadAsync("widen");
        Assert.Equal(41L, widened.Views);
        Assert.Equal(41m, widened.Score);
        Assert.Equal(7L, (await ReadAsync("widen-missing")).Views);
    }

    [Fact]
    public async Task Values_are_stored_as_SaveChanges_stores_them_and_null_removes_the_attribute()
    {
        await AddCounterAsync(new Counter { Id = "values", Name = "old", Likes = 3 });
        await using var context = fixture.CreateContext();
        var when = new DateTime(2026, 11, 28, 16, 28, 34, 252, DateTimeKind.Utc);
        var name = "new name";

        var changed = await context.Counters.Where(c => c.Id == "values").ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Name, name)
            .SetProperty(c => c.UpdatedAt, when)
            .SetProperty(c => c.Likes, (int?)null)
            .SetProperty(c => c.Tags, new HashSet<string>()));

        Assert.Equal(1, changed);
        var item = (await ItemAsync("values"))!;
        Assert.Equal("new name", item["Name"].S);
        Assert.False(item.ContainsKey("Likes"));
        Assert.False(item.ContainsKey("Tags"));

        // The stored text is the one SaveChanges writes for the same value.
        await AddCounterAsync(new Counter { Id = "values-saved", UpdatedAt = when });
        Assert.Equal((await ItemAsync("values-saved"))!["UpdatedAt"].S, item["UpdatedAt"].S);
        Assert.Equal(when, (await ReadAsync("values")).UpdatedAt);
    }

    [Fact]
    public async Task A_nested_owned_property_is_set_at_its_document_path_keeping_other_members()
    {
        await AddCounterAsync(new Counter { Id = "nested", Info = new CounterInfo { Plot = "old", Rating = 1 } });
        await fixture.Raw.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = fixture.Table("Counter"),
            Key = new() { ["Id"] = S("nested") },
            UpdateExpression = "SET Info.Extra = :x",
            ExpressionAttributeValues = new() { [":x"] = S("other tool") },
        });
        await AddCounterAsync(new Counter { Id = "nested-none" });
        await using var context = fixture.CreateContext();
        fixture.Log.Clear();

        var changed = await context.Counters.Where(c => c.Id == "nested")
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Info!.Plot, "new").SetProperty(c => c.Info!.Rating, c => c.Info!.Rating + 1));
        var withoutInfo = await context.Counters.Where(c => c.Id == "nested-none").ExecuteUpdateAsync(s => s.SetProperty(c => c.Info!.Plot, "new"));

        Assert.Equal(1, changed);
        Assert.Contains("SET #Info.#Plot = :v", fixture.Requests()[0]);
        var info = (await ItemAsync("nested"))!["Info"].M;
        Assert.Equal("new", info["Plot"].S);
        Assert.Equal("2", info["Rating"].N);
        Assert.Equal("other tool", info["Extra"].S);

        // C# cannot set a member of a null object; the item without the map is not changed (and not counted).
        Assert.Equal(0, withoutInfo);
        Assert.False((await ItemAsync("nested-none"))!.ContainsKey("Info"));
    }

    [Fact]
    public async Task Union_and_Except_on_sets_are_ADD_and_DELETE_of_members()
    {
        await AddCounterAsync(new Counter { Id = "sets", Tags = ["a", "b"], Numbers = [1, 2] });
        await using var context = fixture.CreateContext();
        string[] added = ["c", "d"];
        var removed = new List<string> { "a" };
        fixture.Log.Clear();

        var changed = await context.Counters.Where(c => c.Id == "sets").ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Tags, c => c.Tags.Union(added))
            .SetProperty(c => c.Numbers, c => c.Numbers.Union(new[] { 3, 3, 4 }).ToHashSet()));
        var deleted = await context.Counters.Where(c => c.Id == "sets").ExecuteUpdateAsync(s => s.SetProperty(c => c.Tags, c => c.Tags.Except(removed)));

        Assert.Equal(1, changed);
        Assert.Equal(1, deleted);
        Assert.Contains("ADD #Tags :v", fixture.Requests()[0]);
        Assert.Contains("DELETE #Tags :v", fixture.Requests()[1]);
        var counter = await ReadAsync("sets");
        Assert.Equal(["b", "c", "d"], counter.Tags.Order());
        Assert.Equal([1, 2, 3, 4], counter.Numbers.Order());
    }

    [Fact]
    public async Task Concat_on_a_list_appends_or_prepends_with_list_append()
    {
        await AddCounterAsync(new Counter { Id = "list", History = ["b"] });
        await AddCounterAsync(new Counter { Id = "list-empty" });
        await using var context = fixture.CreateContext();
        var later = new[] { "c", "d" };
        fixture.Log.Clear();

        await context.Counters.Where(c => c.Id == "list").ExecuteUpdateAsync(s => s.SetProperty(c => c.History, c => c.History.Concat(later).ToList()));
        await context.Counters.Where(c => c.Id == "list").ExecuteUpdateAsync(s => s.SetProperty(c => c.History, c => new[] { "a" }.Concat(c.History).ToList()));
        await context.Counters.Where(c => c.Id == "list-empty").ExecuteUpdateAsync(s => s.SetProperty(c => c.History, c => c.History.Concat(later).ToList()));

        Assert.Contains("list_append(if_not_exists(#History, :v", fixture.Requests()[0]);
        Assert.Equal(["a", "b", "c", "d"], (await ReadAsync("list")).History);
        Assert.Equal(["c", "d"], (await ReadAsync("list-empty")).History);
    }

    [Fact]
    public async Task A_condition_that_fails_returns_0_and_changes_nothing()
    {
        await AddCounterAsync(new Counter { Id = "cond", Views = 5, Name = "n" });
        await using var context = fixture.CreateContext();
        fixture.Log.Clear();

        var changed = await context.Counters.Where(c => c.Id == "cond" && c.Views > 10)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Views, c => c.Views + 1).SetProperty(c => c.Name, "changed"));
        var matched = await context.Counters.Where(c => c.Id == "cond" && c.Views == 5 && c.Name != null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Views, c => c.Views + 1));

        Assert.Equal(0, changed);
        Assert.Equal(1, matched);
        Assert.Contains("ConditionExpression: attribute_exists(#Id) AND (", fixture.Requests()[0]);
        var item = (await ItemAsync("cond"))!;
        Assert.Equal("6", item["Views"].N);
        Assert.Equal("n", item["Name"].S);
    }

    [Fact]
    public async Task An_update_of_a_missing_item_returns_0_and_creates_nothing()
    {
        await using var context = fixture.CreateContext();

        var changed = await context.Counters.Where(c => c.Id == "never-written").ExecuteUpdateAsync(s => s.SetProperty(c => c.Views, c => c.Views + 1));

        Assert.Equal(0, changed);
        Assert.Null(await ItemAsync("never-written"));
    }

    [Fact]
    public async Task ExecuteUpdate_moves_the_row_version_on_so_a_tracked_copy_conflicts()
    {
        await using (var setup = fixture.CreateContext())
        {
            setup.Add(new Post { Forum = "version", Number = 1, Score = 1 });
            await setup.SaveChangesAsync();
        }

        await using var tracking = fixture.CreateContext();
        var tracked = await tracking.Posts.SingleAsync(p => p.Forum == "version" && p.Number == 1);
        await using var context = fixture.CreateContext();
        fixture.Log.Clear();

        var changed = await context.Posts.Where(p => p.Forum == "version" && p.Number == 1).ExecuteUpdateAsync(s => s.SetProperty(p => p.Score, 2));
        tracked.Score = 3;

        Assert.Equal(1, changed);
        Assert.Contains("ADD #Version :v", fixture.Requests()[0]);
        Assert.Equal("2", (await fixture.GetAsync("Post", ("Forum", S("version")), ("Number", N(1))))!["Version"].N);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => tracking.SaveChangesAsync());
    }

    [Fact]
    public async Task Several_full_keys_are_written_one_by_one_without_a_read()
    {
        await AddCounterAsync(new Counter { Id = "many-1" });
        await AddCounterAsync(new Counter { Id = "many-2", Views = 100 });
        await using var context = fixture.CreateContext();
        var ids = new[] { "many-1", "many-2", "many-missing" };
        fixture.Log.Clear();

        var changed = await context.Counters.Where(c => ids.Contains(c.Id) && c.Views < 50).ExecuteUpdateAsync(s => s.SetProperty(c => c.Views, 50L));

        Assert.Equal(1, changed);
        // One UpdateItem per key: the one that matched, and two whose condition failed (logged as such).
        Assert.Contains("UpdateItem", Assert.Single(fixture.Requests()));
        Assert.Equal(2, fixture.Log.Messages(Microsoft.EntityFrameworkCore.Diagnostics.DynamoDbEventId.ConditionNotMet).Count);
        Assert.Equal("50", (await ItemAsync("many-1"))!["Views"].N);
        Assert.Equal("100", (await ItemAsync("many-2"))!["Views"].N);
        Assert.Null(await ItemAsync("many-missing"));
    }

    [Fact]
    public async Task ExecuteDelete_on_a_key_deletes_only_when_the_condition_holds()
    {
        await AddCounterAsync(new Counter { Id = "delete", Views = 1 });
        await using var context = fixture.CreateContext();

        var notDeleted = await context.Counters.Where(c => c.Id == "delete" && c.Views > 1).ExecuteDeleteAsync();
        Assert.NotNull(await ItemAsync("delete"));
        var deleted = await context.Counters.Where(c => c.Id == "delete" && c.Views == 1).ExecuteDeleteAsync();
        var again = await context.Counters.Where(c => c.Id == "delete").ExecuteDeleteAsync();

        Assert.Equal(0, notDeleted);
        Assert.Equal(1, deleted);
        Assert.Equal(0, again);
        Assert.Null(await ItemAsync("delete"));
    }
}
