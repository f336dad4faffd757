using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Reliability;

/// <summary>
///     Attribute names and values that break hand-written expressions (dots, '#', ':', quotes, reserved words, unicode) and
///     conditions near DynamoDB's expression limits: each is sent correctly through placeholders, or refused clearly before
///     any request.
/// </summary>
public class HostileQueryInputTests(HostileQueryInputTests.Fixture fixture) : IClassFixture<HostileQueryInputTests.Fixture>
{
    public class Odd
    {
        public string Id { get; set; } = null!;
        public string? Dotted { get; set; }
        public string? Hashed { get; set; }
        public string? Coloned { get; set; }
        public string? Quoted { get; set; }
        public string? Reserved { get; set; }
        public string? Unicode { get; set; }
        public int Number { get; set; }
    }

    public class OddContext(DbContextOptions<OddContext> options) : DbContext(options)
    {
        public DbSet<Odd> Odds => Set<Odd>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Odd>(b =>
            {
                b.HasPartitionKey(o => o.Id);
                b.Property(o => o.Dotted).HasAttributeName("a.b");
                b.Property(o => o.Hashed).HasAttributeName("#x");
                b.Property(o => o.Coloned).HasAttributeName(":y");
                b.Property(o => o.Quoted).HasAttributeName("say \"hi\" 'there'");
                b.Property(o => o.Reserved).HasAttributeName("Status");
                b.Property(o => o.Unicode).HasAttributeName("名前 😀");
                b.Property(o => o.Number).HasAttributeName("count");
            });
    }

    public class Fixture : IAsyncLifetime
    {
        public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix("Hostile");

        public DbContextOptions<OddContext> Options { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Options = await DynamoDbTestEnvironment.CreateOptionsAsync<OddContext>(Prefix);
            await using var context = new OddContext(Options);
            await context.Database.EnsureCreatedAsync();
            using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
            for (var i = 0; i < 150; i++)
            {
                await raw.PutItemAsync(new PutItemRequest
                {
                    TableName = Prefix + "Odds",
                    Item = new()
                    {
                        ["Id"] = new() { S = "id" + i },
                        ["a.b"] = new() { S = "dot" + i % 3 },
                        ["#x"] = new() { S = "hash" + i % 3 },
                        [":y"] = new() { S = "colon" + i % 3 },
                        ["say \"hi\" 'there'"] = new() { S = "it's \"quoted\" #:" + i % 3 },
                        ["Status"] = new() { S = i % 2 == 0 ? "Open" : "Closed" },
                        ["名前 😀"] = new() { S = "値" + i % 3 + "😀" },
                        ["count"] = new() { N = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    },
                });
            }
        }

        public async Task DisposeAsync()
        {
            await using var context = new OddContext(Options);
            await context.Database.EnsureDeletedAsync();
        }
    }

    [Fact]
    public async Task Odd_attribute_names_are_read_filtered_and_projected_through_placeholders()
    {
        await using var context = new OddContext(fixture.Options);
        var query = context.Odds.Where(o => o.Dotted == "dot1" && o.Hashed == "hash1" && o.Coloned == "colon1"
            && o.Quoted == "it's \"quoted\" #:1" && o.Reserved == "Closed" && o.Unicode == "値1😀" && o.Number > 10);
        var results = await query.Select(o => new { o.Id, o.Unicode, o.Number }).ToListAsync();

        var expected = Enumerable.Range(0, 150).Where(i => i % 3 == 1 && i % 2 == 1 && i > 10).Select(i => "id" + i).Order().ToList();
        Assert.Equal(expected, results.Select(r => r.Id).Order().ToList());
        Assert.All(results, r => Assert.Equal("値1😀", r.Unicode));
        var plan = query.ToQueryString();
        Assert.Contains("\"a.b\"", plan);
        Assert.Contains("\"Status\"", plan);
        Assert.DoesNotContain(" Status ", plan);
    }

