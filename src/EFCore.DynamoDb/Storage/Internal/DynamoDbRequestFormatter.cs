using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Renders an SDK request as the text users see in logs and in <c>ToQueryString()</c>: the first line is the operation and
///     table (and <c>INDEX name</c>), the following lines the expressions, attribute names and attribute values.
/// </summary>
internal static class DynamoDbRequestFormatter
{
    private const int MaxValueLength = 200;

    public static string Format(AmazonDynamoDBRequest request, bool includeValues)
    {
        var builder = new StringBuilder();
        switch (request)
        {
            case GetItemRequest r:
                Header(builder, "GetItem", r.TableName, null);
                Item(builder, "Key", r.Key, includeValues);
                Line(builder, "ProjectionExpression", r.ProjectionExpression);
                Flag(builder, "ConsistentRead", r.ConsistentRead == true);
                Names(builder, r.ExpressionAttributeNames);
                break;
            case QueryRequest r:
                Header(builder, "Query", r.TableName, r.IndexName);
                Line(builder, "KeyConditionExpression", r.KeyConditionExpression);
                Line(builder, "FilterExpression", r.FilterExpression);
                Line(builder, "ProjectionExpression", r.ProjectionExpression);
                Line(builder, "Select", r.Select?.Value);
                Flag(builder, "ScanIndexForward: false", r.ScanIndexForward == false);
                Flag(builder, "ConsistentRead", r.ConsistentRead == true);
                Number(builder, "Limit", r.Limit);
                Names(builder, r.ExpressionAttributeNames);
                Values(builder, r.ExpressionAttributeValues, includeValues);
                Item(builder, "ExclusiveStartKey", r.ExclusiveStartKey, includeValues);
                break;
            case ScanRequest r:
                Header(builder, "Scan", r.TableName, r.IndexName);
                Line(builder, "FilterExpression", r.FilterExpression);
                Line(builder, "ProjectionExpression", r.ProjectionExpression);
                Line(builder, "Select", r.Select?.Value);
                Flag(builder, "ConsistentRead", r.ConsistentRead == true);
                Number(builder, "Limit", r.Limit);
                Number(builder, "Segment", r.Segment);
                Number(builder, "TotalSegments", r.TotalSegments);
                Names(builder, r.ExpressionAttributeNames);
                Values(builder, r.ExpressionAttributeValues, includeValues);
                Item(builder, "ExclusiveStartKey", r.ExclusiveStartKey, includeValues);
                break;
            case ExecuteStatementRequest r:
                builder.AppendLine("ExecuteStatement");
                Line(builder, "Statement", r.Statement);
                if (r.Parameters is { Count: > 0 } parameters)
                {
                    builder.Append("Parameters: ")
                        .AppendJoin(", ", parameters.Select(p => includeValues ? FormatValue(p) : "?"))
                        .AppendLine();
                }

                Flag(builder, "ConsistentRead", r.ConsistentRead == true);
                Number(builder, "Limit", r.Limit);
                break;
            case BatchGetItemRequest r:
                Header(builder, "BatchGetItem", r.RequestItems?.Keys.FirstOrDefault() ?? "", null);
                foreach (var (table, keys) in r.RequestItems ?? [])
                {
                    builder.Append("Keys of ").Append(table).Append(": ").Append(keys.Keys?.Count ?? 0)
                        .Append(keys.Keys is { Count: > 0 } && includeValues ? " " + FormatKeys(keys.Keys) : "").AppendLine();
                    Line(builder, "ProjectionExpression", keys.ProjectionExpression);
                    Flag(builder, "ConsistentRead", keys.ConsistentRead == true);
                    Names(builder, keys.ExpressionAttributeNames);
                }

                break;
            case PutItemRequest r:
                Header(builder, "PutItem", r.TableName, null);
                Line(builder, "ConditionExpression", r.ConditionExpression);
                Names(builder, r.ExpressionAttributeNames);
                Values(builder, r.ExpressionAttributeValues, includeValues);
                Item(builder, "Item", r.Item, includeValues);
                break;
            case UpdateItemRequest r:
                Header(builder, "UpdateItem", r.TableName, null);
                Item(builder, "Key", r.Key, includeValues);
                Line(builder, "UpdateExpression", r.UpdateExpression);
                Line(builder, "ConditionExpression", r.ConditionExpression);
                Names(builder, r.ExpressionAttributeNames);
                Values(builder, r.ExpressionAttributeValues, includeValues);
                break;
            case DeleteItemRequest r:
                Header(builder, "DeleteItem", r.TableName, null);
                Item(builder, "Key", r.Key, includeValues);
                Line(builder, "ConditionExpression", r.ConditionExpression);
                Names(builder, r.ExpressionAttributeNames);
                Values(builder, r.ExpressionAttributeValues, includeValues);
                break;
            case TransactWriteItemsRequest r:
                Header(builder, "TransactWriteItems", FirstTable(r), null);
                builder.Append("ClientRequestToken: ").AppendLine(r.ClientRequestToken);
                foreach (var item in r.TransactItems ?? [])
                {
                    builder.Append("  ");
                    if (item.Put != null)
                    {
                        builder.Append("Put ").Append(item.Put.TableName).Append(Condition(item.Put.ConditionExpression));
                    }
                    else if (item.Update != null)
                    {
                        builder.Append("Update ").Append(item.Update.TableName).Append(' ').Append(item.Update.UpdateExpression)
                            .Append(Condition(item.Update.ConditionExpression));
                    }
                    else if (item.Delete != null)
                    {
                        builder.Append("Delete ").Append(item.Delete.TableName).Append(Condition(item.Delete.ConditionExpression));
                    }
                    else if (item.ConditionCheck != null)
                    {
                        builder.Append("ConditionCheck ").Append(item.ConditionCheck.TableName)
                            .Append(Condition(item.ConditionCheck.ConditionExpression));
                    }

                    builder.AppendLine();
                }

                break;
            case BatchWriteItemRequest r:
                Header(builder, "BatchWriteItem", r.RequestItems?.Keys.FirstOrDefault() ?? "", null);
                foreach (var (table, writes) in r.RequestItems ?? [])
                {
                    builder.Append(table).Append(": ")
                        .Append(writes.Count(w => w.PutRequest != null)).Append(" put(s), ")
                        .Append(writes.Count(w => w.DeleteRequest != null)).AppendLine(" delete(s)");
                }

                break;
            case CreateTableRequest r:
                Header(builder, "CreateTable", r.TableName, null);
                builder.Append("KeySchema: ").AppendJoin(", ", (r.KeySchema ?? []).Select(k => k.AttributeName + " " + k.KeyType.Value))
                    .AppendLine();
                foreach (var gsi in r.GlobalSecondaryIndexes ?? [])
                {
                    builder.Append("GlobalSecondaryIndex ").Append(gsi.IndexName).Append(": ")
                        .AppendJoin(", ", gsi.KeySchema.Select(k => k.AttributeName + " " + k.KeyType.Value)).AppendLine();
                }

                foreach (var lsi in r.LocalSecondaryIndexes ?? [])
                {
                    builder.Append("LocalSecondaryIndex ").Append(lsi.IndexName).Append(": ")
                        .AppendJoin(", ", lsi.KeySchema.Select(k => k.AttributeName + " " + k.KeyType.Value)).AppendLine();
                }

                Line(builder, "BillingMode", r.BillingMode?.Value);
                break;
            default:
                var name = request.GetType().Name;
                Header(builder, name.EndsWith("Request", StringComparison.Ordinal) ? name[..^"Request".Length] : name,
                    TableNameOf(request), null);
                break;
        }

        return builder.ToString().TrimEnd();
    }

