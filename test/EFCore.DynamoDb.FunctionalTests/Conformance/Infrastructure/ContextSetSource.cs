using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;

/// <summary>The DbSets of a context: what the provider returns.</summary>
internal sealed class ContextSetSource(DbContext context) : ISetSource
{
    public IQueryable<TEntity> Set<TEntity>()
        where TEntity : class
        => context.Set<TEntity>();
}
