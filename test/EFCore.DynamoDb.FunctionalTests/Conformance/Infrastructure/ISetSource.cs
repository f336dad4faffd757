namespace EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;

/// <summary>
///     Where a test's query gets its entities from: the same query is written once against this interface and run over a
///     DbContext and over the in-memory data.
/// </summary>
public interface ISetSource
{
    IQueryable<TEntity> Set<TEntity>()
        where TEntity : class;
}
