using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query;

/// <summary>Shapes DynamoDB cannot answer exactly throw an InvalidOperationException naming what could not be translated.</summary>
public class QueryRefusalTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private async Task AssertRefused<T>(Func<QueryContext, Task<T>> query, string expectedFragment)
    {
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => query(context));
        Assert.Contains(expectedFragment, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task Join_is_refused()
        => AssertRefused(c => c.Records.Join(c.Threads, r => r.Name, t => t.Subject, (r, t) => r.Pk).ToListAsync(), "no joins");

    [Fact]
    public Task GroupBy_is_refused()
        => AssertRefused(c => c.Records.GroupBy(r => r.Pk).Select(g => g.Key).ToListAsync(), "GroupBy");

    [Fact]
    public Task OrderBy_a_non_key_attribute_is_refused()
        => AssertRefused(c => c.Records.Where(r => r.Pk == "P1").OrderBy(r => r.Name).ToListAsync(), "sort key");

    [Fact]
    public Task OrderBy_without_a_partition_key_is_refused()
        => AssertRefused(c => c.Records.OrderBy(r => r.Sk).ToListAsync(), "Scan");

    [Fact]
    public Task Unknown_methods_are_refused()
        => AssertRefused(c => c.Records.Where(r => r.Name!.ToUpper() == "ALPHA").ToListAsync(), "ToUpper");

    [Fact]
    public Task Arithmetic_on_attributes_is_refused()
        => AssertRefused(c => c.Records.Where(r => r.Rank + 1 > 5).ToListAsync(), "Rank");


    [Fact]
    public Task Case_insensitive_comparisons_are_refused()
        => AssertRefused(
            c => c.Records.Where(r => r.Name!.StartsWith("al", StringComparison.OrdinalIgnoreCase)).ToListAsync(), "case-insensitive");

    [Fact]
    public Task Where_after_an_unordered_Take_of_a_scan_is_refused_by_Reverse()
        => AssertRefused(c => c.Records.Take(5).Reverse().ToListAsync(), "Reverse");

    [Fact]
    public Task ToPageAsync_after_Distinct_is_refused()
        => AssertRefused(c => c.Records.Select(r => r.Pk).Distinct().ToPageAsync(10, null), "ToPageAsync");

    [Fact]
    public Task Ordering_a_Guid_like_converted_value_is_refused()
        => AssertRefused(c => c.Records.Where(r => r.Created.Hour > 3).ToListAsync(), "Hour");

    [Fact]
    public async Task Synchronous_enumeration_names_the_async_method()
    {
        await using var context = fixture.CreateContext();
        var exception = Assert.Throws<InvalidOperationException>(() => context.Records.Where(r => r.Pk == "P1").ToList());
        Assert.Contains("ToListAsync", exception.Message);
        Assert.Throws<InvalidOperationException>(() => context.Records.Find("P1", 0));
    }
}
