using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace EFCore.DynamoDb.FunctionalTests.Query;

/// <summary>Every request is logged through EF: operation, table, index, expressions, elapsed time and consumed capacity.</summary>
public class QueryLoggingTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    [Fact]
    public async Task Executed_request_names_operation_table_index_capacity_and_elapsed_time()
    {
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        await context.Records.Where(r => r.Category == "c1" && r.Created > new DateTime(2024, 1, 2)).ToListAsync();

        var executed = Assert.Single(fixture.Logs.Entries, e => e.Id == DynamoDbEventId.ExecutedRequest);
        Assert.Equal(LogLevel.Information, executed.Level);
        Assert.Contains($"Executed DynamoDB Query on '{fixture.Prefix}Records INDEX ByCategory'", executed.Message);
        Assert.Matches(@"\(\d+(\.\d+)?ms, page 1, \d+ item\(s\), \d+(\.\d+)? capacity units\)", executed.Message);
        Assert.Contains("KeyConditionExpression: #Category = :v0 AND #Created > :v1", executed.Message);
        Assert.Contains(":v0 = S \"c1\"", executed.Message);
        Assert.Contains(fixture.Logs.Entries, e => e.Id == DynamoDbEventId.ExecutingRequest && e.Level == LogLevel.Debug);
    }

    [Fact]
    public async Task Writes_are_logged_with_their_consumed_capacity()
    {
        await using var context = fixture.CreateContext();
        fixture.Logs.Clear();
        context.Records.Add(new Record { Pk = "logged", Sk = 1, Created = DateTime.UtcNow });
        await context.SaveChangesAsync();

        var executed = Assert.Single(fixture.Logs.Messages(DynamoDbEventId.ExecutedRequest));
        Assert.StartsWith($"Executed DynamoDB PutItem on '{fixture.Prefix}Records'", executed);
        Assert.Matches(@"\d+(\.\d+)? capacity units", executed);
        Assert.Contains("ConditionExpression: attribute_not_exists(#Pk)", executed);
    }

    [Fact]
    public async Task Values_are_hidden_unless_sensitive_data_logging_is_enabled()
    {
        var logs = new TestLoggerFactory();
        var url = await DynamoDbTestEnvironment.GetServiceUrlAsync();
        var options = new DbContextOptionsBuilder<QueryContext>()
            .UseDynamoDb(url, o => o.TableNamePrefix(fixture.Prefix))
            .UseLoggerFactory(logs)
            .AllowManyServiceProviders()
            .Options;
        await using var context = new QueryContext(options);
        await context.Records.Where(r => r.Pk == "P1" && r.Name == "secret-value").ToListAsync();

        var executed = Assert.Single(logs.Messages(DynamoDbEventId.ExecutedRequest));
        Assert.DoesNotContain("secret-value", executed);
        Assert.Contains(":v0 = ?", executed);
    }

    [Fact]
    public async Task ToQueryString_shows_the_plan_with_its_values()
    {
        await using var context = fixture.CreateContext();
        var name = "alpha";
        var plan = context.Records.Where(r => r.Pk == "P2" && r.Name == name).OrderByDescending(r => r.Sk).ToQueryString();
        Assert.Equal(
            $"""
            Query {fixture.Prefix}Records
            KeyConditionExpression: #Pk = :v0
            FilterExpression: #Name = :v1
            ScanIndexForward: false
            ExpressionAttributeNames: #Pk = "Pk", #Name = "Name"
            ExpressionAttributeValues: :v0 = S "P2", :v1 = S "alpha"
            """.ReplaceLineEndings(),
            plan);
    }

    [Fact]
    public async Task Reserved_words_and_odd_names_always_go_through_placeholders()
    {
        await using var context = fixture.CreateContext();
        var plan = context.Records.Where(r => r.Name == "x" && r.State == Status.Open).ToQueryString();
        Assert.Contains("#Name = :v", plan);
        Assert.DoesNotContain(" Name ", plan.Split('\n')[1]);
    }
}
