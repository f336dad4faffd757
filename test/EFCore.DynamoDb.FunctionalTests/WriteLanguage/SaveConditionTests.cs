using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.WriteLanguage.WriteLanguageFixture;

namespace EFCore.DynamoDb.FunctionalTests.WriteLanguage;

/// <summary>SaveChanges with DynamoDB's conditional writes: save conditions, condition checks, upserts, skipped version checks.</summary>
[Collection(WriteLanguageCollection.Name)]
public class SaveConditionTests(WriteLanguageFixture fixture)
{
    private async Task AddAccountAsync(string id, decimal balance, bool active = true)
    {
        await using var context = fixture.CreateContext();
        context.Add(new Account { Id = id, Balance = balance, Active = active });
        await context.SaveChangesAsync();
    }

    private Task<Dictionary<string, AttributeValue>?> ItemAsync(string id) => fixture.GetAsync("Account", ("Id", S(id)));

    [Fact]
    public async Task A_save_condition_that_holds_lets_the_update_through_and_applies_to_one_save_only()
    {
        await AddAccountAsync("cond-ok", 150);
        await using var context = fixture.CreateContext();
        var account = await context.Accounts.SingleAsync(a => a.Id == "cond-ok");
        var minimum = 100m;

        context.Entry(account).WithSaveCondition(a => a.Balance >= minimum);
        account.Balance -= 100;
        await context.SaveChangesAsync();

        // The next save has no such condition: the balance may go below 100.
        account.Balance -= 30;
        await context.SaveChangesAsync();

        Assert.Equal("20", (await ItemAsync("cond-ok"))!["Balance"].N);
    }

    [Fact]
    public async Task A_save_condition_that_fails_is_a_concurrency_exception_with_the_entry_saying_so()
    {
        await AddAccountAsync("cond-fail", 50);
        await using var context = fixture.CreateContext();
        var account = await context.Accounts.SingleAsync(a => a.Id == "cond-fail");

        context.Entry(account).WithSaveCondition(a => a.Balance >= 100 && a.Active);
        account.Balance -= 100;
        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

        Assert.Same(account, Assert.Single(exception.Entries).Entity);
        Assert.Contains("the save condition given with WithSaveCondition", exception.Message);
        Assert.Equal("50", (await ItemAsync("cond-fail"))!["Balance"].N);
    }

    [Fact]
    public async Task A_save_condition_on_a_delete_keeps_the_item_when_it_fails()
    {
        await AddAccountAsync("cond-delete", 10, active: true);
        await using var context = fixture.CreateContext();
        var account = await context.Accounts.SingleAsync(a => a.Id == "cond-delete");

        context.Remove(account);
        context.Entry(account).WithSaveCondition(a => !a.Active);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

        Assert.NotNull(await ItemAsync("cond-delete"));
    }

