using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query;

/// <summary>
///     500 random predicates through the provider and through LINQ-to-Objects: the answers must be equal, or the provider must
///     refuse the query with an InvalidOperationException. A different answer is never acceptable.
/// </summary>
public class RandomPredicateTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private const int PredicateCount = 500;

    [Fact]
    public async Task Random_predicates_agree_with_LINQ_to_Objects()
    {
        var generator = new RandomPredicateGenerator(seed: 20261126);
        var refused = new List<string>();
        var operations = new Dictionary<string, int>();
        await using var context = fixture.CreateContext();
        for (var i = 0; i < PredicateCount; i++)
        {
            var predicate = generator.Next();
            var expected = fixture.Records.AsQueryable().Where(predicate).Select(r => r.Pk + "/" + r.Sk).OrderBy(k => k, StringComparer.Ordinal).ToList();
            var query = context.Records.AsNoTracking().Where(predicate).Select(r => new { r.Pk, r.Sk });
            List<string> actual;
            try
            {
                var operation = query.ToQueryString().Split(' ', '\n')[0];
                operations[operation] = operations.GetValueOrDefault(operation) + 1;
                actual = (await query.ToListAsync()).Select(r => r.Pk + "/" + r.Sk).OrderBy(k => k, StringComparer.Ordinal).ToList();
            }
            catch (InvalidOperationException exception)
            {
                refused.Add(predicate + ": " + exception.Message);
                continue;
            }

            Assert.True(
                expected.SequenceEqual(actual),
                $"Predicate #{i} {predicate} returned {actual.Count} items, LINQ-to-Objects {expected.Count}.{Environment.NewLine}"
                + $"Missing: {string.Join(", ", expected.Except(actual).Take(10))}{Environment.NewLine}"
                + $"Extra: {string.Join(", ", actual.Except(expected).Take(10))}{Environment.NewLine}{query.ToQueryString()}");
        }

        // The generator only builds translatable shapes: a refusal is a missing translation worth knowing about.
        Assert.True(refused.Count == 0, "Refused:" + Environment.NewLine + string.Join(Environment.NewLine, refused.Take(10)));
        Assert.True(operations.Count >= 3, "Expected a mix of operations, got " + string.Join(", ", operations));
    }
}
