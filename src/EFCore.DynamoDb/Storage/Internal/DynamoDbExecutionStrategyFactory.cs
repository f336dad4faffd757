using EFCore.DynamoDb.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Creates the execution strategy: the one configured with <c>ExecutionStrategy(...)</c> or <c>EnableRetryOnFailure(...)</c>,
///     else a <see cref="DynamoDbRetryingExecutionStrategy" /> with defaults, because DynamoDB throttles as a matter of course.
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public class DynamoDbExecutionStrategyFactory : IExecutionStrategyFactory
{
    private readonly Func<ExecutionStrategyDependencies, IExecutionStrategy> _createStrategy;

    /// <summary>Creates the factory.</summary>
    public DynamoDbExecutionStrategyFactory(ExecutionStrategyDependencies dependencies, IDbContextOptions options)
    {
        Dependencies = dependencies;
        _createStrategy = options.FindExtension<DynamoDbOptionsExtension>()?.ExecutionStrategyFactory
            ?? (d => new DynamoDbRetryingExecutionStrategy(d));
    }

    /// <summary>The strategy's dependencies.</summary>
    protected virtual ExecutionStrategyDependencies Dependencies { get; }

    /// <inheritdoc />
    public virtual IExecutionStrategy Create() => _createStrategy(Dependencies);
}