    public static string FormatValue(AttributeValue value)
    {
        var text = FormatValueCore(value);
        return text.Length > MaxValueLength ? text[..MaxValueLength] + "…(" + text.Length + " chars)" : text;
    }

    private static string FormatValueCore(AttributeValue value)
    {
        if (value.S != null)
        {
            return "S " + Quote(value.S);
        }

        if (value.N != null)
        {
            return "N " + value.N;
        }

        if (value.B != null)
        {
            return "B " + Convert.ToBase64String(value.B.ToArray());
        }

        if (value.BOOL != null)
        {
            return "BOOL " + (value.BOOL.Value ? "true" : "false");
        }

        if (value.NULL == true)
        {
            return "NULL";
        }

        if (value.SS is { Count: > 0 })
        {
            return "SS [" + string.Join(", ", value.SS.Select(Quote)) + "]";
        }

        if (value.NS is { Count: > 0 })
        {
            return "NS [" + string.Join(", ", value.NS) + "]";
        }

        if (value.BS is { Count: > 0 })
        {
            return "BS [" + string.Join(", ", value.BS.Select(b => Convert.ToBase64String(b.ToArray()))) + "]";
        }

        if (value.L != null)
        {
            return "L [" + string.Join(", ", value.L.Select(FormatValueCore)) + "]";
        }

        if (value.M != null)
        {
            return "M {" + string.Join(", ", value.M.Select(p => Quote(p.Key) + ": " + FormatValueCore(p.Value))) + "}";
        }

        return "(empty)";
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static void Header(StringBuilder builder, string operation, string? table, string? index)
    {
        builder.Append(operation).Append(' ').Append(table);
        if (index != null)
        {
            builder.Append(" INDEX ").Append(index);
        }

        builder.AppendLine();
    }

    private static void Line(StringBuilder builder, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            builder.Append(label).Append(": ").AppendLine(value);
        }
    }

