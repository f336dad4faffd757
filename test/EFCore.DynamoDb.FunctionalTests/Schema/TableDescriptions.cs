using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;

namespace EFCore.DynamoDb.FunctionalTests.Schema;

/// <summary>Reads what DynamoDB itself says about a table, through the raw SDK, in forms that compare easily.</summary>
internal static class TableDescriptions
{
    public static async Task<TableDescription> DescribeAsync(string tableName)
    {
        using var client = await DynamoDbTestEnvironment.CreateRawClientAsync();
        return (await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName })).Table;
    }

    public static async Task<TimeToLiveDescription> DescribeTimeToLiveAsync(string tableName)
    {
        using var client = await DynamoDbTestEnvironment.CreateRawClientAsync();
        return (await client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = tableName })).TimeToLiveDescription;
    }

    /// <summary>Every table whose name starts with <paramref name="prefix" />, in name order.</summary>
    public static async Task<IReadOnlyList<string>> ListTablesAsync(string prefix)
    {
        using var client = await DynamoDbTestEnvironment.CreateRawClientAsync();
        var names = new List<string>();
        string? start = null;
        do
        {
            var response = await client.ListTablesAsync(new ListTablesRequest { ExclusiveStartTableName = start });
            names.AddRange(response.TableNames ?? []);
            start = response.LastEvaluatedTableName;
        }
        while (start != null);

        return names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>"name HASH", "name RANGE", in key order.</summary>
    public static IReadOnlyList<string> Keys(IEnumerable<KeySchemaElement>? keySchema)
        => (keySchema ?? []).Select(k => k.AttributeName + " " + k.KeyType.Value).ToList();

    /// <summary>"name S", sorted by name.</summary>
    public static IReadOnlyList<string> Attributes(TableDescription table)
        => (table.AttributeDefinitions ?? []).Select(a => a.AttributeName + " " + a.AttributeType.Value).Order(StringComparer.Ordinal).ToList();

    /// <summary>"TYPE" or "INCLUDE a, b" (included attributes sorted).</summary>
    public static string Projection(Projection projection)
        => projection.ProjectionType.Value
            + (projection.NonKeyAttributes is { Count: > 0 } included ? " " + string.Join(", ", included.Order(StringComparer.Ordinal)) : "");

    /// <summary>"R/W" of provisioned throughput, or "none".</summary>
    public static string Throughput(ProvisionedThroughputDescription? throughput)
        => throughput == null ? "none" : $"{throughput.ReadCapacityUnits}/{throughput.WriteCapacityUnits}";

    public static bool IsOnDemand(TableDescription table)
        => table.BillingModeSummary?.BillingMode == BillingMode.PAY_PER_REQUEST;
}
