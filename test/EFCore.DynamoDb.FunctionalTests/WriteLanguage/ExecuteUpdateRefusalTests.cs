using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.WriteLanguage;

/// <summary>What DynamoDB's update language cannot say exactly is refused before any request, naming the part.</summary>
[Collection(WriteLanguageCollection.Name)]
public class ExecuteUpdateRefusalTests(WriteLanguageFixture fixture)
{
    private async Task<string> RefusedAsync(Func<WriteLanguageContext, Task> update)
    {
        await using var context = fixture.CreateContext();
        fixture.Log.Clear();
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => update(context));
        Assert.Empty(fixture.Requests());
        return exception.Message;
    }

    [Fact]
    public async Task String_concatenation_is_refused()
        => Assert.Contains(
            "can only add and subtract numbers",
            await RefusedAsync(c => c.Counters.Where(x => x.Id == "r").ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, x => x.Name + "x"))));

    [Fact]
    public async Task A_call_on_another_attribute_is_refused()
        => Assert.Contains(
            "c.Name.ToUpper())' cannot be translated to a DynamoDB update",
            await RefusedAsync(c => c.Counters.Where(x => x.Id == "r").ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, x => x.Name!.ToUpper()))));

    [Fact]
    public async Task Adding_to_a_nullable_number_without_a_default_is_refused()
        => Assert.Contains(
            "(Likes ?? 0) + n",
            await RefusedAsync(c => c.Counters.Where(x => x.Id == "r").ExecuteUpdateAsync(s => s.SetProperty(x => x.Likes, x => x.Likes + 1))));

    [Fact]
    public async Task Setting_a_key_is_refused()
        => Assert.Contains(
            "DynamoDB keys are immutable",
            await RefusedAsync(c => c.Counters.Where(x => x.Id == "r").ExecuteUpdateAsync(s => s.SetProperty(x => x.Id, "other"))));

    [Fact]
    public async Task Setting_the_row_version_is_refused()
        => Assert.Contains(
            "which the provider manages",
            await RefusedAsync(c => c.Posts.Where(x => x.Forum == "r" && x.Number == 1).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, 5))));

    [Fact]
    public async Task Take_before_ExecuteUpdate_is_refused()
        => Assert.Contains(
            "Take or Skip",
            await RefusedAsync(c => c.Posts.Where(x => x.Forum == "r").Take(3).ExecuteUpdateAsync(s => s.SetProperty(x => x.Touched, true))));

    [Fact]
    public async Task OrderBy_before_ExecuteDelete_is_refused()
        => Assert.Contains(
            "ordering",
            await RefusedAsync(c => c.Posts.Where(x => x.Forum == "r").OrderBy(x => x.Number).ExecuteDeleteAsync()));

    [Fact]
    public async Task Copying_a_nullable_attribute_is_refused_with_the_coalesce_workaround()
        => Assert.Contains(
            "?? value",
            await RefusedAsync(c => c.Posts.Where(x => x.Forum == "r" && x.Number == 1).ExecuteUpdateAsync(s => s.SetProperty(x => x.Category, x => x.Category))
                .ContinueWith(_ => c.Counters.Where(x => x.Id == "r").ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, x => x.Info!.Plot))).Unwrap()));

    [Fact]
    public async Task Copying_a_number_into_a_narrower_type_is_refused_naming_the_attribute()
    {
        // A long copied into an int could store a value the int cannot hold; the message names the attributes, not EF's internals.
        var message = await RefusedAsync(c => c.Counters.Where(x => x.Id == "r").ExecuteUpdateAsync(s => s.SetProperty(x => x.Likes, x => (int)x.Views)));
        Assert.Contains("'Views' is not stored like 'Likes'", message);
        Assert.DoesNotContain("ShaperExpression", message);
    }

    [Fact]
    public async Task Union_on_a_list_is_refused_as_lists_are_not_sets()
        => Assert.Contains(
            "not as a set",
            await RefusedAsync(c => c.Counters.Where(x => x.Id == "r").ExecuteUpdateAsync(s => s.SetProperty(x => x.History, x => x.History.Union(new[] { "a" }).ToList()))));

    [Fact]
    public async Task A_value_DynamoDB_cannot_store_is_refused_naming_the_property_and_value()
    {
        var message = await RefusedAsync(c => c.Counters.Where(x => x.Id == "r").ExecuteUpdateAsync(s => s.SetProperty(x => x.Ratio, double.NaN)));
        Assert.Contains("Counter.Ratio", message);
        Assert.Contains("NaN", message);
    }

    [Fact]
    public async Task A_required_property_set_to_null_is_refused()
        => Assert.Contains(
            "required property 'Counter.Tags'",
            await RefusedAsync(c => c.Counters.Where(x => x.Id == "r").ExecuteUpdateAsync(s => s.SetProperty(x => x.Tags, (HashSet<string>)null!))));

    [Fact]
    public async Task Synchronous_ExecuteUpdate_is_refused()
    {
        await using var context = fixture.CreateContext();
        var exception = Assert.Throws<InvalidOperationException>(() => context.Counters.Where(x => x.Id == "r").ExecuteDelete());
        Assert.Contains("ExecuteDeleteAsync", exception.Message);
    }
}
