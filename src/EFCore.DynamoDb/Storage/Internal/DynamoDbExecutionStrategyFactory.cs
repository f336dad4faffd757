using EFCore.DynamoDb.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Creates the execution strategy: the one configured with <c>ExecutionStrategy(...)</c> or <c>EnableRetryOnFailure(...)</c>,
///     else a <see cref="DynamoDbRetryingExecutionStrategy" /> with defaults, because DynamoDB throttles as a matter of course.
/// </summary>
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
