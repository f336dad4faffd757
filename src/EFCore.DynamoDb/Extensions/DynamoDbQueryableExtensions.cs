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

    internal static readonly MethodInfo WithTransactionalReadMethodInfo
        = typeof(DynamoDbQueryableExtensions).GetMethod(nameof(WithTransactionalRead))!;

    internal static readonly MethodInfo WithPageSizeMethodInfo
        = typeof(DynamoDbQueryableExtensions).GetMethod(nameof(WithPageSize))!;

    internal static readonly MethodInfo WithReadCapacityLimitMethodInfo
        = typeof(DynamoDbQueryableExtensions).GetMethod(nameof(WithReadCapacityLimit))!;

    internal static readonly MethodInfo WithParallelScanMethodInfo
        = typeof(DynamoDbQueryableExtensions).GetMethod(nameof(WithParallelScan))!;

    internal static readonly MethodInfo FromPartiQLMethodInfo
        = typeof(DynamoDbQueryableExtensions).GetMethod(nameof(PartiQLSource), BindingFlags.NonPublic | BindingFlags.Static)!;

    internal static readonly MethodInfo FromItemsMethodInfo
        = typeof(DynamoDbQueryableExtensions).GetMethod(nameof(ItemsSource), BindingFlags.NonPublic | BindingFlags.Static)!;

    internal static readonly MethodInfo ToPageAsyncMethodInfo
        = typeof(DynamoDbQueryableExtensions).GetMethod(nameof(ToPageAsync))!;

    /// <summary>
    ///     The query with the hint operator <paramref name="method" /> (and its argument) applied, for the provider's translator to
    ///     read; another LINQ provider's query is returned as it is, as EF's own hint operators do.
    /// </summary>
    private static IQueryable<TEntity> WithHint<TEntity>(IQueryable<TEntity> source, MethodInfo method, object? argument = null)
        where TEntity : class
        => source.Provider is EntityQueryProvider
            ? source.Provider.CreateQuery<TEntity>(
                argument == null
                    ? Expression.Call(null, method.MakeGenericMethod(typeof(TEntity)), source.Expression)
                    : Expression.Call(null, method.MakeGenericMethod(typeof(TEntity)), source.Expression, Expression.Constant(argument)))
            : source;

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
        return WithHint(source, WithIndexMethodInfo, indexName);
    }

    /// <summary>
    ///     Reads with strong consistency (ConsistentRead), which costs twice the read capacity of the default eventually
    ///     consistent reads. Global secondary indexes do not support it.
    /// </summary>
    public static IQueryable<TEntity> WithConsistentRead<TEntity>(this IQueryable<TEntity> source)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(source);
        return WithHint(source, WithConsistentReadMethodInfo);
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
        return WithHint(source, WithScanMethodInfo);
    }

    /// <summary>
    ///     Reads the items the query's full keys address (a key lookup, a list of keys, an OR of keys) as one TransactGetItems:
    ///     a consistent snapshot of up to 100 items, as PynamoDB's <c>TransactGet</c> reads them, at twice the read capacity of
    ///     a consistent read. Other conditions of the query are checked on the items read. A query that does not pin full keys,
    ///     or pins more than 100, is refused.
    /// </summary>
    public static IQueryable<TEntity> WithTransactionalRead<TEntity>(this IQueryable<TEntity> source)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(source);
        return WithHint(source, WithTransactionalReadMethodInfo);
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
        return WithHint(source, WithPageSizeMethodInfo, itemsPerRequest);
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

        return WithHint(source, WithReadCapacityLimitMethodInfo, unitsPerSecond);
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
        return WithHint(source, WithParallelScanMethodInfo, totalSegments);
    }

    /// <summary>
    ///     Reads the entities a PartiQL SELECT statement returns (DynamoDB's ExecuteStatement, paged with NextToken). The
    ///     interpolated values become <c>?</c> parameters, never text of the statement, converted as the provider stores their
    ///     CLR types (a DateTime as its ISO-8601 text...). LINQ operators composed after it run on the items the statement
    ///     returns (Where, OrderBy, Take, Count... as LINQ-to-Objects would). The statement names the table as DynamoDB knows it,
    ///     with the options' TableNamePrefix.
    /// </summary>
    /// <remarks>
    ///     <see cref="DynamoDbPartiQL.Table" /> as an interpolated value is the entity type's table, quoted and with the
    ///     TableNamePrefix: <c>$"SELECT * FROM {DynamoDbPartiQL.Table} WHERE ForumName = {forum}"</c>.
    /// </remarks>
    public static IQueryable<TEntity> FromPartiQL<TEntity>(this DbSet<TEntity> source, FormattableString statement)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(statement);
        var arguments = statement.GetArguments();
        var holes = arguments.Select(a => ReferenceEquals(a, DynamoDbPartiQL.Table) ? (object)DynamoDbPartiQL.TableToken : "?").ToArray();
        return source.FromPartiQLRaw(
            string.Format(System.Globalization.CultureInfo.InvariantCulture, statement.Format, holes),
            arguments.Where(a => !ReferenceEquals(a, DynamoDbPartiQL.Table)).ToArray());
    }

    /// <summary>
    ///     Reads the entities a PartiQL SELECT statement returns; <paramref name="parameters" /> are the values of its <c>?</c>
    ///     placeholders, in order. See <see cref="FromPartiQL{TEntity}(DbSet{TEntity}, FormattableString)" />.
    /// </summary>
    public static IQueryable<TEntity> FromPartiQLRaw<TEntity>(this DbSet<TEntity> source, string statement, params object?[] parameters)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        ArgumentNullException.ThrowIfNull(parameters);
        var queryable = (IQueryable<TEntity>)source;

        // A closure, so that EF makes the values a parameter of the cached query rather than part of its cache key.
        Expression<Func<object?[]>> values = () => parameters;
        return queryable.Provider.CreateQuery<TEntity>(
            Expression.Call(
                null, FromPartiQLMethodInfo.MakeGenericMethod(typeof(TEntity)), queryable.Expression, Expression.Constant(statement),
                values.Body));
    }

    /// <summary>
    ///     Turns items read by other means (the raw client, a DynamoDB stream record, an export) into entities, tracked unless
    ///     the query says <c>AsNoTracking()</c>, exactly as if a query had read them: converted, validated, identity-resolved.
    ///     No request is sent; LINQ operators composed after it run on these items, and items of other entity types of a
    ///     shared table are left out by their discriminator.
    /// </summary>
    public static IQueryable<TEntity> FromItems<TEntity>(
        this DbSet<TEntity> source,
        IEnumerable<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>> items)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(items);
        var queryable = (IQueryable<TEntity>)source;
        var list = items.ToList();
        var missing = list.IndexOf(null!);
        if (missing >= 0)
        {
            throw new ArgumentException($"The item at index {missing} of the items given to FromItems is null.", nameof(items));
        }

        Expression<Func<IReadOnlyList<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>>>> values = () => list;
        return queryable.Provider.CreateQuery<TEntity>(
            Expression.Call(null, FromItemsMethodInfo.MakeGenericMethod(typeof(TEntity)), queryable.Expression, values.Body));
    }

    // The markers FromPartiQL and FromItems put in the query tree (their first parameter is the root's IQueryable type); the
    // provider's translation reads them, nothing calls them.
    private static IQueryable<TEntity> PartiQLSource<TEntity>(IQueryable<TEntity> source, string statement, object?[] parameters)
        => throw new InvalidOperationException("FromPartiQL can only be used in queries of a DynamoDB DbContext.");

    private static IQueryable<TEntity> ItemsSource<TEntity>(
        IQueryable<TEntity> source,
        IReadOnlyList<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>> items)
        => throw new InvalidOperationException("FromItems can only be used in queries of a DynamoDB DbContext.");

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
