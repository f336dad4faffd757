using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.WriteLanguage.WriteLanguageFixture;

namespace EFCore.DynamoDb.FunctionalTests.WriteLanguage;

/// <summary>ExecuteUpdate's actions are atomic in DynamoDB: concurrent writers, through EF or the raw SDK, lose nothing.</summary>
[Collection(WriteLanguageCollection.Name)]
public class ConcurrentExecuteUpdateTests(WriteLanguageFixture fixture)
{
    [Fact]
    public async Task Eight_workers_making_fifty_increments_each_end_with_exactly_400()
    {
        await using (var setup = fixture.CreateContext())
        {
            setup.Add(new Counter { Id = "race" });
            await setup.SaveChangesAsync();
        }

        var changed = 0;

        async Task WorkerAsync()
        {
            await using var context = fixture.CreateContext();
            for (var i = 0; i < 50; i++)
            {
                Interlocked.Add(ref changed, await context.Counters.Where(c => c.Id == "race").ExecuteUpdateAsync(s => s.SetProperty(c => c.Views, c => c.Views + 1)));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(WorkerAsync)));

        Assert.Equal(400, changed);
        Assert.Equal("400", (await fixture.GetAsync("Counter", ("Id", S("race"))))!["Views"].N);
    }

    [Fact]
    public async Task Set_members_and_list_elements_added_by_a_raw_writer_at_the_same_time_are_kept()
    {
        await using (var setup = fixture.CreateContext())
        {
            setup.Add(new Counter { Id = "members" });
            await setup.SaveChangesAsync();
        }

        async Task ThroughEfAsync()
        {
            await using var context = fixture.CreateContext();
            for (var i = 0; i < 20; i++)
            {
                var tag = $"ef{i}";
                var entry = new[] { $"ef{i}" };
                await context.Counters.Where(c => c.Id == "members").ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Tags, c => c.Tags.Union(new[] { tag }))
                    .SetProperty(c => c.History, c => c.History.Concat(entry).ToList()));
            }
        }

        async Task RawAsync()
        {
            for (var i = 0; i < 20; i++)
            {
                await fixture.Raw.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = fixture.Table("Counter"),
                    Key = new() { ["Id"] = S("members") },
                    UpdateExpression = "ADD Tags :t SET History = list_append(if_not_exists(History, :empty), :h)",
                    ExpressionAttributeValues = new()
                    {
                        [":t"] = new AttributeValue { SS = [$"raw{i}"] },
                        [":h"] = new AttributeValue { L = [S($"raw{i}")] },
                        [":empty"] = new AttributeValue { L = [] },
                    },
                });
            }
        }

        await Task.WhenAll(Task.Run(ThroughEfAsync), Task.Run(RawAsync), Task.Run(ThroughEfAsync2));

        await using var reader = fixture.CreateContext();
        var counter = await reader.Counters.AsNoTracking().SingleAsync(c => c.Id == "members");
        var expected = Enumerable.Range(0, 20).SelectMany(i => new[] { $"ef{i}", $"raw{i}", $"two{i}" }).Order().ToList();
        Assert.Equal(expected, counter.Tags.Order().ToList());
        Assert.Equal(expected, counter.History.Order().ToList());

        // Removing members while others are added keeps the added ones.
        await Task.WhenAll(
            Task.Run(async () =>
            {
                await using var context = fixture.CreateContext();
                var removed = Enumerable.Range(0, 20).Select(i => $"ef{i}").ToList();
                await context.Counters.Where(c => c.Id == "members").ExecuteUpdateAsync(s => s.SetProperty(c => c.Tags, c => c.Tags.Except(removed)));
            }),
            Task.Run(async () =>
            {
                for (var i = 0; i < 5; i++)
                {
                    await fixture.Raw.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = fixture.Table("Counter"),
                        Key = new() { ["Id"] = S("members") },
                        UpdateExpression = "ADD Tags :t",
                        ExpressionAttributeValues = new() { [":t"] = new AttributeValue { SS = [$"late{i}"] } },
                    });
                }
            }));
        var after = await reader.Counters.AsNoTracking().SingleAsync(c => c.Id == "members");
        Assert.Equal(
            Enumerable.Range(0, 20).SelectMany(i => new[] { $"raw{i}", $"two{i}" }).Concat(Enumerable.Range(0, 5).Select(i => $"late{i}")).Order(),
            after.Tags.Order());
    }

    private async Task ThroughEfAsync2()
    {
        await using var context = fixture.CreateContext();
        for (var i = 0; i < 20; i++)
        {
            var tags = new HashSet<string> { $"two{i}" };
            var entry = new List<string> { $"two{i}" };
            await context.Counters.Where(c => c.Id == "members").ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Tags, c => c.Tags.Union(tags).ToHashSet())
                .SetProperty(c => c.History, c => entry.Concat(c.History).ToList()));
        }
    }
}
