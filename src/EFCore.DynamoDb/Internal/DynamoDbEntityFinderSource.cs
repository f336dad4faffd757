using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Internal;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Internal;

/// <summary>
///     Creates the <see cref="DynamoDbEntityFinder{TEntity}" /> behind <c>Find</c>/<c>FindAsync</c> in place of EF's
///     <see cref="EntityFinder{TEntity}" /> (EF's <see cref="EntityFinderSource" /> does the same for its own finder).
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
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
