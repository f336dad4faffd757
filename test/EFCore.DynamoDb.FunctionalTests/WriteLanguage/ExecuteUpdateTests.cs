using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.WriteLanguage.WriteLanguageFixture;

namespace EFCore.DynamoDb.FunctionalTests.WriteLanguage;

/// <summary>ExecuteUpdateAsync on one key: each SetProperty form becomes its DynamoDB action, with no read.</summary>
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

    [Fact]
    public async Task Increment_is_one_UpdateItem_with_ADD_and_no_read()
    {
        await AddCounterAsync(new Counter { Id = "inc", Views = 5 });
        await using var context = fixture.CreateContext();
        fixture.Log.Clear();

        var changed = await context.Counters.Where(c => c.Id == "inc").ExecuteUpdateAsync(s => s.SetProperty(c => c.Views, c => c.Views + 3));

        Assert.Equal(1, changed);
        var request = Assert.Single(fixture.Requests());
        Assert.Contains("UpdateItem", request);
        Assert.Contains("UpdateExpression: ADD #Views :v", request);
        Assert.Equal("8", (await ItemAsync("inc"))!["Views"].N);
    }
}
