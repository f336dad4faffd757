using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Reliability.Infrastructure;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using static EFCore.DynamoDb.FunctionalTests.Reliability.Infrastructure.ReliabilityFixture;

namespace EFCore.DynamoDb.FunctionalTests.Reliability;

/// <summary>
///     What an application catches when DynamoDB fails: from SaveChanges a DbUpdateException (DbUpdateConcurrencyException for
///     a failed condition) naming the operation, table and entity; from a query an InvalidOperationException naming the
///     operation, table and entity type. The SDK's exception is always the inner exception; a retryable failure that outlasts
///     the retries is EF's RetryLimitExceededException around the same exception.
/// </summary>
public class ErrorTranslationTests(ReliabilityFixture fixture) : IClassFixture<ReliabilityFixture>
{
    private ReliabilityContext MissingTables() => fixture.CreateContext(fixture.ServiceUrl, static o => o.TableNamePrefix("NoSuchTables_"));

    private static void AssertNamesMissingTable(Exception exception, string operation, string table, string entity)
    {
        Assert.StartsWith($"DynamoDB {operation} on table '{table}', reading '{entity}', failed: the table '{table}' does not exist", exception.Message);
        Assert.Contains("Call EnsureCreatedAsync", exception.Message);
        Assert.IsType<ResourceNotFoundException>(exception.InnerException);
    }

    [Fact]
    public async Task A_query_of_a_missing_table_names_the_operation_and_table_and_says_to_call_EnsureCreatedAsync()
    {
        await using var context = MissingTables();
        var keys = new[] { "a", "b" };

        AssertNamesMissingTable(await Assert.ThrowsAsync<InvalidOperationException>(() => context.Items.ToListAsync()),
            "Scan", "NoSuchTables_Item", "Item");
        AssertNamesMissingTable(await Assert.ThrowsAsync<InvalidOperationException>(() => context.Items.FindAsync("a", 1).AsTask()),
            "GetItem", "NoSuchTables_Item", "Item");
        AssertNamesMissingTable(await Assert.ThrowsAsync<InvalidOperationException>(() => context.Items.CountAsync(i => i.Bucket == "a")),
            "Query", "NoSuchTables_Item", "Item");
        AssertNamesMissingTable(
            await Assert.ThrowsAsync<InvalidOperationException>(() => context.Accounts.Where(a => keys.Contains(a.Id)).ToListAsync()),
            "BatchGetItem", "NoSuchTables_Account", "Account");
    }

    [Fact]
    public async Task A_query_refused_by_DynamoDB_fails_at_once_with_the_AWS_exception_inside()
    {
        await using var proxy = new FaultInjectingProxy(fixture.ServiceUrl, op => op == "Query" ? Fault.ValidationError : Fault.None);
        await using var context = fixture.CreateContext(proxy.Url);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Items.Where(i => i.Bucket == "x").ToListAsync());

