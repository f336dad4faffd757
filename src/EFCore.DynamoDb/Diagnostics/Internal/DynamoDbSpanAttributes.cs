using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace EFCore.DynamoDb.Diagnostics.Internal;

/// <summary>
///     The AWS DynamoDB attributes of OpenTelemetry's semantic conventions (<c>aws.dynamodb.*</c>) that a request and its
///     response carry: tables, index, limit, projection, read consistency, direction, segments; counts and consumed capacity.
///     Values of items and expressions never appear (they may be sensitive).
/// </summary>
internal static class DynamoDbSpanAttributes
{
    public static void AddRequest(Activity activity, AmazonDynamoDBRequest request)
    {
        switch (request)
        {
            case GetItemRequest r:
                TableNames(activity, r.TableName);
                Add(activity, "aws.dynamodb.consistent_read", r.ConsistentRead);
                Add(activity, "aws.dynamodb.projection", r.ProjectionExpression);
                break;
            case QueryRequest r:
                TableNames(activity, r.TableName);
                Add(activity, "aws.dynamodb.index_name", r.IndexName);
                Add(activity, "aws.dynamodb.limit", r.Limit);
                Add(activity, "aws.dynamodb.projection", r.ProjectionExpression);
                Add(activity, "aws.dynamodb.consistent_read", r.ConsistentRead);
                Add(activity, "aws.dynamodb.scan_forward", r.ScanIndexForward);
                Add(activity, "aws.dynamodb.select", r.Select?.Value);
                break;
            case ScanRequest r:
                TableNames(activity, r.TableName);
                Add(activity, "aws.dynamodb.index_name", r.IndexName);
                Add(activity, "aws.dynamodb.limit", r.Limit);
                Add(activity, "aws.dynamodb.projection", r.ProjectionExpression);
                Add(activity, "aws.dynamodb.consistent_read", r.ConsistentRead);
                Add(activity, "aws.dynamodb.select", r.Select?.Value);
                Add(activity, "aws.dynamodb.segment", r.Segment);
                Add(activity, "aws.dynamodb.total_segments", r.TotalSegments);
                break;
            case BatchGetItemRequest r:
                TableNames(activity, r.RequestItems?.Keys);
                break;
            case BatchWriteItemRequest r:
                TableNames(activity, r.RequestItems?.Keys);
                break;
            case TransactWriteItemsRequest r:
                TableNames(
                    activity,
                    r.TransactItems?.Select(i => i.Put?.TableName ?? i.Update?.TableName ?? i.Delete?.TableName ?? i.ConditionCheck?.TableName));
                break;
            case PutItemRequest r:
                TableNames(activity, r.TableName);
                break;
            case UpdateItemRequest r:
                TableNames(activity, r.TableName);
                break;
            case DeleteItemRequest r:
                TableNames(activity, r.TableName);
                break;
            case CreateTableRequest r:
                TableNames(activity, r.TableName);
                Add(activity, "aws.dynamodb.provisioned_read_capacity", r.ProvisionedThroughput?.ReadCapacityUnits);
                Add(activity, "aws.dynamodb.provisioned_write_capacity", r.ProvisionedThroughput?.WriteCapacityUnits);
                break;
            case DescribeTableRequest r:
                TableNames(activity, r.TableName);
                break;
            case DeleteTableRequest r:
                TableNames(activity, r.TableName);
                break;
            case UpdateTimeToLiveRequest r:
                TableNames(activity, r.TableName);
                break;
            case DescribeTimeToLiveRequest r:
                TableNames(activity, r.TableName);
                break;
            case ListTablesRequest r:
                Add(activity, "aws.dynamodb.limit", r.Limit);
                Add(activity, "aws.dynamodb.exclusive_start_table", r.ExclusiveStartTableName);
                break;
        }
    }

