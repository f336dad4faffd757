using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Internal;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Internal;

/// <summary>
///     EF's <see cref="EntityFinder{TEntity}" /> with a direct database half for <c>FindAsync</c>: the key lookup EF would build
///     as a new LINQ query on every call (expression tree, parameter extraction, query-cache lookup) is compiled once per model
///     and entity type (<see cref="DynamoDbKeyLookup{TEntity}" />) and run with the key values. Everything else is EF's: the
///     change tracker is asked first (any state, Added and Deleted included, as EF does), the context's query tracking behavior
///     applies, and key values EF would refuse (wrong count or type) are handed to EF's own finder so that it throws its own
///     exception. <c>Find</c> is refused: the AWS SDK is asynchronous on .NET.
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public class DynamoDbEntityFinder<TEntity> : EntityFinder<TEntity>, IEntityFinder
    where TEntity : class
{
    private const string LookupAnnotation = "DynamoDb:KeyLookup";

    private readonly IStateManager _stateManager;
    private readonly IKey _primaryKey;
    private readonly Type[] _keyTypes;
    private readonly DynamoDbKeyLookup<TEntity>? _lookup;

    /// <summary>Creates the finder for one entity type of one context.</summary>
    public DynamoDbEntityFinder(IStateManager stateManager, IDbSetSource setSource, IDbSetCache setCache, IEntityType entityType)
        : base(stateManager, setSource, setCache, entityType)
    {
        _stateManager = stateManager;
        _primaryKey = entityType.FindPrimaryKey()!;
        _keyTypes = _primaryKey.Properties.Select(p => p.ClrType.UnwrapNullableType()).ToArray();

        // Owned types are read through their owner: EF's own finder builds that query. Every other type gets a lookup
        // compiled once per model (a runtime annotation lives as long as the model it belongs to).
        _lookup = entityType.IsOwned()
            ? null
            : entityType.GetOrAddRuntimeAnnotationValue(
                LookupAnnotation, static type => new DynamoDbKeyLookup<TEntity>(type!), entityType);
    }

    /// <summary>
    ///     Refused, tracked entity or not: the AWS SDK is asynchronous on .NET, and code that calls <c>Find</c> should fail the
    ///     first time it runs, not only on the day the entity it looks for happens not to be tracked.
    /// </summary>
    public override TEntity? Find(object?[]? keyValues)
        => throw new InvalidOperationException(
            "The DynamoDB provider does not support synchronous I/O: the AWS SDK is asynchronous on .NET. Use 'FindAsync' instead.");

    object? IEntityFinder.Find(object?[]? keyValues) => Find(keyValues);

    /// <inheritdoc />
    public override ValueTask<TEntity?> FindAsync(object?[]? keyValues, CancellationToken cancellationToken = default)
    {
        if (_lookup == null || !TryValidate(keyValues, ref cancellationToken, out var values))
        {
            return base.FindAsync(keyValues, cancellationToken);
        }

        if (values == null)
        {
            return default;
        }

        return _stateManager.TryGetEntry(_primaryKey, values)?.Entity is TEntity tracked
            ? new ValueTask<TEntity?>(tracked)
            : new ValueTask<TEntity?>(_lookup.FindAsync(_stateManager.Context, values, cancellationToken));
    }

    ValueTask<object?> IEntityFinder.FindAsync(object?[]? keyValues, CancellationToken cancellationToken)
    {
        var found = FindAsync(keyValues, cancellationToken);
        return found.IsCompletedSuccessfully ? new ValueTask<object?>(found.Result) : AwaitAsObject(found);

        static async ValueTask<object?> AwaitAsObject(ValueTask<TEntity?> found) => await found.ConfigureAwait(false);
    }

    /// <summary>
    ///     The key values as EF's finder accepts them: null (nothing to find) when the array or any value is null; the trailing
    ///     <see cref="CancellationToken" /> of <c>FindAsync(pk, sk, token)</c> taken off, as EF does. False for anything EF's
    ///     finder would refuse, so that EF's own finder throws its own exception.
    /// </summary>
    private bool TryValidate(object?[]? keyValues, ref CancellationToken cancellationToken, out object[]? values)
    {
        values = null;
        if (keyValues == null)
        {
            return true;
        }

        foreach (var value in keyValues)
        {
            if (value == null)
            {
                return true;
            }
        }

        var count = _keyTypes.Length;
        if (keyValues.Length == count + 1 && keyValues[count] is CancellationToken token)
        {
            var trimmed = new object[count];
            Array.Copy(keyValues, trimmed, count);
            keyValues = trimmed;
            cancellationToken = token;
        }

        if (keyValues.Length != count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!_keyTypes[i].IsAssignableFrom(keyValues[i]!.GetType()))
            {
                return false;
            }
        }

        values = keyValues!;
        return true;
    }
}
