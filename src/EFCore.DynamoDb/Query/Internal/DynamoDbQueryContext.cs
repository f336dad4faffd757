using Microsoft.EntityFrameworkCore;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>The per-execution state of a query: EF's, plus what sending DynamoDB requests needs.</summary>
internal sealed class DynamoDbQueryContext(
    QueryContextDependencies dependencies,
    IDynamoDbRequestExecutor executor,
    ITableNameResolver tableNames,
    DynamoDbScanBehavior scanBehavior,
    TimeProvider timeProvider)
    : QueryContext(dependencies)
{
    /// <summary>The clock capacity pacing waits on.</summary>
    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>What a Scan the query did not ask for does (the context's option).</summary>
    public DynamoDbScanBehavior ScanBehavior { get; } = scanBehavior;

    public IDynamoDbRequestExecutor Executor { get; } = executor;

    public ITableNameResolver TableNames { get; } = tableNames;
}
