using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>The per-execution state of a query: EF's, plus what sending DynamoDB requests needs.</summary>
internal sealed class DynamoDbQueryContext(
    QueryContextDependencies dependencies,
    IDynamoDbRequestExecutor executor,
    ITableNameResolver tableNames)
    : QueryContext(dependencies)
{
    public IDynamoDbRequestExecutor Executor { get; } = executor;

    public ITableNameResolver TableNames { get; } = tableNames;
}
