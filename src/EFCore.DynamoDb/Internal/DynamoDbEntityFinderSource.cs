using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Internal;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Internal;

/// <summary>
///     Creates the <see cref="DynamoDbEntityFinder{TEntity}" /> behind <c>Find</c>/<c>FindAsync</c> in place of EF's
///     <see cref="EntityFinder{TEntity}" /> (EF's <see cref="EntityFinderSource" /> does the same for its own finder).
/// </summary>
public class DynamoDbEntityFinderSource : IEntityFinderSource
{
    private static readonly MethodInfo CreateFactoryMethod
        = typeof(DynamoDbEntityFinderSource).GetMethod(nameof(CreateFactory), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ConcurrentDictionary<Type, Func<IStateManager, IDbSetSource, IDbSetCache, IEntityType, IEntityFinder>> _factories
        = new();

    /// <inheritdoc />
    public virtual IEntityFinder Create(IStateManager stateManager, IDbSetSource setSource, IDbSetCache setCache, IEntityType type)
        => _factories.GetOrAdd(
            type.ClrType,
            static clrType => (Func<IStateManager, IDbSetSource, IDbSetCache, IEntityType, IEntityFinder>)
                CreateFactoryMethod.MakeGenericMethod(clrType).Invoke(null, null)!)(stateManager, setSource, setCache, type);

    private static Func<IStateManager, IDbSetSource, IDbSetCache, IEntityType, IEntityFinder> CreateFactory<TEntity>()
        where TEntity : class
        => static (stateManager, setSource, setCache, type) => new DynamoDbEntityFinder<TEntity>(stateManager, setSource, setCache, type);
}
