using System.Linq.Expressions;

namespace EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;

/// <summary>
///     Base of the conformance classes: each query either returns exactly what LINQ-to-Objects returns over the same data, or
///     is refused with an InvalidOperationException saying what could not be translated (docs/design.md section 3).
/// </summary>
public abstract class ConformanceTestBase
{
    private readonly QueryAsserter _asserter;

    protected ConformanceTestBase(ConformanceFixture fixture)
    {
        Fixture = fixture;
        _asserter = new QueryAsserter(fixture);
    }

    protected ConformanceFixture Fixture { get; }

    protected ConformanceData Data => Fixture.Data;

    /// <summary>
    ///     Asserts the provider returns what LINQ-to-Objects returns for <paramref name="expectedQuery" /> (by default the same
    ///     query): in order when the query orders (or <paramref name="assertOrder" /> says so), else as multisets. LINQ-to-Objects
    ///     must return something unless <paramref name="assertEmpty" />.
    /// </summary>
    protected Task AssertQuery<TResult>(
        Func<ISetSource, IQueryable<TResult>> query,
        Func<ISetSource, IQueryable<TResult>>? expectedQuery = null,
        bool? assertOrder = null,
        bool assertEmpty = false,
        string? operation = null)
        => _asserter.AssertQuery(query, expectedQuery, assertOrder, assertEmpty, operation);

    protected Task AssertSomeOf<TResult>(Func<ISetSource, IQueryable<TResult>> query, Func<ISetSource, IQueryable<TResult>> candidates)
        => _asserter.AssertSomeOf(query, candidates);

    /// <summary>Asserts a terminal operator (Count, Any, First, Single...) returns what it returns in LINQ-to-Objects.</summary>
    protected Task AssertSingleResult<TResult>(
        Expression<Func<ISetSource, TResult>> query,
        Expression<Func<ISetSource, TResult>>? expectedQuery = null,
        string? operation = null)
        => _asserter.AssertSingleResult(query, expectedQuery, operation);

    protected Task AssertSingleResultThrows<TException, TResult>(Expression<Func<ISetSource, TResult>> query)
        where TException : Exception
        => _asserter.AssertSingleResultThrows<TException, TResult>(query);

    /// <summary>Asserts the query is refused, before any request, with an InvalidOperationException whose message holds the fragment.</summary>
    protected Task AssertTranslationFailed<TResult>(Func<ISetSource, IQueryable<TResult>> query, string messageFragment)
        => _asserter.AssertTranslationFailed(query, messageFragment);

    protected Task AssertSingleResultTranslationFailed<TResult>(Expression<Func<ISetSource, TResult>> query, string messageFragment)
        => _asserter.AssertSingleResultTranslationFailed(query, messageFragment);

    /// <summary>Asserts the first request ToQueryString() shows is <paramref name="operation" />.</summary>
    protected Task AssertOperation<TResult>(Func<ISetSource, IQueryable<TResult>> query, string operation)
        => _asserter.AssertOperation(query, operation);

    protected Task<string> QueryString<TResult>(Func<ISetSource, IQueryable<TResult>> query)
        => _asserter.QueryStringAsync(query);
}
