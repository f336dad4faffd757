using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query.Shapes;

/// <summary>Compares a query's results through the provider with LINQ-to-Objects over the fixture's data.</summary>
public abstract class ShapeTestBase(ShapeFixture fixture) : IClassFixture<ShapeFixture>
{
    protected ShapeFixture Fixture { get; } = fixture;

    /// <summary>
    ///     Runs <paramref name="query" /> over the provider (no tracking) and over the fixture's objects; asserts equal results
    ///     (as multisets unless <paramref name="ordered" />) and, when given, the operation ToQueryString starts with.
    /// </summary>
    protected async Task<List<TResult>> AssertQuery<TEntity, TResult>(
        Func<IQueryable<TEntity>, IQueryable<TResult>> query,
        string? operation = null,
        bool ordered = false)
        where TEntity : class
    {
        await using var context = Fixture.CreateContext();
        var providerQuery = query(context.Set<TEntity>().AsNoTracking());
        if (operation != null)
        {
            QueryAssertions.AssertOperation(providerQuery.ToQueryString(), operation);
        }

        var actual = await providerQuery.ToListAsync();
        var expected = query(Data<TEntity>().AsQueryable()).ToList();
        var actualText = actual.Select(Text).ToList();
        var expectedText = expected.Select(Text).ToList();
        if (!ordered)
        {
            actualText.Sort(StringComparer.Ordinal);
            expectedText.Sort(StringComparer.Ordinal);
        }

        Assert.Equal(expectedText, actualText);
        return actual;
    }

    /// <summary>Asserts that the query is refused with an InvalidOperationException whose message holds every fragment.</summary>
    protected async Task<InvalidOperationException> AssertRefused<TResult>(Func<ShapeContext, Task<TResult>> query, params string[] fragments)
    {
        await using var context = Fixture.CreateContext();
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => query(context));
        foreach (var fragment in fragments)
        {
            Assert.True(
                exception.Message.Contains(fragment, StringComparison.Ordinal),
                $"Expected '{fragment}' in the message:{Environment.NewLine}{exception.Message}");
        }

        return exception;
    }

    protected IEnumerable<TEntity> Data<TEntity>()
        => typeof(TEntity) == typeof(ShapeOrder) ? (IEnumerable<TEntity>)Fixture.Orders
            : typeof(TEntity) == typeof(ShapeCustomer) ? (IEnumerable<TEntity>)Fixture.Customers
            : (IEnumerable<TEntity>)Fixture.Products;

    private static string Text<T>(T value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "(null)";
}