    [Fact]
    public async Task An_IN_of_250_values_is_split_into_IN_operators_of_100()
    {
        await using var context = new OddContext(fixture.Options);
        var numbers = Enumerable.Range(0, 250).Select(i => i * 2).ToList();
        var query = context.Odds.Where(o => numbers.Contains(o.Number)).Select(o => o.Number);
        Assert.Equal(3, query.ToQueryString().Split(" IN (").Length - 1);
        Assert.Equal(Enumerable.Range(0, 75).Select(i => i * 2), (await query.ToListAsync()).Order());
    }

    [Theory]
    [InlineData(100, 1)]
    [InlineData(101, 2)]
    public async Task An_IN_of_100_values_is_one_operator_and_101_are_two(int count, int operators)
    {
        await using var context = new OddContext(fixture.Options);
        var numbers = Enumerable.Range(0, count).Select(i => i + 49).ToList();
        var query = context.Odds.Where(o => numbers.Contains(o.Number)).Select(o => o.Number);

        Assert.Equal(operators, query.ToQueryString().Split(" IN (").Length - 1);
        Assert.Equal(Enumerable.Range(49, count), (await query.ToListAsync()).Order());
    }

    [Fact]
    public async Task A_condition_just_under_4_KB_is_sent_and_DynamoDB_accepts_it()
    {
        // Grow an OR of begins_with(#Status, :vN) until the provider refuses it (each clause is some 30 characters, so the
        // 4 KB limit comes before the 300-operator one): the longest condition it sends, DynamoDB must accept.
        await using var context = new OddContext(fixture.Options);
        string? longest = null;
        for (var count = 124; count < 150; count++)
        {
            var values = Enumerable.Range(0, count).Select(i => "Z" + i).Append("Op").ToList();
            var predicate = values.Aggregate(
                (System.Linq.Expressions.Expression<Func<Odd, bool>>)(o => false),
                (acc, value) => Or(acc, o => o.Reserved!.StartsWith(value)));
            var query = context.Odds.Where(predicate).Select(o => o.Id);
            try
            {
                var ids = await query.ToListAsync();
                Assert.Equal(75, ids.Count);
                longest = query.ToQueryString();
            }
            catch (InvalidOperationException exception)
            {
                Assert.Contains("DynamoDB allows 4096", exception.Message);
                break;
            }
        }

        Assert.NotNull(longest);
        var filter = longest.Split(Environment.NewLine).Single(l => l.StartsWith("FilterExpression: ", StringComparison.Ordinal));
        Assert.InRange(filter.Length - "FilterExpression: ".Length, 3_900, 4_096);
    }

    [Fact]
    public async Task A_condition_over_DynamoDBs_expression_limits_is_refused_before_sending()
    {
        await using var context = new OddContext(fixture.Options);
        var values = Enumerable.Range(0, 400).Select(i => "value" + i).ToList();
        var predicate = values.Aggregate(
            (System.Linq.Expressions.Expression<Func<Odd, bool>>)(o => false),
            (acc, value) => Or(acc, o => o.Dotted!.StartsWith(value)));
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Odds.Where(predicate).ToListAsync());
        Assert.Contains("DynamoDB allows", exception.Message);
    }

    [Fact]
    public async Task Long_values_round_trip_through_conditions()
    {
        await using var context = new OddContext(fixture.Options);
        var longValue = new string('x', 200_000);
        Assert.Empty(await context.Odds.Where(o => o.Dotted == longValue).ToListAsync());
    }

    private static System.Linq.Expressions.Expression<Func<Odd, bool>> Or(
        System.Linq.Expressions.Expression<Func<Odd, bool>> left,
        System.Linq.Expressions.Expression<Func<Odd, bool>> right)
    {
        var parameter = left.Parameters[0];
        var body = System.Linq.Expressions.Expression.OrElse(
            left.Body, Microsoft.EntityFrameworkCore.Query.ReplacingExpressionVisitor.Replace(right.Parameters[0], parameter, right.Body));
        return System.Linq.Expressions.Expression.Lambda<Func<Odd, bool>>(body, parameter);
    }
}
