using EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Conformance.Model;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Conformance;

/// <summary>ToQueryString() for each kind of request: the operation and table first, then the expressions sent.</summary>
public class QueryStringTests(ConformanceFixture fixture) : ConformanceTestBase(fixture), IClassFixture<ConformanceFixture>
{
    private string Table(string name) => Fixture.Prefix + name;

    [Fact]
    public async Task GetItem_shows_the_key()
    {
        var plan = await QueryString(ss => ss.Set<Customer>().Where(c => c.CustomerID == "C007"));
        Assert.StartsWith($"GetItem {Table("Customers")}{Environment.NewLine}", plan, StringComparison.Ordinal);
        Assert.Contains("C007", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetItem_with_a_projection_shows_the_projection()
    {
        var plan = await QueryString(ss => ss.Set<Customer>().Where(c => c.CustomerID == "C007").Select(c => c.City));
        Assert.StartsWith($"GetItem {Table("Customers")}", plan, StringComparison.Ordinal);
        Assert.Contains("ProjectionExpression: ", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchGetItem_shows_the_number_of_keys()
    {
        var ids = new[] { "C001", "C002", "C003" };
        var plan = await QueryString(ss => ss.Set<Customer>().Where(c => ids.Contains(c.CustomerID)));
        Assert.StartsWith($"BatchGetItem {Table("Customers")}{Environment.NewLine}Keys: 3", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_shows_the_key_condition_and_the_filter()
    {
        var plan = await QueryString(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001" && o.OrderID > 10300 && o.IsRush));
        Assert.StartsWith($"Query {Table("Orders")}{Environment.NewLine}", plan, StringComparison.Ordinal);
        Assert.Contains("KeyConditionExpression: #CustomerID = :v0 AND #OrderID > :v1", plan, StringComparison.Ordinal);
        Assert.Contains("FilterExpression: #IsRush IN (:v2, :v3)", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_in_descending_order_shows_ScanIndexForward()
    {
        var plan = await QueryString(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001").OrderByDescending(o => o.OrderID));
        Assert.Contains("ScanIndexForward: false", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_on_a_global_index_names_it()
    {
        var plan = await QueryString(ss => ss.Set<Order>().Where(o => o.EmployeeID == 3u && o.OrderDate != null));
        Assert.StartsWith($"Query {Table("Orders")} INDEX ByEmployee{Environment.NewLine}", plan, StringComparison.Ordinal);
        Assert.Contains("KeyConditionExpression: #EmployeeID = :v0", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_on_a_local_index_names_it()
    {
        var from = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var plan = await QueryString(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001" && o.OrderDate > from));
        Assert.StartsWith($"Query {Table("Orders")} INDEX ByOrderDate{Environment.NewLine}", plan, StringComparison.Ordinal);
        Assert.Contains("KeyConditionExpression: #CustomerID = :v0 AND #OrderDate > :v1", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_Query_per_partition_key_says_how_many()
    {
        var customers = new[] { "C001", "C002", "C003" };
        var plan = await QueryString(ss => ss.Set<Order>().Where(o => customers.Contains(o.CustomerID)));
        Assert.StartsWith($"Query {Table("Orders")}", plan, StringComparison.Ordinal);
        Assert.Contains("2 more Query request(s)", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_shows_the_filter()
    {
        var plan = await QueryString(ss => ss.Set<Customer>().Where(c => c.Region == null));
        Assert.StartsWith($"Scan {Table("Customers")}{Environment.NewLine}", plan, StringComparison.Ordinal);
        Assert.Contains("FilterExpression: attribute_not_exists(#Region) OR attribute_type(#Region, :v0)", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_of_a_renamed_attribute_uses_its_attribute_name()
    {
        var plan = await QueryString(ss => ss.Set<Product>().Where(p => p.ProductName == "x"));
        Assert.Contains("#name", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_to_read_says_why()
    {
        var plan = await QueryString(ss => ss.Set<Customer>().Where(c => false));
        Assert.StartsWith("-- No request", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conditions_checked_on_the_client_are_shown()
    {
        var plan = await QueryString(ss => ss.Set<Order>().Where(o => o.CustomerID == "C001" && o.OrderID != 10300));
        Assert.Contains("-- Checked on the client, on the items read: OrderID <> N 10300", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToQueryString_sends_no_request()
    {
        Fixture.Logs.Clear();
        await QueryString(ss => ss.Set<Order>().Where(o => o.Freight > 1m));
        Assert.Empty(Fixture.Logs.Messages(Microsoft.EntityFrameworkCore.Diagnostics.DynamoDbEventId.ExecutedRequest));
    }

    [Fact]
    public async Task ToQueryString_of_a_refused_query_throws_the_refusal()
    {
        await using var context = Fixture.CreateContext();
        var exception = Assert.Throws<InvalidOperationException>(() => context.Orders.OrderBy(o => o.Freight).ToQueryString());
        Assert.Contains("Freight", exception.Message, StringComparison.Ordinal);
    }
}
