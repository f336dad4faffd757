using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query.Shapes;

/// <summary>
///     Predicates with degenerate or mixed-type shapes: self-comparisons, Equals over operands of different types, casts that
///     keep the value, EF.Property, entity equality and Reverse; each gives LINQ-to-Objects' answer.
/// </summary>
public class PredicateShapeTests(ShapeFixture fixture) : ShapeTestBase(fixture)
{
    [Fact]
    public Task Self_comparison_of_a_required_string_is_true()
        => AssertQuery<ShapeCustomer, ShapeCustomer>(q => q.Where(c => c.City == c.City));

    [Fact]
    public Task Self_comparison_of_an_optional_string_is_true_also_for_null()
        => AssertQuery<ShapeCustomer, ShapeCustomer>(q => q.Where(c => c.Region == c.Region));

    [Fact]
    public Task Self_inequality_is_false()
        => AssertQuery<ShapeCustomer, ShapeCustomer>(q => q.Where(c => c.Region != c.Region || c.City != c.City), "None");

    [Fact]
    public Task Self_ordering_comparison_of_a_nullable_number_holds_only_for_values()
        => AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.CustomerId == "C1" && o.ReportsTo <= o.ReportsTo), "Query");

    [Fact]
    public Task Strict_self_ordering_comparison_is_false()
        => AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.Int16 < o.Int16 || o.OrderId > o.OrderId), "None");

    [Fact]
    public Task Self_comparison_of_the_sort_key_inside_a_key_query()
        => AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.CustomerId == "C2" && o.OrderId == o.OrderId), "Query");

    [Fact]
    public Task Self_ordinal_comparison_of_a_string()
        => AssertQuery<ShapeCustomer, ShapeCustomer>(q => q.Where(c => string.CompareOrdinal(c.City, c.City) == 0));

    [Fact]
    public Task Self_comparison_of_a_collection_size()
        => AssertQuery<ShapeCustomer, ShapeCustomer>(q => q.Where(c => c.City.Length == c.City.Length));

    [Fact]
    public Task A_captured_bool_as_the_whole_condition()
    {
        var all = true;
        var none = false;
        return Task.WhenAll(
            AssertQuery<ShapeCustomer, ShapeCustomer>(q => q.Where(c => all)),
            AssertQuery<ShapeCustomer, ShapeCustomer>(q => q.Where(c => none), "None"));
    }

    [Fact]
    public Task A_comparison_of_two_captured_values()
    {
        var a = 3;
        var b = 4;
        return AssertQuery<ShapeCustomer, ShapeCustomer>(q => q.Where(c => a == b || c.City == "Graz"));
    }

    [Fact]
    public Task Nullable_uint_Equals_a_uint()
    {
        uint u = 3;
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.EmployeeId.Equals(u)));
    }

    [Fact]
    public Task Uint_Equals_a_nullable_uint()
    {
        uint? u = 2;
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => u.Equals(o.EmployeeId)));
    }

    [Fact]
    public Task Object_Equals_of_an_int_and_a_long_is_false_as_in_CSharp()
        => AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => Equals(o.OrderId, 1L)), "None");

    [Fact]
    public Task Int_Equals_a_long_object_is_false_as_in_CSharp()
    {
        var longValue = 2L;
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.OrderId.Equals(longValue)), "None");
    }

    [Fact]
    public Task Int_Equals_a_short_widens_the_short()
    {
        short shortValue = 3;
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.OrderId.Equals(shortValue)));
    }

    [Fact]
    public Task Nullable_long_Equals_a_nullable_long_parameter()
    {
        long? value = 2;
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.ReportsTo.Equals(value)));
    }

    [Fact]
    public Task Object_Equals_of_a_struct_key_with_a_converter_is_a_key_lookup()
    {
        var key = new ProductKey(4);
        return AssertQuery<ShapeProduct, ShapeProduct>(q => q.Where(p => Equals(p.Key, key)), "GetItem");
    }

    [Fact]
    public Task Equals_method_of_a_struct_key_with_a_converter_is_a_key_lookup()
    {
        var key = new ProductKey(5);
        return AssertQuery<ShapeProduct, ShapeProduct>(q => q.Where(p => p.Key.Equals(key)), "GetItem");
    }

    [Fact]
    public Task Widening_cast_of_a_short()
    {
        var p = 100;
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => (int)o.Int16 < p && o.CustomerId == "C3"), "Query");
    }

    [Fact]
    public Task Widening_cast_of_a_short_to_a_value_beyond_its_range()
    {
        var p = 70_000;
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => (int)o.Int16 < p));
    }

    [Fact]
    public Task Widening_cast_of_a_nullable_uint_to_nullable_long()
    {
        long? p = 4;
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => (long?)o.EmployeeId == p));
    }

    [Fact]
    public Task Widening_cast_to_decimal()
    {
        var p = 2.5m;
        return AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => (decimal?)o.ReportsTo > p));
    }

    [Fact]
    public Task Cast_of_an_enum_to_int_and_back()
    {
        var open = 1;
        return Task.WhenAll(
            AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => (int)o.State == open)),
            AssertQuery<ShapeOrder, ShapeOrder>(q => q.Where(o => o.State == (Status)open)));
    }

    [Fact]
    public Task Narrowing_cast_is_refused_naming_it()
        => AssertRefused(c => c.Orders.Where(o => (byte)o.Int16 == 3).ToListAsync(), "Int16");

    [Fact]
    public async Task EF_Property_in_a_predicate()
    {
        // EF.Property only runs inside EF queries: the expected answer is the same condition on the property itself.
        await using var context = Fixture.CreateContext();
        var actual = await context.Customers.AsNoTracking().Where(c => EF.Property<string>(c, "City") == "Lyon").Select(c => c.CustomerId).ToListAsync();
        Assert.Equal(Fixture.Customers.Where(c => c.City == "Lyon").Select(c => c.CustomerId).Order(), actual.Order());
        Assert.NotEmpty(actual);
    }

    [Fact]
    public async Task EF_Property_on_the_key_is_a_key_lookup()
    {
        await using var context = Fixture.CreateContext();
        var plan = context.Customers.Where(c => EF.Property<string>(c, "CustomerId") == "C4").ToQueryString();
        QueryAssertions.AssertOperation(plan, "GetItem");
        Assert.Equal("C4", (await context.Customers.SingleAsync(c => EF.Property<string>(c, "CustomerId") == "C4")).CustomerId);
    }

    [Fact]
    public async Task Entity_equality_with_a_parameter_compares_keys()
    {
        await using var context = Fixture.CreateContext();
        var order = new ShapeOrder { CustomerId = "C5", OrderId = 7, Channel = "web" };
        var plan = context.Orders.Where(o => o == order).ToQueryString();
        QueryAssertions.AssertOperation(plan, "GetItem");
        var found = await context.Orders.AsNoTracking().Where(o => o == order).ToListAsync();
        Assert.Equal(("C5", 7), (found.Single().CustomerId, found.Single().OrderId));
    }

    [Fact]
    public async Task Entity_inequality_with_a_parameter_compares_keys()
    {
        await using var context = Fixture.CreateContext();
        var customer = new ShapeCustomer { CustomerId = "C1", City = "x" };
        var found = await context.Customers.AsNoTracking().Where(c => c != customer).Select(c => c.CustomerId).ToListAsync();
        Assert.Equal(Fixture.Customers.Where(c => c.CustomerId != "C1").Select(c => c.CustomerId).Order(), found.Order());
    }

    [Fact]
    public async Task Entity_equality_with_null()
    {
        await using var context = Fixture.CreateContext();
        Assert.Empty(await context.Customers.Where(c => c == null).ToListAsync());
        Assert.Equal(Fixture.Customers.Count, await context.Customers.CountAsync(c => c != null));
    }

    [Fact]
    public async Task Entity_equality_with_a_null_parameter()
    {
        await using var context = Fixture.CreateContext();
        ShapeCustomer? nobody = null;
        Assert.Empty(await context.Customers.Where(c => c == nobody).ToListAsync());
    }

    [Fact]
    public Task Reverse_after_OrderBy_on_the_sort_key()
        => AssertQuery<ShapeOrder, int>(q => q.Where(o => o.CustomerId == "C6").OrderBy(o => o.OrderId).Reverse().Select(o => o.OrderId), "Query", ordered: true);

    [Fact]
    public Task Reverse_after_OrderByDescending_then_Take()
        => AssertQuery<ShapeOrder, int>(q => q.Where(o => o.CustomerId == "C6").OrderByDescending(o => o.OrderId).Reverse().Take(3).Select(o => o.OrderId), "Query", ordered: true);

    [Fact]
    public Task Reverse_without_an_ordering_is_refused()
        => AssertRefused(c => c.Orders.Where(o => o.CustomerId == "C6").Reverse().ToListAsync(), "Reverse");
}
