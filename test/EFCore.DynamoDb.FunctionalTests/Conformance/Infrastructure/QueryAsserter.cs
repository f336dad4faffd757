using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;

/// <summary>
///     Runs each query twice, over a DbContext and with LINQ-to-Objects over <see cref="ConformanceData" />, and compares the
///     results by value (<see cref="ResultFormatter" />): in order when the query orders, else as multisets. Optionally
///     checks the DynamoDB operation the provider chose ("GetItem", "BatchGetItem", "Query", "Query INDEX name", "Scan", or
///     "None" when no request is needed).
/// </summary>
internal sealed partial class QueryAsserter(ConformanceFixture fixture)
{
    private const int ShownDifferences = 8;

    private readonly ExpectedSetSource _expectedSource = new(fixture.Data);

    public async Task AssertQuery<TResult>(
        Func<ISetSource, IQueryable<TResult>> query,
        Func<ISetSource, IQueryable<TResult>>? expectedQuery,
        bool? assertOrder,
        bool assertEmpty,
        string? operation)
    {
        var expected = Expected(expectedQuery ?? query);
        AssertExpectedCardinality(expected.Count, assertEmpty);

        await using var context = fixture.CreateContext();
        var actualQuery = query(new ContextSetSource(context));
        if (operation != null)
        {
            AssertOperation(actualQuery, operation);
        }

        var actual = await actualQuery.ToListAsync();
        Compare(
            expected.Select(r => ResultFormatter.Format(r)).ToList(),
            actual.Select(r => ResultFormatter.Format(r)).ToList(),
            assertOrder ?? IsOrdered(actualQuery.Expression));
    }

    /// <summary>
    ///     For a Take without an ordering: the provider may return any of the items, so the results must be as many as
    ///     LINQ-to-Objects returns, each one of <paramref name="candidates" />.
    /// </summary>
    public async Task AssertSomeOf<TResult>(
        Func<ISetSource, IQueryable<TResult>> query,
        Func<ISetSource, IQueryable<TResult>> candidates)
    {
        var expectedCount = Expected(query).Count;
        AssertExpectedCardinality(expectedCount, assertEmpty: false);
        var pool = Expected(candidates).Select(r => ResultFormatter.Format(r)).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());