    [Fact]
    public async Task A_condition_check_makes_a_single_write_transactional_and_blocks_it_when_it_fails()
    {
        await AddAccountAsync("check-target", 0, active: false);
        await AddAccountAsync("check-source", 10);
        await using var context = fixture.CreateContext();
        var source = await context.Accounts.SingleAsync(a => a.Id == "check-source");
        fixture.Log.Clear();

        context.Database.AddConditionCheck(context.Accounts.Where(a => a.Id == "check-target" && a.Active));
        source.Balance = 0;
        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

        Assert.Contains("condition check 'Account' with key (Id=S \"check-target\")", exception.Message);
        Assert.Equal("10", (await ItemAsync("check-source"))!["Balance"].N);

        // Once the checked item matches, the same kind of save commits (as a transaction).
        await fixture.Raw.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = fixture.Table("Account"),
            Key = new() { ["Id"] = S("check-target") },
            UpdateExpression = "SET Active = :t",
            ExpressionAttributeValues = new() { [":t"] = new AttributeValue { BOOL = true } },
        });
        context.Database.AddConditionCheck(context.Accounts.Where(a => a.Id == "check-target" && a.Active));
        await context.SaveChangesAsync();
        Assert.Equal("0", (await ItemAsync("check-source"))!["Balance"].N);
        Assert.Contains(fixture.Requests(), r => r.Contains("TransactWriteItems"));
    }

    [Fact]
    public async Task A_condition_check_without_a_full_key_is_refused()
    {
        await using var context = fixture.CreateContext();

        var exception = Assert.Throws<InvalidOperationException>(() => context.Database.AddConditionCheck(context.Accounts.Where(a => a.Active)));

        Assert.Contains("needs a Where that pins the full primary key", exception.Message);
    }

    [Fact]
    public async Task Upsert_creates_or_replaces_the_whole_item_without_a_condition()
    {
        await AddAccountAsync("upsert", 5);
        await fixture.Raw.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = fixture.Table("Account"),
            Key = new() { ["Id"] = S("upsert") },
            UpdateExpression = "SET Unmapped = :u",
            ExpressionAttributeValues = new() { [":u"] = S("other tool") },
        });
        await using var context = fixture.CreateContext();

        context.Accounts.Upsert(new Account { Id = "upsert", Balance = 7 });
        var created = context.Accounts.Upsert(new Account { Id = "upsert-new", Balance = 1 });
        await context.SaveChangesAsync();

        var item = (await ItemAsync("upsert"))!;
        Assert.Equal("7", item["Balance"].N);
        Assert.False(item.ContainsKey("Unmapped"));
        Assert.NotNull(await ItemAsync("upsert-new"));
        Assert.Equal(EntityState.Unchanged, created.State);
    }

    [Fact]
    public async Task A_save_condition_on_an_added_entity_is_checked_on_the_absent_item_and_says_so()
    {
        // No item has the key, so the insert's own condition holds; the application's condition is what fails, and the message
        // must say so (not "an item with this key already exists").
        await using var context = fixture.CreateContext();
        var account = new Account { Id = "cond-add", Balance = 5 };
        context.Accounts.Add(account);
        context.Entry(account).WithSaveCondition(a => a.Balance > 0);

        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

        Assert.Same(account, Assert.Single(exception.Entries).Entity);
        Assert.Contains("the save condition given with WithSaveCondition", exception.Message);
        Assert.Contains("does not exist", exception.Message);
        Assert.DoesNotContain("already exists", exception.Message);
        Assert.Null(await ItemAsync("cond-add"));

        // A condition that holds for missing attributes lets the insert through.
        await using var again = fixture.CreateContext();
        var second = new Account { Id = "cond-add", Balance = 5 };
        again.Accounts.Add(second);
        again.Entry(second).WithSaveCondition(a => a.Owner == null);
        await again.SaveChangesAsync();
        Assert.Equal("5", (await ItemAsync("cond-add"))!["Balance"].N);
    }

    [Fact]
    public async Task Upsert_with_a_save_condition_replaces_only_an_item_that_matches()
    {
        await AddAccountAsync("upsert-cond", 50, active: false);
        await using var context = fixture.CreateContext();
        var blocked = context.Accounts.Upsert(new Account { Id = "upsert-cond", Balance = 1, Active = true });
        blocked.WithSaveCondition(a => a.Active);

        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

        Assert.Contains("was not written: the save condition given with WithSaveCondition", exception.Message);
        Assert.Contains("its item in table", exception.Message);
        Assert.Equal("50", (await ItemAsync("upsert-cond"))!["Balance"].N);

        await using var other = fixture.CreateContext();
        other.Accounts.Upsert(new Account { Id = "upsert-cond", Balance = 2, Active = true }).WithSaveCondition(a => !a.Active);
        await other.SaveChangesAsync();
        Assert.Equal("2", (await ItemAsync("upsert-cond"))!["Balance"].N);
    }

    [Fact]
    public async Task Skipping_the_version_check_overwrites_a_newer_version_and_moves_the_version_on()
    {
        await AddAccountAsync("skip", 1);
        await using var stale = fixture.CreateContext();
        var old = await stale.Accounts.SingleAsync(a => a.Id == "skip");
        await using (var other = fixture.CreateContext())
        {
            var fresh = await other.Accounts.SingleAsync(a => a.Id == "skip");
            fresh.Owner = "other";
            await other.SaveChangesAsync();
        }

        old.Balance = 99;
        stale.Entry(old).SkipVersionCheck();
        await stale.SaveChangesAsync();

        var item = (await ItemAsync("skip"))!;
        Assert.Equal("99", item["Balance"].N);
        Assert.Equal("other", item["Owner"].S);
        Assert.Equal("3", item["Version"].N);

        // The next save checks again: the entity's version (1) is stale.
        old.Balance = 100;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
    }
}
