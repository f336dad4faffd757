using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>Creates <see cref="DynamoDbQueryCompilationContext" />s.</summary>
internal sealed class DynamoDbQueryCompilationContextFactory(QueryCompilationContextDependencies dependencies) : IQueryCompilationContextFactory
{
    public QueryCompilationContext Create(bool async) => new DynamoDbQueryCompilationContext(dependencies, async, precompiling: false);

    public QueryCompilationContext CreatePrecompiled(bool async) => new DynamoDbQueryCompilationContext(dependencies, async, precompiling: true);
}