        await using var context = fixture.CreateContext();
        var actual = (await query(new ContextSetSource(context)).ToListAsync()).Select(r => ResultFormatter.Format(r)).ToList();
        Assert.Equal(expectedCount, actual.Count);
        foreach (var result in actual)
        {
            Assert.True(pool.TryGetValue(result, out var left) && left > 0, $"The provider returned {result}, which the query cannot return.");
            pool[result] = left - 1;
        }
    }

    public async Task AssertSingleResult<TResult>(
        Expression<Func<ISetSource, TResult>> query,
        Expression<Func<ISetSource, TResult>>? expectedQuery,
        string? operation)
    {
        var expected = ExpectedSingle(expectedQuery ?? query);
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        var actual = await ActualSingleAsync(query, context);
        Assert.Equal(ResultFormatter.Format(expected), ResultFormatter.Format(actual));
        if (operation != null)
        {
            AssertLoggedOperation(operation);
        }
    }

    /// <summary>A terminal operator that fails in C# (First of nothing, Single of many) fails the same way on the provider.</summary>
    public async Task AssertSingleResultThrows<TException, TResult>(Expression<Func<ISetSource, TResult>> query)
        where TException : Exception
    {
        Assert.Throws<TException>(() => ExpectedSingle(query));
        await using var context = fixture.CreateContext();
        await Assert.ThrowsAsync<TException>(() => ActualSingleAsync(query, context));
    }

    public async Task AssertTranslationFailed<TResult>(Func<ISetSource, IQueryable<TResult>> query, string messageFragment)
    {
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => query(new ContextSetSource(context)).ToListAsync());
        AssertRefusal(exception, messageFragment);
    }

    public async Task AssertSingleResultTranslationFailed<TResult>(Expression<Func<ISetSource, TResult>> query, string messageFragment)
    {
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => ActualSingleAsync(query, context));
        AssertRefusal(exception, messageFragment);
    }

    /// <summary>The operation of the first request, from the first line of ToQueryString().</summary>
    public async Task<string> QueryStringAsync<TResult>(Func<ISetSource, IQueryable<TResult>> query)
    {
        await using var context = fixture.CreateContext();
        return query(new ContextSetSource(context)).ToQueryString();
    }

    public async Task AssertOperation<TResult>(Func<ISetSource, IQueryable<TResult>> query, string operation)
    {
        await using var context = fixture.CreateContext();
        AssertOperation(query(new ContextSetSource(context)), operation);
    }

    private static void AssertOperation<TResult>(IQueryable<TResult> query, string operation)
    {
        var plan = query.ToQueryString();
        var firstLine = plan.Split(Environment.NewLine)[0];
        Assert.True(
            OperationOf(firstLine) == operation,
            $"Expected the provider to send {operation}, but ToQueryString() is:{Environment.NewLine}{plan}");
    }

    private void AssertLoggedOperation(string operation)
    {
        var operations = fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest)
            .Select(m => ExecutedRequestPattern().Match(m))
            .Where(m => m.Success)
            .Select(m => OperationOf(m.Groups["operation"].Value + " " + m.Groups["table"].Value))
            .Distinct()
            .ToList();
        var actual = operations.Count == 0 ? "None" : string.Join(" + ", operations);
        Assert.True(actual == operation, $"Expected the provider to send {operation}, but it sent {actual}.");
    }

    private void AssertRefusal(InvalidOperationException exception, string messageFragment)
    {
        Assert.True(
            exception.Message.Contains(messageFragment, StringComparison.Ordinal),
            $"The refusal should say '{messageFragment}', but says:{Environment.NewLine}{exception.Message}");
        Assert.Empty(fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest));
    }

    /// <summary>"Query INDEX ByEmployee" from "Query prefix_Orders INDEX ByEmployee"; "None" for a plan that sends nothing.</summary>
    private static string OperationOf(string header)
    {
        if (header.StartsWith("--", StringComparison.Ordinal))
        {
            return "None";
        }

        var words = header.Split(' ');
        return words.Length >= 4 && words[2] == "INDEX" ? $"{words[0]} INDEX {words[3]}" : words[0];
    }

    private List<TResult> Expected<TResult>(Func<ISetSource, IQueryable<TResult>> query)
    {
        var expected = query(_expectedSource);
        return expected.Provider.CreateQuery<TResult>(ExpectedQueryRewriter.Rewrite(expected.Expression)).ToList();
    }

    private TResult ExpectedSingle<TResult>(Expression<Func<ISetSource, TResult>> query)
        => Expression.Lambda<Func<ISetSource, TResult>>(ExpectedQueryRewriter.Rewrite(query.Body), query.Parameters)
            .Compile()(_expectedSource);

    /// <summary>
    ///     Runs a terminal operator the way EF's async operators do (CountAsync, FirstAsync...): the same expression, with each
    ///     <c>ss.Set&lt;T&gt;()</c> replaced by the context's query root, executed through the async query provider.
    /// </summary>
    private static Task<TResult> ActualSingleAsync<TResult>(Expression<Func<ISetSource, TResult>> query, DbContext context)
    {
        var inliner = new SetSourceInliner(query.Parameters[0], context);
        var body = inliner.Visit(query.Body);
        var provider = inliner.Provider ?? throw new InvalidOperationException($"The query '{query}' reads no set.");
        return provider.ExecuteAsync<Task<TResult>>(body);
    }

    private static void AssertExpectedCardinality(int count, bool assertEmpty)
    {
        if (assertEmpty)
        {
            Assert.True(count == 0, $"LINQ-to-Objects returns {count} results, but the test says it returns none.");
        }
        else
        {
            Assert.True(count > 0, "LINQ-to-Objects returns nothing: the test would prove little (pass assertEmpty: true if that is the point).");
        }
    }

    private static bool IsOrdered(Expression expression)
    {
        while (expression is MethodCallExpression { Arguments.Count: > 0 } call)
        {
            switch (call.Method.Name)
            {
                case nameof(Queryable.OrderBy) or nameof(Queryable.OrderByDescending) or nameof(Queryable.ThenBy)
                    or nameof(Queryable.ThenByDescending) or nameof(Queryable.Reverse):
                    return true;
                case nameof(Queryable.Distinct):
                    return false;
            }

            expression = call.Arguments[0];
        }

        return false;
    }

    private static void Compare(List<string> expected, List<string> actual, bool ordered)
    {
        if (ordered ? expected.SequenceEqual(actual) : expected.Order(StringComparer.Ordinal).SequenceEqual(actual.Order(StringComparer.Ordinal)))
        {
            return;
        }

        var message = new StringBuilder()
            .Append("LINQ-to-Objects returns ").Append(expected.Count).Append(" results, the provider ").Append(actual.Count)
            .Append(ordered ? " (compared in order)." : " (compared as multisets).").AppendLine();
        var missing = MultisetExcept(expected, actual);
        var unexpected = MultisetExcept(actual, expected);
        if (missing.Count == 0 && unexpected.Count == 0)
        {
            var index = expected.Zip(actual).TakeWhile(p => p.First == p.Second).Count();
            message.Append("Same results in another order; first difference at ").Append(index).AppendLine(":")
                .Append("  expected ").AppendLine(expected[index])
                .Append("  actual   ").AppendLine(actual[index]);
        }

        AppendList(message, "Missing", missing);
        AppendList(message, "Unexpected", unexpected);
        Assert.Fail(message.ToString());
    }

    private static List<string> MultisetExcept(List<string> left, List<string> right)
    {
        var counts = right.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        var result = new List<string>();
        foreach (var item in left)
        {
            if (counts.TryGetValue(item, out var count) && count > 0)
            {
                counts[item] = count - 1;
            }
            else
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static void AppendList(StringBuilder message, string title, List<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        message.Append(title).Append(" (").Append(items.Count).AppendLine("):");
        foreach (var item in items.Take(ShownDifferences))
        {
            message.Append("  ").AppendLine(item);
        }
    }

    [GeneratedRegex("^Executed DynamoDB (?<operation>\\w+) on '(?<table>[^']*)'")]
    private static partial Regex ExecutedRequestPattern();

    /// <summary>Replaces <c>ss.Set&lt;T&gt;()</c> with the query root of the context's DbSet.</summary>
    private sealed class SetSourceInliner(ParameterExpression setSource, DbContext context) : ExpressionVisitor
    {
        private static readonly MethodInfo SetMethod = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;

        public IAsyncQueryProvider? Provider { get; private set; }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Object == setSource && node.Method.Name == nameof(ISetSource.Set))
            {
                var set = (IQueryable)SetMethod.MakeGenericMethod(node.Method.GetGenericArguments()).Invoke(context, null)!;
                Provider ??= (IAsyncQueryProvider)set.Provider;
                return set.Expression;
            }

            return base.VisitMethodCall(node);
        }
    }
}
