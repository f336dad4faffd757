using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Internal;

namespace EFCore.DynamoDb.FunctionalTests.Find;

/// <summary>
///     FindAsync by full key, the provider's direct path (<see cref="DynamoDbEntityFinder{TEntity}" />: EF's finder with the key
///     lookup compiled once per model): one GetItem when the change tracker does not have the entity, none when it does, and
///     otherwise exactly what EF's own finder does (tracking, identity resolution, Added and Deleted entries, EF's argument
///     errors).
/// </summary>
public class FindAsyncTests(FindFixture fixture) : IClassFixture<FindFixture>
{
    private IReadOnlyList<string> Requests()
        => fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest);

    [Fact]
    public async Task Found_by_partition_and_sort_key_with_one_GetItem_and_tracked()
    {
        await using var context = await fixture.CreateContextAsync();
        fixture.Logs.Clear();

        var post = await context.Posts.FindAsync("general", "hello");

        Assert.NotNull(post);
        Assert.Equal(("general", "hello", "Hello, world", "Ada"), (post.Board, post.Slug, post.Title, post.Author!.Name));
        var request = Assert.Single(Requests());
        Assert.StartsWith($"Executed DynamoDB GetItem on '{fixture.Prefix}Posts'", request);
        Assert.Single(fixture.Logs.Messages(DynamoDbEventId.ExecutingRequest));
        Assert.Equal(EntityState.Unchanged, context.Entry(post).State);
    }

    [Fact]
    public async Task Not_found_is_null_after_one_GetItem()
    {
        await using var context = await fixture.CreateContextAsync();
        fixture.Logs.Clear();

        Assert.Null(await context.Posts.FindAsync("general", "missing"));
        Assert.Null(await context.Posts.FindAsync("nowhere", "hello"));

        Assert.Equal(2, Requests().Count);
        Assert.All(Requests(), r => Assert.StartsWith($"Executed DynamoDB GetItem on '{fixture.Prefix}Posts'", r));
        Assert.Empty(context.ChangeTracker.Entries());
    }

    [Fact]
    public async Task A_tracked_entity_is_returned_without_a_request()
    {
        await using var context = await fixture.CreateContextAsync();
        var first = await context.Posts.FindAsync("general", "hello");
        fixture.Logs.Clear();

        Assert.Same(first, await context.Posts.FindAsync("general", "hello"));
        Assert.Same(first, await context.Posts.FindAsync(["general", "hello"], CancellationToken.None));
        Assert.Same(first, await context.FindAsync<Post>("general", "hello"));
        Assert.Same(first, await context.FindAsync(typeof(Post), "general", "hello"));

        Assert.Empty(fixture.Logs.Messages(DynamoDbEventId.ExecutingRequest));
        Assert.Empty(Requests());
    }

    [Fact]
    public async Task A_query_result_being_tracked_is_found_without_a_request()
    {
        await using var context = await fixture.CreateContextAsync();
        var queried = await context.Posts.Where(p => p.Board == "general").ToListAsync();
        fixture.Logs.Clear();

        Assert.Same(queried.Single(p => p.Slug == "second"), await context.Posts.FindAsync("general", "second"));
        Assert.Empty(Requests());
    }

    [Fact]
    public async Task Added_and_Deleted_entries_are_answered_from_the_change_tracker_as_EFs_own_finder_answers()
    {
        await using var context = await fixture.CreateContextAsync();
        var added = context.Posts.Add(new Post { Board = "general", Slug = "draft", Title = "Not saved" }).Entity;
        var deleted = (await context.Posts.FindAsync("general", "second"))!;
        context.Posts.Remove(deleted);
        fixture.Logs.Clear();

        // EF's finder returns any entry its identity map holds, whatever its state: an Added entity that is not in the table
        // yet, and a Deleted one that is still there until SaveChanges. The provider's finder answers the same, with no request.
        var efFinder = new EntityFinder<Post>(
            context.GetService<IStateManager>(), context.GetService<IDbSetSource>(), context, context.Model.FindEntityType(typeof(Post))!);
        Assert.Same(added, await efFinder.FindAsync(["general", "draft"]));
        Assert.Same(deleted, await efFinder.FindAsync(["general", "second"]));

        Assert.Same(added, await context.Posts.FindAsync("general", "draft"));
        Assert.Same(deleted, await context.Posts.FindAsync("general", "second"));
        Assert.Equal(EntityState.Deleted, context.Entry(deleted).State);
        Assert.Empty(Requests());
        Assert.IsType<DynamoDbEntityFinder<Post>>(context.GetDependencies().EntityFinderFactory.Create(context.Model.FindEntityType(typeof(Post))!));
    }

    [Fact]
    public async Task A_no_tracking_context_reads_a_new_untracked_instance_on_every_call()
    {
        await using var context = await fixture.CreateContextAsync(
            b => b.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        fixture.Logs.Clear();

        var first = await context.Posts.FindAsync("general", "hello");
        var second = await context.Posts.FindAsync("general", "hello");

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotSame(first, second);
        Assert.Equal("Hello, world", second.Title);
        Assert.Empty(context.ChangeTracker.Entries());
        Assert.Equal(2, Requests().Count);
    }

    [Fact]
    public async Task The_tracking_behavior_is_the_contexts_at_each_call()
    {
        await using var context = await fixture.CreateContextAsync();
        context.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var untracked = await context.Posts.FindAsync("general", "hello");
        Assert.Empty(context.ChangeTracker.Entries());

        context.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;
        var tracked = await context.Posts.FindAsync("general", "hello");
        Assert.NotSame(untracked, tracked);
        Assert.Equal(EntityState.Unchanged, context.Entry(tracked!).State);

        context.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTrackingWithIdentityResolution;
        var resolved = await context.Posts.FindAsync("general", "second");
        Assert.Equal("Second", resolved!.Title);
        Assert.Single(context.ChangeTracker.Entries<Post>());
    }

    [Fact]
    public async Task A_key_with_a_value_converter_is_sent_converted()
    {
        await using var context = await fixture.CreateContextAsync();
        fixture.Logs.Clear();

        var product = await context.Products.FindAsync(new Sku("A1"));

        Assert.Equal(("A1", "Anvil"), (product!.Sku.Value, product.Name));
        Assert.Null(await context.Products.FindAsync(new Sku("sku#A1")));
        Assert.All(Requests(), r => Assert.StartsWith($"Executed DynamoDB GetItem on '{fixture.Prefix}Products'", r));
        Assert.Same(product, await context.Products.FindAsync(new Sku("A1")));
        Assert.Equal(2, Requests().Count);
    }

    [Fact]
    public async Task A_DateTime_sort_key_addresses_the_item_stored_as_UTC_text()
    {
        await using var context = await fixture.CreateContextAsync(b => b.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));

        var reading = await context.Readings.FindAsync("s1", FindFixture.ReadingTime);
        Assert.Equal((FindFixture.ReadingTime, DateTimeKind.Utc, 21.5), (reading!.At, reading.At.Kind, reading.Value));

        // Unspecified is taken as UTC, as everywhere else; a tick off is another item.
        Assert.NotNull(await context.Readings.FindAsync("s1", DateTime.SpecifyKind(FindFixture.ReadingTime, DateTimeKind.Unspecified)));
        Assert.Null(await context.Readings.FindAsync("s1", FindFixture.ReadingTime.AddTicks(1)));
    }

    [Fact]
    public async Task Wrong_key_values_throw_EFs_own_argument_errors_before_any_request()
    {
        await using var context = await fixture.CreateContextAsync();
        fixture.Logs.Clear();

        Assert.Equal(
            CoreStrings.FindValueCountMismatch(nameof(Post), 2, 1),
            (await Assert.ThrowsAsync<ArgumentException>(() => context.Posts.FindAsync("general").AsTask())).Message);
        Assert.Equal(
            CoreStrings.FindValueCountMismatch(nameof(Post), 2, 3),
            (await Assert.ThrowsAsync<ArgumentException>(() => context.Posts.FindAsync("general", "hello", "x").AsTask())).Message);
        Assert.Equal(
            CoreStrings.FindNotCompositeKey(nameof(Product), 2),
            (await Assert.ThrowsAsync<ArgumentException>(() => context.Products.FindAsync(new Sku("A1"), "x").AsTask())).Message);
        Assert.Equal(
            CoreStrings.FindValueTypeMismatch(1, nameof(Post), "int", "string"),
            (await Assert.ThrowsAsync<ArgumentException>(() => context.Posts.FindAsync("general", 1).AsTask())).Message);
        Assert.Equal(
            CoreStrings.FindValueTypeMismatch(0, nameof(Product), "string", nameof(Sku)),
            (await Assert.ThrowsAsync<ArgumentException>(() => context.FindAsync(typeof(Product), "A1").AsTask())).Message);

        Assert.Empty(fixture.Logs.Messages(DynamoDbEventId.ExecutingRequest));
    }

    [Fact]
    public async Task A_null_key_value_finds_nothing_without_a_request()
    {
        await using var context = await fixture.CreateContextAsync();
        fixture.Logs.Clear();

        Assert.Null(await context.Posts.FindAsync("general", null));
        Assert.Null(await context.Posts.FindAsync(null));
        Assert.Empty(fixture.Logs.Messages(DynamoDbEventId.ExecutingRequest));
    }

    [Fact]
    public async Task A_trailing_cancellation_token_among_the_key_values_is_the_calls_token_as_in_EF()
    {
        await using var context = await fixture.CreateContextAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        fixture.Logs.Clear();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.Posts.FindAsync("general", "hello", cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => context.Posts.FindAsync(["general", "hello"], cancelled.Token).AsTask());
        Assert.Empty(Requests());

        Assert.Equal("Hello, world", (await context.Posts.FindAsync("general", "hello", CancellationToken.None))!.Title);
    }

    [Fact]
    public async Task Find_is_refused_naming_FindAsync()
    {
        await using var context = await fixture.CreateContextAsync();

        var exception = Assert.Throws<InvalidOperationException>(() => context.Posts.Find("general", "hello"));
        Assert.Contains("Use 'FindAsync' instead", exception.Message);
        Assert.Throws<InvalidOperationException>(() => context.Find<Post>("general", "hello"));
    }

    [Fact]
    public async Task An_owned_type_has_no_set_to_find_in_as_EF_refuses()
    {
        await using var context = await fixture.CreateContextAsync();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Set<Author>().FindAsync("Ada").AsTask());
        Assert.Equal(CoreStrings.InvalidSetTypeOwned(nameof(Author), nameof(Post)), exception.Message);
    }

    [Fact]
    public async Task Pooled_contexts_find_through_the_lookup_compiled_once_and_track_in_the_renting_context()
    {
        var options = await DynamoDbTestEnvironment.CreateOptionsAsync<FindContext>(fixture.Prefix, fixture.Logs);
        var factory = new PooledDbContextFactory<FindContext>(options, poolSize: 2);

        Post? first;
        await using (var context = await factory.CreateDbContextAsync())
        {
            first = await context.Posts.FindAsync("general", "hello");
            Assert.Same(first, await context.Posts.FindAsync("general", "hello"));
        }

        await using (var context = await factory.CreateDbContextAsync())
        {
            Assert.Empty(context.ChangeTracker.Entries());
            fixture.Logs.Clear();
            var again = await context.Posts.FindAsync("general", "hello");
            Assert.NotSame(first, again);
            Assert.Equal("Hello, world", again!.Title);
            Assert.Single(Requests());
        }
    }

    [Fact]
    public async Task A_failed_GetItem_is_retried_by_the_execution_strategy_and_logged()
    {
        var failures = 0;
        await using var proxy = new FaultInjectingProxy(
            await DynamoDbTestEnvironment.GetServiceUrlAsync(),
            operation => operation == "GetItem" && Interlocked.Increment(ref failures) == 1 ? Fault.ServerError : Fault.None);
        var logs = new TestLoggerFactory();
        var options = new DbContextOptionsBuilder<FindContext>()
            .UseDynamoDb(proxy.Url, o => o
                .TableNamePrefix(fixture.Prefix)
                .ConfigureClient(static c =>
                {
                    c.MaxErrorRetry = 0;
                    c.MaxStaleConnectionRetries = 0;
                })
                .EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromMilliseconds(20)))
            .UseLoggerFactory(logs)
            .AllowManyServiceProviders()
            .Options;
        await using var context = new FindContext(options);

        var post = await context.Posts.FindAsync("general", "hello");

        Assert.Equal("Hello, world", post!.Title);
        Assert.Equal(1, proxy.FaultCount);
        Assert.Equal(2, proxy.Received.Count(r => r.Operation == "GetItem"));
        Assert.Contains("GetItem", Assert.Single(logs.Messages(DynamoDbEventId.RequestFailed)));
        Assert.Single(logs.Messages(CoreEventId.ExecutionStrategyRetrying));
        Assert.Single(logs.Messages(DynamoDbEventId.ExecutedRequest));
    }
}
