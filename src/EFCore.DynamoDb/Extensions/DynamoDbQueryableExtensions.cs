using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.Internal;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>DynamoDB-specific LINQ operators.</summary>
public static class DynamoDbQueryableExtensions
{
    internal static readonly MethodInfo WithIndexMethodInfo
        = typeof(DynamoDbQueryableExtensions).GetMethod(nameof(WithIndex))!;

    internal static readonly MethodInfo WithConsistentReadMethodInfo
        = typeof(DynamoDbQueryableExtensions).GetMethod(nameof(WithConsistentRead))!;

    internal static readonly MethodInfo ToPageAsyncMethodInfo
        = typeof(DynamoDbQueryableExtensions).GetMethod(nameof(ToPageAsync))!;

    /// <summary>
    ///     Runs the query on the secondary index <paramref name="indexName" /> instead of letting the provider choose. A global or
    ///     local index only holds items that have its key attributes (a sparse index), so results can differ from a query on
    ///     the table: that is the point of forcing one.
    /// </summary>
    public static IQueryable<TEntity> WithIndex<TEntity>(this IQueryable<TEntity> source, string indexName)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(indexName);
        return source.Provider is EntityQueryProvider
            ? source.Provider.CreateQuery<TEntity>(
                Expression.Call(null, WithIndexMethodInfo.MakeGenericMethod(typeof(TEntity)), source.Expression, Expression.Constant(indexName)))
            : source;
    }

    /// <summary>
    ///     Reads with strong consistency (ConsistentRead), which costs twice the read capacity of the default eventually
    ///     consistent reads. Global secondary indexes do not support it.
    /// </summary>
    public static IQueryable<TEntity> WithConsistentRead<TEntity>(this IQueryable<TEntity> source)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Provider is EntityQueryProvider
            ? source.Provider.CreateQuery<TEntity>(
                Expression.Call(null, WithConsistentReadMethodInfo.MakeGenericMethod(typeof(TEntity)), source.Expression))
            : source;
    }

    /// <summary>
    ///     Returns one page of at most <paramref name="pageSize" /> results, and a token to fetch the next page with, or null when
    ///     no results follow. The provider keeps reading DynamoDB pages until the page is full, since DynamoDB's <c>Limit</c>
    ///     counts items read rather than items matched.
    /// </summary>
    public static Task<DynamoDbPage<TSource>> ToPageAsync<TSource>(
        this IQueryable<TSource> source,
        int pageSize,
        string? continuationToken,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (source.Provider is not IAsyncQueryProvider provider)
        {
            throw new InvalidOperationException("ToPageAsync can only be used on queries of a DynamoDB DbContext.");
        }

        return provider.ExecuteAsync<Task<DynamoDbPage<TSource>>>(
            Expression.Call(
                null,
                ToPageAsyncMethodInfo.MakeGenericMethod(typeof(TSource)),
                source.Expression,
                Expression.Constant(pageSize),
                Expression.Constant(continuationToken, typeof(string)),
                Expression.Constant(default(CancellationToken))),
            cancellationToken);
    }
}
