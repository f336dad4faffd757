using System.Transactions;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     DynamoDB has no interactive transactions: one <c>SaveChangesAsync</c> of 2 to 100 writes is already atomic
///     (TransactWriteItems). Explicit transactions are refused rather than silently ignored.
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public class DynamoDbTransactionManager : IDbContextTransactionManager, ITransactionEnlistmentManager
{
    private const string Message =
        "DynamoDB does not support explicit transactions (BeginTransaction, TransactionScope, EnlistTransaction). "
        + "One SaveChangesAsync call with 2 to 100 writes is already one atomic TransactWriteItems request.";

    /// <inheritdoc />
    public virtual IDbContextTransaction BeginTransaction() => throw new InvalidOperationException(Message);

    /// <inheritdoc />
    public virtual Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(Message);

    /// <inheritdoc />
    public virtual void CommitTransaction() => throw new InvalidOperationException(Message);

    /// <inheritdoc />
    public virtual Task CommitTransactionAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException(Message);

    /// <inheritdoc />
    public virtual void RollbackTransaction() => throw new InvalidOperationException(Message);

    /// <inheritdoc />
    public virtual Task RollbackTransactionAsync(CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(Message);

    /// <inheritdoc />
    public virtual IDbContextTransaction? CurrentTransaction => null;

    /// <inheritdoc />
    public virtual Transaction? EnlistedTransaction => null;

    /// <inheritdoc />
    public virtual void EnlistTransaction(Transaction? transaction)
    {
        if (transaction != null)
        {
            throw new InvalidOperationException(Message);
        }
    }

    /// <inheritdoc />
    public virtual void ResetState()
    {
    }

    /// <inheritdoc />
    public virtual Task ResetStateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
