using System.Linq.Expressions;
using EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Types;

/// <summary>
///     Dates and times stored as text sort and compare in DynamoDB (as sort keys, in key conditions and in filters) exactly as
///     the CLR values do: each query's result equals LINQ-to-Objects over the same values.
/// </summary>
[Collection(TypesCollection.Name)]
public class OrderPreservationTests(TypesFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private static readonly Random Random = new(20240229);

    private static DateTime RandomDateTime(DateTimeKind kind)
        => new(Random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), kind);

    private static readonly DateTime Instant = new(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc);

    public static readonly DateTime[] DateTimes =
    [
        DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
        DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
        Instant, Instant.AddTicks(1), Instant.AddTicks(-1), Instant.AddSeconds(1), Instant.AddYears(-2000),
        new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Unspecified), new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        new DateTime(999, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(1000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        .. Enumerable.Range(0, 20).Select(i => RandomDateTime(i % 2 == 0 ? DateTimeKind.Utc : DateTimeKind.Unspecified)),
    ];

    // Different offsets, including instants that read earlier in local text than in UTC (10:00+02:00 is before 09:00Z).
    public static readonly DateTimeOffset[] DateTimeOffsets =
    [
        DateTimeOffset.MinValue, DateTimeOffset.MaxValue,
        new(2024, 2, 29, 10, 0, 0, TimeSpan.FromHours(2)),
        new(2024, 2, 29, 9, 0, 0, TimeSpan.Zero),
        new(2024, 2, 29, 9, 30, 0, TimeSpan.FromHours(-14)),
        new(2024, 2, 29, 23, 30, 1, TimeSpan.FromHours(14)),
        new(2024, 2, 29, 8, 59, 59, TimeSpan.FromMinutes(-30)),
        new DateTimeOffset(2024, 2, 29, 9, 0, 0, TimeSpan.Zero).AddTicks(1),
        new(1, 1, 2, 14, 0, 0, TimeSpan.FromHours(14)),
        new(9999, 12, 31, 10, 0, 0, TimeSpan.FromHours(-13)),
        .. Enumerable.Range(0, 20).Select(i => new DateTimeOffset(
            new DateTime(Random.NextInt64(DateTime.MinValue.AddDays(1).Ticks, DateTime.MaxValue.AddDays(-1).Ticks)),
            TimeSpan.FromMinutes(Random.Next(-14 * 60, 14 * 60 + 1)))),
    ];

    public static readonly DateOnly[] DateOnlys =
    [
        DateOnly.MinValue, DateOnly.MaxValue, new(2024, 2, 29), new(2024, 3, 1), new(2023, 12, 31), new(999, 9, 9), new(1000, 1, 1),
        .. Enumerable.Range(0, 23).Select(_ => DateOnly.FromDayNumber(Random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber + 1))),
    ];

    public static readonly TimeOnly[] TimeOnlys =
    [
        TimeOnly.MinValue, TimeOnly.MaxValue, new(12, 0), new TimeOnly(12, 0).Add(TimeSpan.FromTicks(1)), new(9, 59, 59), new(10, 0), new(0, 0, 1),
        .. Enumerable.Range(0, 23).Select(_ => new TimeOnly(Random.NextInt64(TimeOnly.MinValue.Ticks, TimeOnly.MaxValue.Ticks + 1))),
    ];

    public static readonly TimeSpan[] TimeSpans =
    [
        TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromTicks(-1),
        TimeSpan.FromDays(-1), TimeSpan.FromDays(-2), TimeSpan.FromDays(1), TimeSpan.FromHours(-25), TimeSpan.FromMinutes(-1),
        TimeSpan.FromDays(10_000_000), TimeSpan.FromDays(-10_000_000), TimeSpan.MinValue + TimeSpan.FromTicks(1), TimeSpan.MaxValue - TimeSpan.FromTicks(1),
        .. Enumerable.Range(0, 16).Select(_ => TimeSpan.FromTicks(Random.NextInt64(long.MinValue, long.MaxValue))),
    ];

    [Fact]
    public Task DateTime_sort_keys_sort_and_compare_like_DateTime()
        => AssertOrderPreservedAsync(c => c.DateTimeSorted, DateTimes, [Instant, Instant.AddTicks(2), DateTime.MinValue, new DateTime(1999, 12, 31, 23, 59, 59)]);

    [Fact]
    public Task DateTimeOffset_sort_keys_sort_and_compare_like_DateTimeOffset()
        => AssertOrderPreservedAsync(
            c => c.DateTimeOffsetSorted,
            DateTimeOffsets,
            [
                new DateTimeOffset(2024, 2, 29, 11, 0, 0, TimeSpan.FromHours(2)), // the instant of 09:00Z, in another offset
                new DateTimeOffset(2024, 2, 29, 9, 0, 0, TimeSpan.FromHours(1)),
                DateTimeOffset.MinValue,
                DateTimeOffset.MaxValue,
            ]);

    [Fact]
    public Task DateOnly_sort_keys_sort_and_compare_like_DateOnly()
        => AssertOrderPreservedAsync(c => c.DateOnlySorted, DateOnlys, [new DateOnly(2024, 2, 29), new DateOnly(1000, 1, 2), DateOnly.MaxValue]);

    [Fact]
    public Task TimeOnly_sort_keys_sort_and_compare_like_TimeOnly()
        => AssertOrderPreservedAsync(c => c.TimeOnlySorted, TimeOnlys, [new TimeOnly(12, 0), new TimeOnly(9, 0), TimeOnly.MinValue]);

    [Fact]
    public Task TimeSpan_sort_keys_sort_and_compare_like_TimeSpan_including_negative_ones()
        => AssertOrderPreservedAsync(
            c => c.TimeSpanSorted,
            TimeSpans,
            [TimeSpan.Zero, TimeSpan.FromTicks(-1), TimeSpan.FromDays(-1.5), TimeSpan.FromHours(36), TimeSpan.MinValue, TimeSpan.MaxValue]);

    private sealed class Box<T>(T value)
    {
        public T Value = value;
    }

    private async Task AssertOrderPreservedAsync<TEntity, TKey>(
        Func<TypesContext, DbSet<TEntity>> set,
        TKey[] values,
        TKey[] extraPivots)
        where TEntity : class, ISorted<TKey>, new()
        where TKey : struct, IComparable<TKey>
    {
        const string pk = "order";
        Assert.Equal(values.Length, values.Distinct().Count());
        await using (var context = fixture.CreateContext())
        {
            set(context).AddRange(values.Select(v => new TEntity { Pk = pk, Sk = v }));
            await context.SaveChangesAsync();
        }

        var ascending = values.Order().ToList();
        var entity = Expression.Parameter(typeof(TEntity), "e");
        var sortKey = Expression.Property(entity, nameof(ISorted<TKey>.Sk));
        var partition = Expression.Equal(Expression.Property(entity, nameof(ISorted<TKey>.Pk)), Expression.Field(Expression.Constant(new Box<string>(pk)), "Value"));
        var keySelector = Expression.Lambda<Func<TEntity, TKey>>(sortKey, entity);

        Expression Compare(ExpressionType op, TKey pivot) => Expression.MakeBinary(op, sortKey, Expression.Field(Expression.Constant(new Box<TKey>(pivot)), "Value"));
        Expression<Func<TEntity, bool>> Where(Expression body) => Expression.Lambda<Func<TEntity, bool>>(body, entity);

        await using var query = fixture.CreateContext();
        var source = set(query).AsNoTracking();

        // OrderBy / OrderByDescending on the sort key: ScanIndexForward over the stored text.
        Assert.Equal(ascending, await source.Where(Where(partition)).OrderBy(keySelector).Select(keySelector).ToListAsync());
        Assert.Equal(
            Enumerable.Reverse(ascending),
            await source.Where(Where(partition)).OrderByDescending(keySelector).Select(keySelector).ToListAsync());

        // Key conditions and filters against stored values, their neighbours and values not stored.
        var pivots = new[] { ascending[0], ascending[^1], ascending[ascending.Count / 2], ascending[ascending.Count / 3] }.Concat(extraPivots);
        var operators = new (ExpressionType Op, Func<int, bool> Holds)[]
        {
            (ExpressionType.GreaterThan, c => c > 0),
            (ExpressionType.GreaterThanOrEqual, c => c >= 0),
            (ExpressionType.LessThan, c => c < 0),
            (ExpressionType.LessThanOrEqual, c => c <= 0),
        };
        foreach (var pivot in pivots)
        {
            foreach (var (op, holds) in operators)
            {
                var expected = ascending.Where(v => holds(v.CompareTo(pivot))).ToList();
                var keyCondition = source.Where(Where(Expression.AndAlso(partition, Compare(op, pivot)))).OrderBy(keySelector).Select(keySelector);
                Assert.Contains("KeyConditionExpression", keyCondition.ToQueryString());
                Assert.True(expected.SequenceEqual(await keyCondition.ToListAsync()), $"Key condition Sk {op} {pivot}");

                var filter = source.Where(Where(Compare(op, pivot)));
                Assert.StartsWith("Scan ", filter.ToQueryString());
                Assert.Contains("FilterExpression", filter.ToQueryString());
                Assert.True(
                    expected.SequenceEqual((await filter.ToListAsync()).Where(e => e.Pk == pk).Select(e => e.Sk).Order()),
                    $"Filter Sk {op} {pivot}");
            }
        }

        // BETWEEN, with bounds from the stored values and from the extra pivots.
        var bounds = pivots.Order().ToList();
        for (var i = 0; i + 1 < bounds.Count; i++)
        {
            var (low, high) = (bounds[i], bounds[i + 1]);
            var between = source.Where(Where(Expression.AndAlso(
                    partition,
                    Expression.AndAlso(Compare(ExpressionType.GreaterThanOrEqual, low), Compare(ExpressionType.LessThanOrEqual, high)))))
                .OrderBy(keySelector).Select(keySelector);
            Assert.Contains("BETWEEN", between.ToQueryString());
            Assert.Equal(ascending.Where(v => v.CompareTo(low) >= 0 && v.CompareTo(high) <= 0), await between.ToListAsync());
        }
    }
}
