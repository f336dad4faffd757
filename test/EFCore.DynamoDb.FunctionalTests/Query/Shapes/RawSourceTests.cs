using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EFCore.DynamoDb.FunctionalTests.Query.Shapes;

/// <summary>
///     FromPartiQL reads what a SELECT statement returns; FromItems turns items read by other means into entities. LINQ
///     composed after either runs on those items and answers as LINQ-to-Objects does.
/// </summary>
public class RawSourceTests(ShapeFixture fixture) : ShapeTestBase(fixture)
{
    [Fact]
    public async Task FromPartiQL_returns_what_the_LINQ_query_returns()
    {
        await using var context = Fixture.CreateContext();
        var customer = "C3";
        var viaPartiQL = await context.Orders.FromPartiQL($"SELECT * FROM {DynamoDbPartiQL.Table} WHERE CustomerId = {customer}").AsNoTracking().ToListAsync();
        var viaLinq = await context.Orders.AsNoTracking().Where(o => o.CustomerId == customer).ToListAsync();
        Assert.Equal(viaLinq.Select(o => o.ToString()).Order(), viaPartiQL.Select(o => o.ToString()).Order());
        Assert.Equal(12, viaPartiQL.Count);
    }

    [Fact]
    public async Task Interpolated_values_are_parameters_not_statement_text()
    {
        await using var context = Fixture.CreateContext();
        var hostile = "C1' OR CustomerId <> '";
        Fixture.Logs.Clear();
        var found = await context.Orders.FromPartiQL($"SELECT * FROM {DynamoDbPartiQL.Table} WHERE CustomerId = {hostile}").ToListAsync();
        Assert.Empty(found);
        var request = Assert.Single(Fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest));
        Assert.Contains("ExecuteStatement", request, StringComparison.Ordinal);
        Assert.Contains("WHERE CustomerId = ?", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LINQ_after_FromPartiQL_runs_on_the_statements_items()
    {
        await using var context = Fixture.CreateContext();
        var statement = FormattableStringFactory($"SELECT * FROM {DynamoDbPartiQL.Table} WHERE CustomerId IN [{"C1"}, {"C2"}]");
        var actual = await context.Orders.FromPartiQL(statement).AsNoTracking()
            .Where(o => o.Channel == "web" && o.Int16 > -100).OrderByDescending(o => o.Int16).ThenBy(o => o.OrderId).Take(5)
            .Select(o => o.CustomerId + "/" + o.OrderId).ToListAsync();
        var expected = Fixture.Orders.Where(o => o.CustomerId is "C1" or "C2")
            .Where(o => o.Channel == "web" && o.Int16 > -100).OrderByDescending(o => o.Int16).ThenBy(o => o.OrderId).Take(5)
            .Select(o => o.CustomerId + "/" + o.OrderId).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(
            Fixture.Orders.Count(o => o.CustomerId is "C1" or "C2" && o.State == Status.Open),
            await context.Orders.FromPartiQL(statement).CountAsync(o => o.State == Status.Open));
    }

    [Fact]
    public async Task FromPartiQL_results_are_tracked_and_can_be_saved()
    {
        await using var context = Fixture.CreateContext();
        var product = await context.Products.FromPartiQL($"SELECT * FROM {DynamoDbPartiQL.Table} WHERE \"Key\" = {11}").SingleAsync();
        Assert.Equal(EntityState.Unchanged, context.Entry(product).State);
        Assert.Same(product, await context.Products.FindAsync(new ProductKey(11)));
    }

    [Fact]
    public async Task FromPartiQLRaw_with_the_table_name_and_question_mark_parameters()
    {
        await using var context = Fixture.CreateContext();
        var table = context.Database.GetDynamoDbTableName<ShapeOrder>();
        Assert.Equal(Fixture.Prefix + "Orders", table);
        var found = await context.Orders.FromPartiQLRaw($"SELECT * FROM \"{table}\" WHERE CustomerId = ? AND OrderId = ?", "C4", 5).ToListAsync();
        Assert.Equal("C4/5", Assert.Single(found).CustomerId + "/" + found[0].OrderId);
    }

    [Fact]
    public Task A_statement_other_than_SELECT_is_refused()
        => AssertRefused(c => c.Orders.FromPartiQL($"DELETE FROM {DynamoDbPartiQL.Table} WHERE CustomerId = {"C1"} AND OrderId = {1}").ToListAsync(), "SELECT");

    [Fact]
    public Task FromPartiQL_after_another_operator_is_refused()
        => AssertRefused(c => ((DbSet<ShapeOrder>)c.Orders).FromPartiQL($"SELECT * FROM {DynamoDbPartiQL.Table}").Where(o => o.OrderId > 1)
            .Concat(c.Orders).ToListAsync(), "Concat");

    [Fact]
    public async Task ToPageAsync_over_FromPartiQL_is_refused()
    {
        await using var context = Fixture.CreateContext();
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.Orders.FromPartiQL($"SELECT * FROM {DynamoDbPartiQL.Table}").ToPageAsync(10, null));
        Assert.Contains("FromPartiQL", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromItems_turns_raw_items_into_tracked_entities()
    {
        var raw = await Fixture.RawClient.QueryAsync(new QueryRequest
        {
            TableName = Fixture.Prefix + "Orders",
            KeyConditionExpression = "CustomerId = :c",
            ExpressionAttributeValues = new() { [":c"] = new AttributeValue { S = "C9" } },
        });
        await using var context = Fixture.CreateContext();
        var orders = await context.Orders.FromItems(raw.Items).ToListAsync();
        Assert.Equal(
            Fixture.Orders.Where(o => o.CustomerId == "C9").Select(o => o.ToString()).Order(),
            orders.Select(o => o.ToString()).Order());
        Assert.All(orders, o => Assert.Equal(EntityState.Unchanged, context.Entry(o).State));
        Assert.Same(orders[0], await context.Orders.FindAsync(orders[0].CustomerId, orders[0].OrderId));
    }

    [Fact]
    public async Task FromItems_composes_with_LINQ_and_sends_no_request()
    {
        var raw = Fixture.Orders.Where(o => o.CustomerId == "C8").Select(o => new Dictionary<string, AttributeValue>
        {
            ["CustomerId"] = new() { S = o.CustomerId },
            ["OrderId"] = new() { N = o.OrderId.ToString(CultureInfo.InvariantCulture) },
            ["Int16"] = new() { N = o.Int16.ToString(CultureInfo.InvariantCulture) },
            ["Channel"] = new() { S = o.Channel },
            ["State"] = new() { N = ((int)o.State).ToString(CultureInfo.InvariantCulture) },
        }).ToList();
        await using var context = Fixture.CreateContext();
        Fixture.Logs.Clear();
        var actual = await context.Orders.FromItems(raw).AsNoTracking().Where(o => o.Int16 >= 0).OrderBy(o => o.Int16).Select(o => o.OrderId)
            .ToListAsync();
        Assert.Equal(Fixture.Orders.Where(o => o.CustomerId == "C8" && o.Int16 >= 0).OrderBy(o => o.Int16).Select(o => o.OrderId), actual);
        Assert.Empty(Fixture.Logs.Messages(DynamoDbEventId.ExecutingRequest));
    }

    [Fact]
    public async Task FromItems_names_the_item_that_cannot_be_read()
    {
        var bad = new Dictionary<string, AttributeValue>
        {
            ["CustomerId"] = new() { S = "C1" },
            ["OrderId"] = new() { S = "not a number" },
            ["Channel"] = new() { S = "web" },
        };
        await using var context = Fixture.CreateContext();
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Orders.FromItems([bad]).ToListAsync());
        Assert.Contains("OrderId", exception.Message, StringComparison.Ordinal);
    }

    private static FormattableString FormattableStringFactory(FormattableString value) => value;
}
