using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using EFCore.DynamoDb.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>Creates the query context of each query execution.</summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public class DynamoDbQueryContextFactory : IQueryContextFactory
{
    private readonly IDynamoDbRequestExecutor _executor;
    private readonly ITableNameResolver _tableNames;
    private readonly DynamoDbScanBehavior _scanBehavior;
    private readonly TimeProvider _timeProvider;
    private readonly ITypeMappingSource _typeMappings;

    /// <summary>Creates the factory (a scoped service: it reads its context's options).</summary>
    public DynamoDbQueryContextFactory(
        QueryContextDependencies dependencies,
        IDynamoDbRequestExecutor executor,
        ITableNameResolver tableNames,
        IDbContextOptions options,
        TimeProvider timeProvider,
        ITypeMappingSource typeMappings)
    {
        _timeProvider = timeProvider;
        _typeMappings = typeMappings;
        Dependencies = dependencies;
        _executor = executor;
        _tableNames = tableNames;
        _scanBehavior = options.FindExtension<DynamoDbOptionsExtension>()?.ScanBehavior ?? DynamoDbScanBehavior.Allow;
    }

    /// <summary>EF's dependencies of a query context.</summary>
    protected virtual QueryContextDependencies Dependencies { get; }

    /// <inheritdoc />
    public virtual QueryContext Create() => new DynamoDbQueryContext(Dependencies, _executor, _tableNames, _scanBehavior, _timeProvider, _typeMappings);
}
