using System.Linq.Expressions;

namespace EFCore.DynamoDb.FunctionalTests.Query;

/// <summary>
///     Builds random predicates over <see cref="Record" /> from comparisons, null checks, StartsWith, Contains on sets and
///     lists, IN lists, sizes, ordinal string comparisons, and &amp;&amp; / || / !. Values come both as constants and as
///     captured variables (which EF turns into parameters), including nulls. Every predicate is also safe to run with
///     LINQ-to-Objects: methods on nullable strings and lists are guarded with a null check, as C# code would be.
/// </summary>
public sealed class RandomPredicateGenerator(int seed)
{
    private static readonly string?[] Names = ["alpha", "beta", "gamma", "Alpha", "alphabet", "", "zeta", "名前", "nope", null];
    private static readonly string?[] Categories = ["c0", "c1", "c2", "c9", null];
    private static readonly string[] Prefixes = ["al", "A", "", "ze", "名", "b"];
    private static readonly string[] Tags = ["t0", "t1", "t2", "t3", "t4", "t9"];

    private readonly Random _random = new(seed);
    private readonly ParameterExpression _record = Expression.Parameter(typeof(Record), "r");

    public Expression<Func<Record, bool>> Next()
        => Expression.Lambda<Func<Record, bool>>(Condition(_random.Next(1, 4)), _record);

    private Expression Condition(int depth)
    {
        if (depth <= 1 || _random.Next(3) == 0)
        {
            return Atom();
        }

        return _random.Next(5) switch
        {
            0 or 1 => Expression.AndAlso(Condition(depth - 1), Condition(depth - 1)),
            2 or 3 => Expression.OrElse(Condition(depth - 1), Condition(depth - 1)),
            _ => Expression.Not(Condition(depth - 1)),
        };
    }

    private Expression Atom()
        => _random.Next(17) switch
        {
            0 => Compare(Member(nameof(Record.Name)), Value(Pick(Names)), equalityOnly: true),
            1 => Compare(Member(nameof(Record.Score)), Value(PickNullableInt(), typeof(int?))),
            2 => Compare(Member(nameof(Record.Rank)), Value(_random.Next(-1, 11))),
            3 => _random.Next(2) == 0 ? Member(nameof(Record.Flag)) : Expression.Not(Member(nameof(Record.Flag))),
            4 => Compare(Expression.Convert(Member(nameof(Record.State)), typeof(int)), Expression.Convert(Value((Status)_random.Next(0, 3)), typeof(int))),
            5 => Call(Member(nameof(Record.Tags)), nameof(HashSet<string>.Contains), Value(Pick(Tags))),
            6 => Compare(Expression.Property(Member(nameof(Record.Tags)), nameof(HashSet<string>.Count)), Value(_random.Next(0, 4))),
            7 => Expression.AndAlso(
                Expression.NotEqual(Member(nameof(Record.Numbers)), Expression.Constant(null, typeof(List<int>))),
                Call(Member(nameof(Record.Numbers)), nameof(List<int>.Contains), Value(_random.Next(0, 7)))),
            8 => Compare(Member(nameof(Record.Category)), Value(Pick(Categories)), equalityOnly: true),
            9 => Expression.AndAlso(
                Expression.NotEqual(Member(nameof(Record.Name)), Expression.Constant(null, typeof(string))),
                Call(Member(nameof(Record.Name)), nameof(string.StartsWith), Value(Pick(Prefixes)))),
            10 => Compare(Member(nameof(Record.Created)), Value(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(_random.Next(0, 70)))),
            11 => Compare(Member(nameof(Record.Price)), Value(Math.Round((decimal)_random.NextDouble() * 100, 2))),
            12 => In(nameof(Record.Rank), Enumerable.Range(0, _random.Next(0, 5)).Select(_ => (object?)_random.Next(0, 10)).ToList(), typeof(int)),
            13 => In(nameof(Record.Name), Enumerable.Range(0, _random.Next(0, 4)).Select(_ => (object?)Pick(Names)).ToList(), typeof(string)),
            14 => Expression.Equal(Member(nameof(Record.Pk)), Value("P" + _random.Next(0, 7))),
            15 => Compare(Member(nameof(Record.Sk)), Value(_random.Next(-6, 16) * 10)),
            _ => Expression.MakeBinary(
                RandomOperator(equalityOnly: false),
                Expression.Call(typeof(string).GetMethod(nameof(string.CompareOrdinal), [typeof(string), typeof(string)])!,
                    Member(nameof(Record.Name)), Value(Pick(Names))),
                Expression.Constant(0)),
        };

    private Expression Compare(Expression left, Expression right, bool equalityOnly = false)
        => Expression.MakeBinary(RandomOperator(equalityOnly), left, right);

    private ExpressionType RandomOperator(bool equalityOnly)
        => equalityOnly
            ? _random.Next(2) == 0 ? ExpressionType.Equal : ExpressionType.NotEqual
            : (ExpressionType)new[]
            {
                ExpressionType.Equal, ExpressionType.NotEqual, ExpressionType.LessThan, ExpressionType.LessThanOrEqual,
                ExpressionType.GreaterThan, ExpressionType.GreaterThanOrEqual,
            }[_random.Next(6)];

    private Expression In(string member, List<object?> values, Type elementType)
    {
        var listType = typeof(List<>).MakeGenericType(elementType);
        var list = (System.Collections.IList)Activator.CreateInstance(listType)!;
        foreach (var value in values)
        {
            if (value != null || !elementType.IsValueType)
            {
                list.Add(value);
            }
        }

        var contains = Expression.Call(Capture(list, listType), listType.GetMethod(nameof(List<int>.Contains))!, Member(member));
        return _random.Next(3) == 0 ? Expression.Not(contains) : contains;
    }

    private Expression Call(Expression instance, string method, Expression argument)
        => Expression.Call(instance, instance.Type.GetMethod(method, [argument.Type])!, argument);

    private Expression Member(string name) => Expression.Property(_record, name);

    /// <summary>A value as a constant or, half the time, as a captured variable that EF sends as a parameter.</summary>
    private Expression Value<T>(T value) => Value(value, typeof(T));

    private Expression Value(object? value, Type type)
        => _random.Next(2) == 0 ? Expression.Constant(value, type) : Capture(value, type);

    private static Expression Capture(object? value, Type type)
    {
        var holder = Activator.CreateInstance(typeof(Holder<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(holder), nameof(Holder<int>.Value));
    }

    private int? PickNullableInt() => _random.Next(5) == 0 ? null : _random.Next(-5, 50);

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];

    private sealed class Holder<T>(T value)
    {
        public readonly T Value = value;
    }
}