    /// <summary>The ConsumedCapacity entries of a response (one per table for batches and transactions), or null.</summary>
    public static IReadOnlyList<ConsumedCapacity>? ConsumedCapacities(AmazonWebServiceResponse response)
        => response switch
        {
            GetItemResponse { ConsumedCapacity: { } c } => [c],
            QueryResponse { ConsumedCapacity: { } c } => [c],
            ScanResponse { ConsumedCapacity: { } c } => [c],
            PutItemResponse { ConsumedCapacity: { } c } => [c],
            UpdateItemResponse { ConsumedCapacity: { } c } => [c],
            DeleteItemResponse { ConsumedCapacity: { } c } => [c],
            BatchGetItemResponse { ConsumedCapacity: { Count: > 0 } c } => c,
            BatchWriteItemResponse { ConsumedCapacity: { Count: > 0 } c } => c,
            TransactWriteItemsResponse { ConsumedCapacity: { Count: > 0 } c } => c,
            _ => null,
        };

    public static void AddResponse(Activity activity, AmazonWebServiceResponse response, IReadOnlyList<ConsumedCapacity>? capacities)
    {
        if (response.ResponseMetadata?.RequestId is { Length: > 0 } requestId)
        {
            activity.SetTag("aws.request_id", requestId);
        }

        switch (response)
        {
            case QueryResponse r:
                Add(activity, "aws.dynamodb.count", r.Count);
                Add(activity, "aws.dynamodb.scanned_count", r.ScannedCount);
                break;
            case ScanResponse r:
                Add(activity, "aws.dynamodb.count", r.Count);
                Add(activity, "aws.dynamodb.scanned_count", r.ScannedCount);
                break;
            case ListTablesResponse r:
                Add(activity, "aws.dynamodb.table_count", r.TableNames?.Count);
                break;
        }

        if (capacities != null)
        {
            activity.SetTag("aws.dynamodb.consumed_capacity", capacities.Select(ToJson).ToArray());
        }
    }

    /// <summary>One ConsumedCapacity entry as the conventions show it: the response field, serialized as JSON.</summary>
    public static string ToJson(ConsumedCapacity capacity)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteNumber(json, "CapacityUnits", capacity.CapacityUnits);
            WriteIndexes(json, "GlobalSecondaryIndexes", capacity.GlobalSecondaryIndexes);
            WriteIndexes(json, "LocalSecondaryIndexes", capacity.LocalSecondaryIndexes);
            WriteNumber(json, "ReadCapacityUnits", capacity.ReadCapacityUnits);
            if (capacity.Table != null)
            {
                json.WritePropertyName("Table");
                WriteCapacity(json, capacity.Table);
            }

            if (capacity.TableName != null)
            {
                json.WriteString("TableName", capacity.TableName);
            }

            WriteNumber(json, "WriteCapacityUnits", capacity.WriteCapacityUnits);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteIndexes(Utf8JsonWriter json, string name, Dictionary<string, Capacity>? indexes)
    {
        if (indexes is not { Count: > 0 })
        {
            return;
        }

        json.WritePropertyName(name);
        json.WriteStartObject();
        foreach (var (index, capacity) in indexes)
        {
            json.WritePropertyName(index);
            WriteCapacity(json, capacity);
        }

        json.WriteEndObject();
    }

    private static void WriteCapacity(Utf8JsonWriter json, Capacity capacity)
    {
        json.WriteStartObject();
        WriteNumber(json, "CapacityUnits", capacity.CapacityUnits);
        WriteNumber(json, "ReadCapacityUnits", capacity.ReadCapacityUnits);
        WriteNumber(json, "WriteCapacityUnits", capacity.WriteCapacityUnits);
        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static void TableNames(Activity activity, string? tableName)
    {
        if (!string.IsNullOrEmpty(tableName))
        {
            activity.SetTag("aws.dynamodb.table_names", new[] { tableName });
        }
    }

    private static void TableNames(Activity activity, IEnumerable<string?>? tableNames)
    {
        var names = tableNames?.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).ToArray();
        if (names is { Length: > 0 })
        {
            activity.SetTag("aws.dynamodb.table_names", names);
        }
    }

    private static void Add(Activity activity, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            activity.SetTag(name, value);
        }
    }

    private static void Add(Activity activity, string name, bool? value)
    {
        if (value is { } flag)
        {
            activity.SetTag(name, flag);
        }
    }

    private static void Add(Activity activity, string name, int? value)
    {
        if (value is { } number)
        {
            activity.SetTag(name, number);
        }
    }

    private static void Add(Activity activity, string name, long? value)
    {
        if (value is { } number)
        {
            activity.SetTag(name, number);
        }
    }
}
