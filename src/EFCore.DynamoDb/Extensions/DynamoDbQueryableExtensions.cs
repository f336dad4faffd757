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

    internal static readonly MethodInfo WithScanMethodInfo
        = typeof(DynamoDbQueryableExtensions).GetMethod(nameof(WithScan))!;

    internal static readonly MethodInfo WithPageSizeMethodInfo
        = typeof(DynamoDbQueryableExtensions).GetMethod(nameof(WithPageSize))!;

    internal static readonly MethodInfo WithReadCapacityLimitMethodInfo
        = typeof(DynamoDbQueryableExtensions).GetMethod(nameof(WithReadCapacityLimit))!;

    internal static readonly MethodInfo WithParallelScanMethodInfo
        = typeof(DynamoDbQueryableExtensions).GetMethod(nameof(WithParallelScan))!;

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
    ///     Says that the query may run as a Scan: reading every item of the table (or of the index given with
    ///     <c>WithIndex</c>) when its condition pins no partition key. Without it such a query logs
    ///     <c>DynamoDbEventId.ImplicitScan</c> as a warning, or is refused with <c>ScanBehavior(DynamoDbScanBehavior.Disallow)</c>.
    ///     It changes nothing for queries that are key lookups or Queries.
    /// </summary>
    public static IQueryable<TEntity> WithScan<TEntity>(this IQueryable<TEntity> source)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Provider is EntityQueryProvider
            ? source.Provider.CreateQuery<TEntity>(
                Expression.Call(null, WithScanMethodInfo.MakeGenericMethod(typeof(TEntity)), source.Expression))
            : source;
    }

    /// <summary>
    ///     Sends each Query or Scan request with DynamoDB's <c>Limit</c> of <paramref name="itemsPerRequest" />: at most that many
    ///     items are read (evaluated) per request, instead of DynamoDB's 1 MB pages. Results are the same; smaller pages mean more
    ///     requests, each lighter on the table's capacity at once. It does not limit the number of results: use Take for that.
    /// </summary>
    public static IQueryable<TEntity> WithPageSize<TEntity>(this IQueryable<TEntity> source, int itemsPerRequest)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(itemsPerRequest, 1);
        return source.Provider is EntityQueryProvider
            ? source.Provider.CreateQuery<TEntity>(
                Expression.Call(
                    null, WithPageSizeMethodInfo.MakeGenericMethod(typeof(TEntity)), source.Expression, Expression.Constant(itemsPerRequest)))
            : source;
    }

    /// <summary>
    ///     Paces the query's requests so that the read capacity they consume stays within <paramref name="unitsPerSecond" />
    ///     (PynamoDB's rate-limited scan): before each request the provider waits until the capacity consumed so far fits the
    ///     time elapsed, so that an export or a backfill does not throttle the table's other readers. Consumed capacity is
    ///     asked of DynamoDB for these requests.
    /// </summary>
    public static IQueryable<TEntity> WithReadCapacityLimit<TEntity>(this IQueryable<TEntity> source, double unitsPerSecond)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!(unitsPerSecond > 0) || double.IsInfinity(unitsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(unitsPerSecond), unitsPerSecond, "The read capacity limit must be a positive number of units per second.");
        }

        return source.Provider is EntityQueryProvider
            ? source.Provider.CreateQuery<TEntity>(
                Expression.Call(
                    null, WithReadCapacityLimitMethodInfo.MakeGenericMethod(typeof(TEntity)), source.Expression,
                    Expression.Constant(unitsPerSecond)))
            : source;
    }

    /// <summary>
    ///     Runs the query's Scan as <paramref name="totalSegments" /> segments read in parallel (DynamoDB's Segment and
    ///     TotalSegments; PynamoDB's and DynamoDBContext's parallel scans): each round sends one request per segment at once.
    ///     The results are the Scan's, in no defined order; Count, Any and ToPageAsync work with it (a continuation token
    ///     carries every segment's position). It asks for the Scan (as <see cref="WithScan{TEntity}" /> does); a query that pins a
    ///     key is still a key lookup or a Query.
    /// </summary>
    public static IQueryable<TEntity> WithParallelScan<TEntity>(this IQueryable<TEntity> source, int totalSegments)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSegments, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(totalSegments, 1_000_000);
        return source.Provider is EntityQueryProvider
            ? source.Provider.CreateQuery<TEntity>(
                Expression.Call(
                    null, WithParallelScanMethodInfo.MakeGenericMethod(typeof(TEntity)), source.Expression, Expression.Constant(totalSegments)))
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
