using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Update.Infrastructure.UpdateTestStore;

namespace EFCore.DynamoDb.FunctionalTests.Update;

[Collection(UpdateCollection.Name)]
public class TransactionTests(UpdateFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private static ForumThread NewThread(string forum, string subject) => new() { ForumName = forum, Subject = subject, Title = subject };

    private async Task<List<Dictionary<string, AttributeValue>>> ThreadsOfAsync(string forum)
        => (await Store.ScanAsync("Thread")).Where(i => i["ForumName"].S == forum).ToList();

    [Fact]
    public async Task Add_modify_and_delete_in_one_save_are_one_TransactWriteItems()
    {
        await using (var context = fixture.CreateContext())
        {
            context.AddRange(NewThread("Tx", "modify"), NewThread("Tx", "delete"));
            await context.SaveChangesAsync();
            Assert.Contains("TransactWriteItems", Store.Handler.Operations);
        }

        await using (var context = fixture.CreateContext())
        {
            var modified = await RawEntities.AttachThreadAsync(context, Store, "Tx", "modify");
            var deleted = await RawEntities.AttachThreadAsync(context, Store, "Tx", "delete");
            modified.Replies = 7;
            context.Remove(deleted);
            context.Add(NewThread("Tx", "add"));
            Store.Handler.Reset();

            Assert.Equal(3, await context.SaveChangesAsync());

            Assert.Equal(["TransactWriteItems"], Store.Handler.Operations);
            Assert.Equal(2, modified.Version);
        }

        var items = await ThreadsOfAsync("Tx");
        Assert.Equal(["add", "modify"], items.Select(i => i["Subject"].S).Order());
        Assert.Equal("7", items.Single(i => i["Subject"].S == "modify")["Replies"].N);
    }

    [Fact]
    public async Task Sixty_writes_with_one_failing_condition_write_nothing_and_name_exactly_the_failed_entry()
    {
        await using (var context = fixture.CreateContext())
        {
            context.Add(NewThread("Tx60", "stale"));
            await context.SaveChangesAsync();
        }

        await using (var other = fixture.CreateContext())
        {
            var thread = await RawEntities.AttachThreadAsync(other, Store, "Tx60", "stale");
            thread.Replies = 1;
            await other.SaveChangesAsync();
        }

        await using (var context = fixture.CreateContext())
        {
            var stale = NewThread("Tx60", "stale");
            stale.Version = 1;
            context.Attach(stale);
            stale.Replies = 99;
            var added = Enumerable.Range(0, 59).Select(i => NewThread("Tx60", $"new {i:00}")).ToList();
            context.AddRange(added);

            var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

            Assert.Same(stale, Assert.Single(exception.Entries).Entity);
            Assert.Contains("nothing was written", exception.Message);
            Assert.Contains("Subject='stale'", exception.Message);
            Assert.IsType<TransactionCanceledException>(exception.InnerException);
            Assert.All(added, a => Assert.Equal(EntityState.Added, context.Entry(a).State));
            Assert.Equal(EntityState.Modified, context.Entry(stale).State);
        }

        var items = await ThreadsOfAsync("Tx60");
        Assert.Equal("stale", Assert.Single(items)["Subject"].S);
        Assert.Equal("1", items[0]["Replies"].N);
    }

    [Fact]
    public async Task A_duplicate_in_a_transaction_is_a_DbUpdateException_for_that_entry_and_nothing_is_written()
    {
        await using (var context = fixture.CreateContext())
        {
            context.Add(NewThread("TxDup", "exists"));
            await context.SaveChangesAsync();
        }

        await using (var context = fixture.CreateContext())
        {
            var duplicate = NewThread("TxDup", "exists");
            context.AddRange(NewThread("TxDup", "a"), duplicate, NewThread("TxDup", "b"));

            var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

            Assert.IsNotType<DbUpdateConcurrencyException>(exception);
            Assert.Same(duplicate, Assert.Single(exception.Entries).Entity);
            Assert.Contains("already exists", exception.Message);
        }

        Assert.Single(await ThreadsOfAsync("TxDup"));
    }

    [Fact]
    public async Task More_than_100_writes_are_refused_with_the_way_out_and_nothing_is_sent()
    {
        await using var context = fixture.CreateContext();
        context.AddRange(Enumerable.Range(0, 150).Select(i => NewThread("Tx150", $"t{i}")));
        Store.Handler.Reset();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());

        Assert.Contains("150", exception.Message);
        Assert.Contains("at most 100", exception.Message);
        Assert.Contains("AutoTransactionBehavior.Never", exception.Message);
        Assert.Empty(Store.Handler.Operations);
        Assert.Empty(await ThreadsOfAsync("Tx150"));
    }

    [Fact]
    public async Task AutoTransactionBehavior_Always_sends_a_single_write_as_a_transaction()
    {
        await using var context = fixture.CreateContext();
        context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        context.Add(NewThread("TxAlways", "one"));
        Store.Handler.Reset();

        await context.SaveChangesAsync();

        Assert.Equal(["TransactWriteItems"], Store.Handler.Operations);
        Assert.Single(await ThreadsOfAsync("TxAlways"));
    }

    [Fact]
    public async Task A_lost_transaction_response_is_retried_with_the_same_client_request_token_and_applied_once()
    {
        await using (var context = fixture.CreateContext())
        {
            context.Add(NewThread("TxLost", "counter"));
            await context.SaveChangesAsync();
        }

        var client = Store.ClientWithoutSdkRetries;
        await using (var context = new UpdateContext(Store.Options<UpdateContext>(client)))
        {
            var counter = await RawEntities.AttachThreadAsync(context, Store, "TxLost", "counter");
            counter.Views++;
            context.Add(NewThread("TxLost", "added"));
            Store.Handler.Reset();
            Store.Handler.RecordBodiesOf.Add("TransactWriteItems");
            Store.Handler.LoseResponses("TransactWriteItems");

            await context.SaveChangesAsync();

            var tokens = Store.Handler.Bodies.Select(b => JsonDocument.Parse(b.Body).RootElement.GetProperty("ClientRequestToken").GetString())
                .ToList();
            Assert.Equal(2, tokens.Count);
            Assert.Equal(tokens[0], tokens[1]);
            Assert.InRange(tokens[0]!.Length, 1, 36);
            Assert.Equal(2, counter.Version);
        }

        var items = await ThreadsOfAsync("TxLost");
        Assert.Equal(2, items.Count);
        var stored = items.Single(i => i["Subject"].S == "counter");
        Assert.Equal("1", stored["Views"].N);
        Assert.Equal("2", stored["Version"].N);
    }

    [Fact]
    public async Task A_new_save_gets_a_new_client_request_token()
    {
        await using var context = fixture.CreateContext();
        Store.Handler.Reset();
        Store.Handler.RecordBodiesOf.Add("TransactWriteItems");
        context.AddRange(NewThread("TxToken", "a"), NewThread("TxToken", "b"));
        await context.SaveChangesAsync();
        context.AddRange(NewThread("TxToken", "c"), NewThread("TxToken", "d"));
        await context.SaveChangesAsync();

        var tokens = Store.Handler.Bodies.Select(b => JsonDocument.Parse(b.Body).RootElement.GetProperty("ClientRequestToken").GetString())
            .ToList();
        Assert.Equal(2, tokens.Distinct().Count());
    }

    [Fact]
    public async Task A_transaction_conflict_is_transient_and_retried_by_the_execution_strategy()
    {
        await using var context = fixture.CreateContext();
        context.AddRange(NewThread("TxConflict", "a"), NewThread("TxConflict", "b"));
        Store.Handler.Reset();
        var conflicts = 0;
        Store.Handler.Rewrite = async (operation, body, forward) =>
        {
            if (operation == "TransactWriteItems" && Interlocked.Increment(ref conflicts) == 1)
            {
                return FakeTransactionCanceled("None", "TransactionConflict");
            }

            return (await forward(body)).Response;
        };

        await context.SaveChangesAsync();

        Assert.Equal(2, Store.Handler.Count("TransactWriteItems"));
        Assert.Equal(2, (await ThreadsOfAsync("TxConflict")).Count);
    }

    [Fact]
    public async Task A_validation_error_in_a_transaction_names_the_item_and_is_not_retried()
    {
        await using var context = fixture.CreateContext();
        var second = NewThread("TxInvalid", "b");
        context.AddRange(NewThread("TxInvalid", "a"), second);
        Store.Handler.Reset();
        Store.Handler.Rewrite = (operation, body, forward) => Task.FromResult(FakeTransactionCanceled("None", "ValidationError"));

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.Contains("ValidationError on 'ForumThread' with key (ForumName='TxInvalid', Subject='b')", exception.Message);
        Assert.Equal(1, Store.Handler.Count("TransactWriteItems"));
        Assert.Empty(await ThreadsOfAsync("TxInvalid"));
    }

    private static HttpResponseMessage FakeTransactionCanceled(params string[] codes)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["__type"] = "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
            ["Message"] = $"Transaction cancelled, please refer cancellation reasons for specific reasons [{string.Join(", ", codes)}]",
            ["CancellationReasons"] = codes.Select(c => c == "None"
                ? new Dictionary<string, string> { ["Code"] = c }
                : new Dictionary<string, string> { ["Code"] = c, ["Message"] = "simulated " + c }).ToList(),
        });
        return new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-amz-json-1.0"),
        };
    }
}
