using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query.Shapes;

/// <summary>
///     Projections that hold values other than attributes (captured variables, constants, subqueries), null guards and
///     operations on values that may be null: each gives LINQ-to-Objects' answer, EF's relational answer where C# would
///     throw on a null, or a clear refusal.
/// </summary>
public class ProjectionShapeTests(ShapeFixture fixture) : ShapeTestBase(fixture)
{
    [Fact]
    public Task Select_a_captured_variable()
    {
        var x = 42;
        return AssertQuery<ShapeCustomer, int>(q => q.Select(c => x), "Scan");
    }

    [Fact]
    public Task Select_a_constant()
        => AssertQuery<ShapeCustomer, string>(q => q.Where(c => c.CustomerId == "C1").Select(c => "constant"), "GetItem");

    [Fact]
    public Task Select_an_anonymous_type_with_a_captured_variable_and_an_attribute()
    {
        var b = "captured";
        return AssertQuery<ShapeCustomer, object>(q => q.Select(c => (object)new { f = b, c.City }), "Scan");
    }

    [Fact]
    public Task Select_a_captured_variable_combined_with_an_attribute()
    {
        var suffix = "-x";
        return AssertQuery<ShapeOrder, string>(q => q.Where(o => o.CustomerId == "C2").Select(o => o.Channel + suffix), "Query");
    }

    [Fact]
    public async Task ToQueryString_of_a_projection_of_a_captured_variable()
    {
        var x = 7;
        await using var context = Fixture.CreateContext();
        var plan = context.Orders.Where(o => o.CustomerId == "C3").Select(o => new { x, o.OrderId }).ToQueryString();
        QueryAssertions.AssertOperation(plan, "Query");
        Assert.Contains("ProjectionExpression", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Select_a_subquery_over_another_entity_type_is_refused_naming_it()
    {
        var exception = await AssertRefused(c => c.Customers.Select(x => x.Orders.Count()).ToListAsync(), "ShapeOrder", "no joins");
        Assert.DoesNotContain("reducible", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToQueryString_of_a_subquery_projection_is_refused_naming_it()
    {
        await using var context = Fixture.CreateContext();
        var exception = Assert.Throws<InvalidOperationException>(() => context.Customers.Select(x => x.Orders.Count()).ToQueryString());
        Assert.Contains("'ShapeOrder'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task Null_guard_in_a_projection_is_honoured()
        => AssertQuery<ShapeOrder, object>(
            q => q.Where(o => o.CustomerId == "C0")
                .Select(o => (object)new { o.OrderId, D = o.OrderDate == null ? (DateTime?)null : o.OrderDate.Value.Date }),
            "Query");

    [Fact]
    public Task Null_guard_with_HasValue_in_a_projection_is_honoured()
        => AssertQuery<ShapeOrder, object>(
            q => q.Where(o => o.CustomerId == "C1")
                .Select(o => (object)new { o.OrderId, H = o.OrderDate.HasValue ? o.OrderDate.Value.Hour : -1 }),
            "Query");

    [Fact]
    public Task Null_guard_on_a_string_in_a_projection_is_honoured()
        => AssertQuery<ShapeCustomer, int>(q => q.Select(c => c.Region == null ? -1 : c.Region.Length), "Scan");

    [Fact]
    public async Task Length_of_a_null_string_cast_to_nullable_is_null()
    {
        // LINQ-to-Objects would throw; EF's other providers give null, as the cast asks for.
        await using var context = Fixture.CreateContext();
        var actual = await context.Customers.AsNoTracking().Select(c => new { c.CustomerId, L = (int?)c.Region!.Length }).ToListAsync();
        var expected = Fixture.Customers.Select(c => new { c.CustomerId, L = c.Region == null ? null : (int?)c.Region.Length }).ToList();
        Assert.Equal(expected.OrderBy(e => e.CustomerId), actual.OrderBy(e => e.CustomerId));
        Assert.Contains(actual, r => r.L == null);
    }

    [Fact]
    public async Task IndexOf_on_a_null_string_cast_to_nullable_is_null()
    {
        await using var context = Fixture.CreateContext();
        var actual = await context.Customers.AsNoTracking().Select(c => new { c.CustomerId, I = (int?)c.Region!.IndexOf("") }).ToListAsync();
        var expected = Fixture.Customers.Select(c => new { c.CustomerId, I = c.Region == null ? null : (int?)c.Region.IndexOf("") }).ToList();
        Assert.Equal(expected.OrderBy(e => e.CustomerId), actual.OrderBy(e => e.CustomerId));
        Assert.Contains(actual, r => r.I == null);
    }

    [Fact]
    public async Task Length_of_a_null_string_as_a_non_nullable_int_says_nullable_object_must_have_a_value()
    {
        // EF's relational and Cosmos providers read LENGTH(NULL) into an int and throw this; LINQ-to-Objects would throw a
        // NullReferenceException. An InvalidOperationException that says why is what EF users expect.
        var exception = await AssertRefused(c => c.Customers.Select(x => x.Region!.Length).ToListAsync(), "Nullable object must have a value");
        Assert.IsNotType<NullReferenceException>(exception.InnerException);
    }

    [Fact]
    public Task Method_call_on_a_non_null_string_in_a_projection()
        => AssertQuery<ShapeCustomer, string>(q => q.Select(c => c.City.ToUpperInvariant().Substring(1)), "Scan");

    [Fact]
    public Task Distinct_over_a_projection_runs_on_the_client_over_the_rows_read()
        => AssertQuery<ShapeOrder, string>(q => q.Where(o => o.CustomerId == "C4").Select(o => o.Channel).Distinct(), "Query");

    [Fact]
    public Task Distinct_over_an_anonymous_projection()
        => AssertQuery<ShapeOrder, object>(q => q.Where(o => o.CustomerId == "C5").Select(o => new { o.Channel, o.State }).Distinct().Select(x => (object)x), "Query");

    [Fact]
    public Task Distinct_over_entities_keeps_every_item()
        => AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.CustomerId == "C6").Distinct(), "Query");

    [Fact]
    public async Task Distinct_then_Take_counts_distinct_values()
    {
        await using var context = Fixture.CreateContext();
        var actual = await context.Orders.Where(o => o.CustomerId == "C7").Select(o => o.Channel).Distinct().Take(2).ToListAsync();
        var all = Fixture.Orders.Where(o => o.CustomerId == "C7").Select(o => o.Channel).Distinct().ToList();
        Assert.Equal(Math.Min(2, all.Count), actual.Count);
        Assert.Equal(actual.Count, actual.Distinct().Count());
        Assert.All(actual, a => Assert.Contains(a, all));
    }

    [Fact]
    public async Task Distinct_then_Count_counts_distinct_values()
    {
        await using var context = Fixture.CreateContext();
        Assert.Equal(
            Fixture.Orders.Where(o => o.CustomerId == "C8").Select(o => o.Channel).Distinct().Count(),
            await context.Orders.Where(o => o.CustomerId == "C8").Select(o => o.Channel).Distinct().CountAsync());
    }
}
