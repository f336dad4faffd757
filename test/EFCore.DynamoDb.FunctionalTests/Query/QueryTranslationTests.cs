using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Query.QueryAssertions;

namespace EFCore.DynamoDb.FunctionalTests.Query;

/// <summary>Each row of docs/design.md's LINQ-to-DynamoDB table: the operation chosen, and results equal to LINQ-to-Objects.</summary>
public class QueryTranslationTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private Task AssertRecords(Func<IQueryable<Record>, IQueryable<Record>> query, string operation, bool ordered = false)
        => AssertQueryAsync(fixture.CreateContext().Records.AsNoTracking(), fixture.Records, query, operation, ordered, r => RecordSnapshot.Of(r));

    private Task AssertThreads(Func<IQueryable<Thread>, IQueryable<Thread>> query, string operation, bool ordered = false)
        => AssertQueryAsync(
            fixture.CreateContext().Threads.AsNoTracking(), fixture.Threads, query, operation, ordered, t => t.ForumName + "/" + t.Subject + "/" + t.Views);

    [Fact]
    public Task Full_key_equality_is_GetItem()
        => AssertRecords(q => q.Where(r => r.Pk == "P1" && r.Sk == 40), "GetItem");

    [Fact]
    public Task Full_key_with_another_condition_is_GetItem_checked_on_the_item()
        => AssertRecords(q => q.Where(r => r.Pk == "P1" && r.Sk == 40 && r.Rank > 100), "GetItem");

    [Fact]
    public async Task Conditions_on_the_queried_keys_beyond_the_key_condition_are_shown_as_checked_on_the_client()
    {
        await using var context = fixture.CreateContext();
        var plan = context.Records.Where(r => r.Pk == "P1" && r.Sk > 0 && r.Sk != 30).ToQueryString();
        Assert.Contains("KeyConditionExpression: #Pk = :v0 AND #Sk > :v1", plan);
        Assert.EndsWith("-- Checked on the client, on the items read: Sk <> N 30", plan);
        await AssertRecords(q => q.Where(r => r.Pk == "P1" && r.Sk > 0 && r.Sk != 30), "Query");
    }

    [Fact]
    public async Task FindAsync_is_GetItem_and_returns_the_entity()
    {
        await using var context = fixture.CreateContext();
        var expected = fixture.Records.Single(r => r.Pk == "P2" && r.Sk == -50);
        var found = await context.Records.FindAsync("P2", -50);
        Assert.Equal(RecordSnapshot.Of(expected), RecordSnapshot.Of(found!));
        Assert.Null(await context.Records.FindAsync("P2", -49));
    }

    [Fact]
    public async Task FindAsync_of_a_tracked_entity_sends_no_request()
    {
        await using var context = fixture.CreateContext();
        var first = await context.Records.FindAsync("P3", 0);
        fixture.Logs.Clear();
        var second = await context.Records.FindAsync("P3", 0);
        Assert.Same(first, second);
        Assert.DoesNotContain(
            fixture.Logs.Messages(Microsoft.EntityFrameworkCore.Diagnostics.DynamoDbEventId.ExecutedRequest),
            m => m.Contains("GetItem", StringComparison.Ordinal) && m.Contains("P3", StringComparison.Ordinal));
    }

    [Fact]
    public Task Partition_key_equality_is_Query()
        => AssertRecords(q => q.Where(r => r.Pk == "P4"), "Query");

    [Fact]
    public Task Sort_key_comparisons_are_key_conditions()
        => Task.WhenAll(
            AssertRecords(q => q.Where(r => r.Pk == "P0" && r.Sk < 20), "Query"),
            AssertRecords(q => q.Where(r => r.Pk == "P0" && r.Sk <= 20), "Query"),
            AssertRecords(q => q.Where(r => r.Pk == "P0" && r.Sk > 20), "Query"),
            AssertRecords(q => q.Where(r => r.Pk == "P0" && r.Sk >= 20), "Query"),
            AssertRecords(q => q.Where(r => r.Pk == "P0" && 20 <= r.Sk && r.Sk <= 60), "Query"),
            AssertRecords(q => q.Where(r => r.Pk == "P0" && r.Sk > 20 && r.Sk < 60), "Query"),
            AssertRecords(q => q.Where(r => r.Pk == "P0" && r.Sk > 60 && r.Sk < 20), "None"),
            AssertRecords(q => q.Where(r => r.Pk == "P0" && r.Sk != 20), "Query"));

    [Fact]
    public async Task Sort_key_range_becomes_BETWEEN()
    {
        await using var context = fixture.CreateContext();
        var plan = context.Records.Where(r => r.Pk == "P0" && r.Sk >= 0 && r.Sk <= 60).ToQueryString();
        Assert.Contains("BETWEEN", plan);
        Assert.DoesNotContain("FilterExpression", plan);
    }

    [Fact]
    public Task StartsWith_on_a_string_sort_key_is_begins_with()
        => AssertThreads(q => q.Where(t => t.ForumName == "DynamoDB" && t.Subject.StartsWith("How")), "Query");

    [Fact]
    public async Task StartsWith_on_the_sort_key_is_in_the_key_condition()
    {
        await using var context = fixture.CreateContext();
        var plan = context.Threads.Where(t => t.ForumName == "DynamoDB" && t.Subject.StartsWith("How")).ToQueryString();
        Assert.Contains("KeyConditionExpression: #ForumName = :v0 AND begins_with(#Subject, :v1)", plan);
    }

    [Fact]
    public Task Index_partition_key_equality_with_its_sort_key_condition_queries_the_GSI()
        => AssertRecords(q => q.Where(r => r.Category == "c1" && r.Created > new DateTime(2024, 1, 20, 0, 0, 0, DateTimeKind.Utc)), "Query");

    [Fact]
    public async Task Query_on_a_GSI_names_the_index()
    {
        await using var context = fixture.CreateContext();
        var plan = context.Records.Where(r => r.Category == "c1" && r.Created > new DateTime(2024, 1, 20)).ToQueryString();
        Assert.StartsWith($"Query {fixture.Prefix}Records INDEX ByCategory", plan);
    }

    [Fact]
    public async Task A_GSI_is_not_chosen_when_items_missing_its_sort_key_could_match()
    {
        // Items without Created... every Record has Created (non-nullable), so the GSI holds every item with a Category.
        await using var context = fixture.CreateContext();
        Assert.StartsWith($"Query {fixture.Prefix}Records INDEX ByCategory", context.Records.Where(r => r.Category == "c2").ToQueryString());
        await AssertRecords(q => q.Where(r => r.Category == "c2"), "Query");
    }

    [Fact]
    public Task List_of_partition_keys_with_the_sort_key_pinned_is_BatchGetItem()
    {
        var keys = new[] { "P0", "P2", "P5", "P9" };
        return AssertRecords(q => q.Where(r => keys.Contains(r.Pk) && r.Sk == 0), "BatchGetItem");
    }

    [Fact]
    public Task List_of_partition_keys_without_the_sort_key_is_one_Query_per_key()
    {
        var keys = new List<string> { "P1", "P3" };
        return AssertRecords(q => q.Where(r => keys.Contains(r.Pk) && r.Sk > 0), "Query");
    }

    [Fact]
    public Task Or_of_partition_keys_is_a_key_lookup_too()
        => AssertRecords(q => q.Where(r => (r.Pk == "P1" || r.Pk == "P2") && r.Sk == 10), "BatchGetItem");

    [Fact]
    public Task Anything_else_is_Scan()
        => AssertRecords(q => q.Where(r => r.Rank > 5), "Scan");

    [Fact]
    public Task OrderBy_sort_key_sets_the_direction()
        => Task.WhenAll(
            AssertRecords(q => q.Where(r => r.Pk == "P2").OrderBy(r => r.Sk), "Query", ordered: true),
            AssertRecords(q => q.Where(r => r.Pk == "P2").OrderByDescending(r => r.Sk), "Query", ordered: true),
            AssertRecords(q => q.Where(r => r.Pk == "P2").OrderBy(r => r.Pk).ThenByDescending(r => r.Sk), "Query", ordered: true));

    [Fact]
    public async Task OrderByDescending_sends_ScanIndexForward_false()
    {
        await using var context = fixture.CreateContext();
        Assert.Contains("ScanIndexForward: false", context.Records.Where(r => r.Pk == "P2").OrderByDescending(r => r.Sk).ToQueryString());
    }

    [Fact]
    public Task OrderBy_an_LSI_sort_key_queries_the_LSI()
        => AssertQueryAsync(
            fixture.CreateContext().Records.AsNoTracking(), fixture.Records,
            q => q.Where(r => r.Pk == "P3").OrderBy(r => r.Rank).Select(r => r.Rank),
            "Query", ordered: true);

    [Fact]
    public Task Select_reads_only_the_projected_attributes()
        => AssertQueryAsync(
            fixture.CreateContext().Records, fixture.Records,
            q => q.Where(r => r.Pk == "P1").Select(r => new { r.Sk, r.Name, r.Score, Double = r.Rank * 2 }),
            "Query");

    [Fact]
    public async Task Select_sends_a_ProjectionExpression()
    {
        await using var context = fixture.CreateContext();
        var plan = context.Records.Where(r => r.Pk == "P1").Select(r => new { r.Sk, r.Name }).ToQueryString();
        Assert.Contains("ProjectionExpression: #Sk, #Name", plan);
    }

    [Fact]
    public Task Filters_on_every_operator()
        => Task.WhenAll(
            AssertRecords(q => q.Where(r => r.Pk == "P1" && r.Rank == 3), "Query"),
            AssertRecords(q => q.Where(r => r.Pk == "P1" && r.Rank != 3), "Query"),
            AssertRecords(q => q.Where(r => r.Score < 10), "Scan"),
            AssertRecords(q => q.Where(r => r.Score <= 10), "Scan"),
            AssertRecords(q => q.Where(r => r.Score > 10), "Scan"),
            AssertRecords(q => q.Where(r => r.Score >= 10), "Scan"),
            AssertRecords(q => q.Where(r => r.Score != 10), "Scan"),
            AssertRecords(q => q.Where(r => !(r.Score > 10)), "Scan"),
            AssertRecords(q => q.Where(r => r.Flag), "Scan"),
            AssertRecords(q => q.Where(r => !r.Flag && r.Rank > 2 || r.Price > 50m), "Scan"),
            AssertRecords(q => q.Where(r => r.State == Status.Open), "Scan"),
            AssertRecords(q => q.Where(r => r.State > Status.Draft), "Scan"),
            AssertRecords(q => q.Where(r => r.Created >= new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc)), "Scan"));

    [Fact]
    public Task Null_checks_and_missing_attributes()
        => Task.WhenAll(
            AssertRecords(q => q.Where(r => r.Name == null), "Scan"),
            AssertRecords(q => q.Where(r => r.Name != null), "Scan"),
            AssertRecords(q => q.Where(r => r.Name != "alpha"), "Scan"),
            AssertRecords(q => q.Where(r => !(r.Name == "alpha")), "Scan"),
            AssertRecords(q => q.Where(r => r.Score == null || r.Score > 40), "Scan"),
            AssertRecords(q => q.Where(r => r.Score.HasValue), "Scan"),
            AssertRecords(q => q.Where(r => r.Numbers == null), "Scan"));

    [Fact]
    public Task Null_parameter_values_follow_CSharp()
    {
        string? name = null;
        int? score = null;
        return Task.WhenAll(
            AssertRecords(q => q.Where(r => r.Name == name), "Scan"),
            AssertRecords(q => q.Where(r => r.Name != name), "Scan"),
            AssertRecords(q => q.Where(r => r.Score < score), "None"),
            AssertRecords(q => q.Where(r => r.Score == score), "Scan"));
    }

    [Fact]
    public Task Contains_on_a_list_of_values_is_IN()
    {
        var names = new[] { "alpha", "beta", null };
        var ranks = new List<int> { 1, 3, 5 };
        var none = new List<int>();
        return Task.WhenAll(
            AssertRecords(q => q.Where(r => names.Contains(r.Name)), "Scan"),
            AssertRecords(q => q.Where(r => ranks.Contains(r.Rank)), "Scan"),
            AssertRecords(q => q.Where(r => !ranks.Contains(r.Rank)), "Scan"),
            AssertRecords(q => q.Where(r => none.Contains(r.Rank)), "None"),
            AssertRecords(q => q.Where(r => new[] { 2, 4 }.Contains(r.Rank)), "Scan"));
    }

    [Fact]
    public Task Contains_on_a_set_a_list_and_a_string()
        => Task.WhenAll(
            AssertRecords(q => q.Where(r => r.Tags.Contains("t1")), "Scan"),
            AssertRecords(q => q.Where(r => !r.Tags.Contains("t1")), "Scan"),
            AssertRecords(q => q.Where(r => r.Numbers != null && r.Numbers.Contains(3)), "Scan"),
            AssertRecords(q => q.Where(r => r.Name != null && r.Name.Contains("lph")), "Scan"));

    [Fact]
    public Task StartsWith_on_an_attribute_is_begins_with()
        => AssertRecords(q => q.Where(r => r.Name != null && r.Name.StartsWith("al")), "Scan");

    [Fact]
    public Task Count_and_Length_are_size()
        => Task.WhenAll(
            AssertRecords(q => q.Where(r => r.Tags.Count == 0), "Scan"),
            AssertRecords(q => q.Where(r => r.Tags.Count >= 2), "Scan"),
            AssertRecords(q => q.Where(r => r.Numbers != null && r.Numbers.Count < 2), "Scan"),
            AssertRecords(q => q.Where(r => r.Name != null && r.Name.Length > 4), "Scan"));

    [Fact]
    public Task Comparing_two_attributes()
        => AssertRecords(q => q.Where(r => r.Score > r.Rank), "Scan");

    [Fact]
    public Task Ordinal_string_comparison()
        => Task.WhenAll(
            AssertRecords(q => q.Where(r => string.CompareOrdinal(r.Name, "beta") < 0), "Scan"),
            AssertRecords(q => q.Where(r => string.Compare(r.Name, "beta", StringComparison.Ordinal) >= 0), "Scan"));
}
