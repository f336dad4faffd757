using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>Creates the query context of each query execution.</summary>
public class DynamoDbQueryContextFactory : IQueryContextFactory
{
    private readonly IDynamoDbRequestExecutor _executor;
    private readonly ITableNameResolver _tableNames;

    /// <summary>Creates the factory.</summary>
    public DynamoDbQueryContextFactory(
        QueryContextDependencies dependencies,
        IDynamoDbRequestExecutor executor,
        ITableNameResolver tableNames)
    {
        Dependencies = dependencies;
        _executor = executor;
        _tableNames = tableNames;
    }

    /// <summary>EF's dependencies of a query context.</summary>
    protected virtual QueryContextDependencies Dependencies { get; }

    /// <inheritdoc />
    public virtual QueryContext Create() => new DynamoDbQueryContext(Dependencies, _executor, _tableNames);
}