    private static void Flag(StringBuilder builder, string label, bool on)
    {
        if (on)
        {
            builder.AppendLine(label.Contains(':', StringComparison.Ordinal) ? label : label + ": true");
        }
    }

    private static void Number(StringBuilder builder, string label, int? value)
    {
        if (value != null)
        {
            builder.Append(label).Append(": ").AppendLine(value.Value.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Names(StringBuilder builder, Dictionary<string, string>? names)
    {
        if (names is { Count: > 0 })
        {
            builder.Append("ExpressionAttributeNames: ").AppendJoin(", ", names.Select(p => p.Key + " = " + Quote(p.Value))).AppendLine();
        }
    }

    private static void Values(StringBuilder builder, Dictionary<string, AttributeValue>? values, bool includeValues)
    {
        if (values is { Count: > 0 })
        {
            builder.Append("ExpressionAttributeValues: ")
                .AppendJoin(", ", values.Select(p => p.Key + " = " + (includeValues ? FormatValue(p.Value) : "?"))).AppendLine();
        }
    }

    private static void Item(StringBuilder builder, string label, Dictionary<string, AttributeValue>? item, bool includeValues)
    {
        if (item is { Count: > 0 })
        {
            builder.Append(label).Append(": ")
                .AppendJoin(", ", item.Select(p => p.Key + " = " + (includeValues ? FormatValue(p.Value) : "?"))).AppendLine();
        }
    }

    private static string FormatKeys(List<Dictionary<string, AttributeValue>> keys)
        => "[" + string.Join("; ", keys.Take(5).Select(k => string.Join(", ", k.Select(p => p.Key + " = " + FormatValue(p.Value)))))
            + (keys.Count > 5 ? "; …" : "") + "]";

    private static string Condition(string? condition) => string.IsNullOrEmpty(condition) ? "" : " IF " + condition;

    private static string FirstTable(TransactWriteItemsRequest r)
    {
        var first = r.TransactItems?.FirstOrDefault();
        return first?.Put?.TableName ?? first?.Update?.TableName ?? first?.Delete?.TableName ?? first?.ConditionCheck?.TableName ?? "";
    }

    private static string TableNameOf(AmazonDynamoDBRequest request)
        => request.GetType().GetProperty("TableName")?.GetValue(request) as string ?? "";
}
