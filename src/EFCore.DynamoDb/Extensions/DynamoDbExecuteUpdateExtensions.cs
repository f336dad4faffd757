using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Query;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>DynamoDB's update language beyond EF's ExecuteUpdateAsync: an update that returns the item it left.</summary>
public static class DynamoDbExecuteUpdateExtensions
{
    internal static readonly MethodInfo ExecuteUpdateAndGetMethodInfo
        = typeof(DynamoDbExecuteUpdateExtensions).GetMethod(nameof(ExecuteUpdateAndGet), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    ///     Updates one item as <c>ExecuteUpdateAsync</c> does (one conditional UpdateItem, no read) and returns the entity as
    ///     DynamoDB holds it after the update (<c>ReturnValues = ALL_NEW</c>), so a counter's new value needs no second read.
    ///     The Where must pin the full primary key with <c>==</c>.
    /// </summary>
    /// <remarks>
    ///     The entity returned is not tracked (it reflects the item, not any instance the context tracks); attach it to save
    ///     it later. It is null when the item does not exist or the rest of the Where did not hold (nothing was changed).
    /// </remarks>
    /// <example>
    ///     <code>
    ///         var counter = await context.Counters.Where(c => c.Id == id)
    ///             .ExecuteUpdateAndGetAsync(s => s.SetProperty(c => c.Views, c => c.Views + 1));
    ///     </code>
    /// </example>
    /// <param name="source">The query: a DbSet with a Where pinning the full key, and any further condition.</param>
    /// <param name="setPropertyCalls">The SetProperty calls, as for ExecuteUpdateAsync.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <typeparam name="TSource">The entity type.</typeparam>
    /// <returns>The updated entity, untracked; null when nothing was updated.</returns>
    public static async Task<TSource?> ExecuteUpdateAndGetAsync<TSource>(
        this IQueryable<TSource> source,
        Action<UpdateSettersBuilder<TSource>> setPropertyCalls,
        CancellationToken cancellationToken = default)
        where TSource : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(setPropertyCalls);
        var builder = new UpdateSettersBuilder<TSource>();
        setPropertyCalls(builder);
        var query = source.Provider.CreateQuery<TSource>(
            Expression.Call(
                ExecuteUpdateAndGetMethodInfo.MakeGenericMethod(typeof(TSource)),
                source.AsNoTracking().Expression,
                builder.BuildSettersExpression()));
        await foreach (var entity in query.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            return entity;
        }

        return null;
    }

    // The operator the query carries to the provider's translator; never called.
    private static IQueryable<TSource> ExecuteUpdateAndGet<TSource>(this IQueryable<TSource> source, [NotParameterized] IReadOnlyList<ITuple> setters)
        => throw new InvalidOperationException("ExecuteUpdateAndGet is translated by the DynamoDB provider, not called.");
}
