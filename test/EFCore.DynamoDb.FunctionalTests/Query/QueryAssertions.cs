using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query;

/// <summary>Runs a query through the provider and through LINQ-to-Objects over the same data, and compares the answers.</summary>
public static class QueryAssertions
{
    /// <summary>
    ///     Asserts the provider sends <paramref name="operation" /> (the first word of ToQueryString) and returns exactly what
    ///     LINQ-to-Objects returns over <paramref name="data" />; unordered results are compared as multisets.
    /// </summary>
    public static async Task AssertQueryAsync<TSource, TResult>(
        IQueryable<TSource> provider,
        IEnumerable<TSource> data,
        Func<IQueryable<TSource>, IQueryable<TResult>> query,
        string operation,
        bool ordered = false,
        Func<TResult, object?>? map = null)
    {
        var providerQuery = query(provider);
        AssertOperation(providerQuery.ToQueryString(), operation);

        map ??= r => r;
        var actual = (await providerQuery.ToListAsync()).Select(map).ToList();
        var expected = query(data.AsQueryable()).ToList().Select(map).ToList();
        if (!ordered)
        {
            actual = actual.OrderBy(r => r?.ToString(), StringComparer.Ordinal).ToList();
            expected = expected.OrderBy(r => r?.ToString(), StringComparer.Ordinal).ToList();
        }

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
    }

    /// <summary>Asserts that the request plan (ToQueryString) starts with the DynamoDB operation name.</summary>
    public static void AssertOperation(string plan, string operation)
        => Assert.True(
            operation == "None"
                ? plan.StartsWith("-- No request", StringComparison.Ordinal)
                : plan.StartsWith(operation + " ", StringComparison.Ordinal),
            $"Expected {operation} but the plan is:{Environment.NewLine}{plan}");
}