        Assert.Equal(
            $"DynamoDB Query on table '{fixture.Table("Item")}', reading 'Item', failed: Injected validation error (ValidationException, HTTP 400).",
            exception.Message);
        Assert.IsAssignableFrom<AmazonDynamoDBException>(exception.InnerException);
        Assert.Single(proxy.Received);
    }

    [Fact]
    public async Task A_query_throttled_beyond_the_retries_is_RetryLimitExceeded_around_the_named_failure()
    {
        await using var proxy = new FaultInjectingProxy(fixture.ServiceUrl, _ => Fault.Throttle);
        await using var context = fixture.CreateContext(proxy.Url, static o => o
            .ConfigureClient(static c => c.MaxErrorRetry = 0)
            .EnableRetryOnFailure(2, TimeSpan.FromMilliseconds(1)));

        var exception = await Assert.ThrowsAsync<RetryLimitExceededException>(() => context.Items.Where(i => i.Bucket == "x").ToListAsync());

        var named = Assert.IsAssignableFrom<InvalidOperationException>(exception.InnerException);
        Assert.StartsWith($"DynamoDB Query on table '{fixture.Table("Item")}', reading 'Item', failed: Injected throttling", named.Message);
        Assert.IsType<ProvisionedThroughputExceededException>(named.InnerException);
        Assert.Equal(3, proxy.Received.Count);
    }

    [Fact]
    public async Task SaveChanges_to_missing_tables_is_a_DbUpdateException_naming_operation_table_and_entities()
    {
        await using (var context = MissingTables())
        {
            var account = new Account { Id = "one" };
            context.Add(account);
            var single = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
            Assert.StartsWith(
                "DynamoDB rejected the PutItem of the entity 'Account' with key (Id='one') in table 'NoSuchTables_Account': ", single.Message);
            Assert.Contains("EnsureCreatedAsync", single.Message);
            Assert.IsType<ResourceNotFoundException>(single.InnerException);
            Assert.Same(account, Assert.Single(single.Entries).Entity);
        }

        await using (var context = MissingTables())
        {
            context.AddRange(new Account { Id = "a" }, new Item { Bucket = "b", Id = 1 });
            var transaction = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
            Assert.StartsWith("DynamoDB rejected the TransactWriteItems of 2 items ('Account' with key (Id='a'); 'Item' with key (Bucket='b', Id=1))",
                transaction.Message);
            Assert.Contains("'NoSuchTables_Account', 'NoSuchTables_Item'", transaction.Message);
            Assert.IsType<ResourceNotFoundException>(transaction.InnerException);
            Assert.Equal(2, transaction.Entries.Count);
        }

        await using (var context = MissingTables())
        {
            context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            context.AddRange(Enumerable.Range(0, 30).Select(i => new Event { Stream = "s", Seq = i }));
            var batch = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
            Assert.Contains("wrote 0 of 30 items", batch.Message);
            Assert.Contains("BatchWriteItem of 25 items", batch.Message);
            Assert.Contains("'NoSuchTables_Event'", batch.Message);
            Assert.IsType<ResourceNotFoundException>(batch.InnerException);
        }
    }

    [Fact]
    public async Task A_write_refused_by_DynamoDB_is_a_DbUpdateException_at_once_and_the_entry_stays_pending()
    {
        await using var proxy = new FaultInjectingProxy(fixture.ServiceUrl, op => op == "PutItem" ? Fault.ValidationError : Fault.None);
        await using var context = fixture.CreateContext(proxy.Url);
        var account = new Account { Id = "refused" };
        context.Add(account);

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.Equal(
            $"DynamoDB rejected the PutItem of the entity 'Account' with key (Id='refused') in table '{fixture.Table("Account")}': "
            + "Injected validation error",
            exception.Message);
        Assert.IsAssignableFrom<AmazonDynamoDBException>(exception.InnerException);
        Assert.Same(account, Assert.Single(exception.Entries).Entity);
        Assert.Equal(EntityState.Added, context.Entry(account).State);
        Assert.Single(proxy.Received);
    }

    [Fact]
    public async Task A_server_error_without_retries_is_a_DbUpdateException_with_the_AWS_exception_inside()
    {
        await using (var setup = fixture.CreateContext())
        {
            setup.Add(new Account { Id = "server-error" });
            await setup.SaveChangesAsync();
        }

        await using var proxy = new FaultInjectingProxy(fixture.ServiceUrl, op => op == "UpdateItem" ? Fault.ServerError : Fault.None);
        await using var context = fixture.CreateContext(proxy.Url, static o => o
            .ConfigureClient(static c => c.MaxErrorRetry = 0)
            .ExecutionStrategy(static d => new NonRetryingExecutionStrategy(d)));
        var account = await context.Accounts.SingleAsync(a => a.Id == "server-error");
        account.Balance = 5;

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.StartsWith(
            $"DynamoDB did not complete the UpdateItem of the entity 'Account' with key (Id='server-error') in table '{fixture.Table("Account")}': "
            + "Injected failure",
            exception.Message);
        Assert.Equal(500, (int)Assert.IsAssignableFrom<AmazonDynamoDBException>(exception.InnerException).StatusCode);
        Assert.Equal(EntityState.Modified, context.Entry(account).State);
    }

    [Theory]
    [InlineData(AutoTransactionBehavior.WhenNeeded)]
    [InlineData(AutoTransactionBehavior.Never)]
    public async Task A_write_throttled_beyond_the_retries_is_RetryLimitExceeded_around_the_named_DbUpdateException(AutoTransactionBehavior behavior)
    {
        await using var proxy = new FaultInjectingProxy(fixture.ServiceUrl, _ => Fault.Throttle);
        await using var context = fixture.CreateContext(proxy.Url, static o => o
            .ConfigureClient(static c => c.MaxErrorRetry = 0)
            .EnableRetryOnFailure(2, TimeSpan.FromMilliseconds(1)));
        context.Database.AutoTransactionBehavior = behavior;
        var account = new Account { Id = "throttled-" + behavior };
        context.Add(account);

        var exception = await Assert.ThrowsAsync<RetryLimitExceededException>(() => context.SaveChangesAsync());

        var named = Assert.IsType<DbUpdateException>(exception.InnerException);
        Assert.StartsWith($"DynamoDB rejected the PutItem of the entity 'Account' with key (Id='throttled-{behavior}') in table", named.Message);
        Assert.IsType<ProvisionedThroughputExceededException>(named.InnerException);
        Assert.Same(account, Assert.Single(named.Entries).Entity);
        Assert.Equal(3, proxy.Received.Count);
        Assert.Equal(EntityState.Added, context.Entry(account).State);
    }

    [Fact]
    public async Task A_failed_condition_is_a_DbUpdateConcurrencyException_naming_the_entity_with_the_AWS_exception_inside()
    {
        await using var context = fixture.CreateContext();
        var ghost = new Account { Id = "ghost", Version = 3 };
        context.Attach(ghost);
        context.Remove(ghost);

        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

        Assert.StartsWith(
            $"The entity 'Account' with key (Id='ghost') was not deleted: its item does not exist in table '{fixture.Table("Account")}'",
            exception.Message);
        Assert.IsType<ConditionalCheckFailedException>(exception.InnerException);
        Assert.Same(ghost, Assert.Single(exception.Entries).Entity);
    }
}
