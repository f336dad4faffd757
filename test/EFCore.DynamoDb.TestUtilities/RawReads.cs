using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.TestUtilities;

/// <summary>
///     Reads through the raw SDK client, bypassing the provider, so tests check what DynamoDB really stored. Every read is
///     consistent (a test reads right after it writes) and follows pagination to the end.
/// </summary>
public static class RawReads
{
    /// <summary>Every item of a table.</summary>
    public static Task<List<Dictionary<string, AttributeValue>>> ScanAllAsync(this IAmazonDynamoDB client, string table)
        => ReadAllAsync(async start =>
        {
            var response = await client.ScanAsync(
                new ScanRequest { TableName = table, ExclusiveStartKey = start, ConsistentRead = true });
            return (response.Items, response.LastEvaluatedKey);
        });

    /// <summary>Every item of one partition whose key is the string <paramref name="value" />.</summary>
    public static Task<List<Dictionary<string, AttributeValue>>> QueryPartitionAsync(
        this IAmazonDynamoDB client,
        string table,
        string partitionKeyAttribute,
        string value)
        => ReadAllAsync(async start =>
        {
            var response = await client.QueryAsync(new QueryRequest
            {
                TableName = table,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = partitionKeyAttribute },
                ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = value } },
                ExclusiveStartKey = start,
                ConsistentRead = true,
            });
            return (response.Items, response.LastEvaluatedKey);
        });

    /// <summary>How many items a table holds.</summary>
    public static async Task<int> CountAllAsync(this IAmazonDynamoDB client, string table)
    {
        var count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await client.ScanAsync(
                new ScanRequest { TableName = table, Select = Select.COUNT, ExclusiveStartKey = start, ConsistentRead = true });
            count += response.Count ?? 0;
            start = NextPage(response.LastEvaluatedKey);
        }
        while (start != null);

        return count;
    }

    /// <summary>The item under <paramref name="key" />, or null when there is none.</summary>
    public static async Task<Dictionary<string, AttributeValue>?> GetConsistentAsync(
        this IAmazonDynamoDB client,
        string table,
        Dictionary<string, AttributeValue> key)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = table, Key = key, ConsistentRead = true });
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private static async Task<List<Dictionary<string, AttributeValue>>> ReadAllAsync(
        Func<Dictionary<string, AttributeValue>?, Task<(List<Dictionary<string, AttributeValue>>? Items, Dictionary<string, AttributeValue>? LastKey)>> readPage)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var (page, lastKey) = await readPage(start);
            items.AddRange(page ?? []);
            start = NextPage(lastKey);
        }
        while (start != null);

        return items;
    }

    // The SDK v4 leaves LastEvaluatedKey null or empty on the last page.
    private static Dictionary<string, AttributeValue>? NextPage(Dictionary<string, AttributeValue>? lastKey)
        => lastKey is { Count: > 0 } ? lastKey : null;
}
