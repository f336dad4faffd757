using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.WriteLanguage;

/// <summary>ExecuteUpdateAndGetAsync: one UpdateItem with ReturnValues = ALL_NEW, the new item as an untracked entity.</summary>
[Collection(WriteLanguageCollection.Name)]
public class ExecuteUpdateAndGetTests(WriteLanguageFixture fixture)
{
    [Fact]
    public async Task The_new_value_of_a_counter_comes_back_without_a_second_read()
    {
        await using (var setup = fixture.CreateContext())
        {
            setup.Add(new Counter { Id = "get", Views = 41, Info = new CounterInfo { Plot = "p", Rating = 2 }, Tags = ["x"] });
            await setup.SaveChangesAsync();
        }

        await using var context = fixture.CreateContext();
        fixture.Log.Clear();

        var counter = await context.Counters.Where(c => c.Id == "get").ExecuteUpdateAndGetAsync(s => s.SetProperty(c => c.Views, c => c.Views + 1));

        Assert.NotNull(counter);
        Assert.Equal(42, counter.Views);
        Assert.Equal("p", counter.Info!.Plot);
        Assert.Equal(["x"], counter.Tags);
        Assert.Empty(context.ChangeTracker.Entries());
        var request = Assert.Single(fixture.Requests());
        Assert.Contains("UpdateItem", request);
    }

    [Fact]
    public async Task A_failed_condition_or_a_missing_item_returns_null_and_changes_nothing()
    {
        await using (var setup = fixture.CreateContext())
        {
            setup.Add(new Counter { Id = "get-cond", Views = 1 });
            await setup.SaveChangesAsync();
        }

        await using var context = fixture.CreateContext();

        var failed = await context.Counters.Where(c => c.Id == "get-cond" && c.Views > 5).ExecuteUpdateAndGetAsync(s => s.SetProperty(c => c.Views, 100L));
        var missing = await context.Counters.Where(c => c.Id == "get-none").ExecuteUpdateAndGetAsync(s => s.SetProperty(c => c.Views, 100L));

        Assert.Null(failed);
        Assert.Null(missing);
        Assert.Equal("1", (await fixture.GetAsync("Counter", ("Id", WriteLanguageFixture.S("get-cond"))))!["Views"].N);
    }

    [Fact]
    public async Task Without_a_full_key_it_is_refused()
    {
        await using var context = fixture.CreateContext();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.Posts.Where(p => p.Forum == "any").ExecuteUpdateAndGetAsync(s => s.SetProperty(p => p.Score, 1)));

        Assert.Contains("needs a Where that pins its full primary key", exception.Message);
    }
}
