namespace EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;

/// <summary>The in-memory data as LINQ-to-Objects queryables: what every query is expected to return.</summary>
internal sealed class ExpectedSetSource(ConformanceData data) : ISetSource
{
    public IQueryable<TEntity> Set<TEntity>()
        where TEntity : class
        => data.Set<TEntity>().AsQueryable();
}
