using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>Turns a <see cref="WriteCommand" /> into the SDK request of each way it can be sent.</summary>
internal static class WriteRequests
{
    public static PutItemRequest ToPutItem(WriteCommand command)
        => new()
        {
            TableName = command.TableName,
            Item = command.Item,
            ConditionExpression = command.ConditionExpression,
            ExpressionAttributeNames = command.Names,
            ExpressionAttributeValues = command.Values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };

    public static UpdateItemRequest ToUpdateItem(WriteCommand command)
        => new()
        {
            TableName = command.TableName,
            Key = command.Key,
            UpdateExpression = command.UpdateExpression,
            ConditionExpression = command.ConditionExpression,
            ExpressionAttributeNames = command.Names,
            ExpressionAttributeValues = command.Values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };

    public static DeleteItemRequest ToDeleteItem(WriteCommand command)
        => new()
        {
            TableName = command.TableName,
            Key = command.Key,
            ConditionExpression = command.ConditionExpression,
            ExpressionAttributeNames = command.Names,
            ExpressionAttributeValues = command.Values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };

    public static TransactWriteItem ToTransactWriteItem(WriteCommand command)
        => command.Kind switch
        {
            WriteKind.Insert or WriteKind.Replace => new TransactWriteItem
            {
                Put = new Put
                {
                    TableName = command.TableName,
                    Item = command.Item,
                    ConditionExpression = command.ConditionExpression,
                    ExpressionAttributeNames = command.Names,
                    ExpressionAttributeValues = command.Values,
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
            },
            WriteKind.Update => new TransactWriteItem
            {
                Update = new Amazon.DynamoDBv2.Model.Update
                {
                    TableName = command.TableName,
                    Key = command.Key,
                    UpdateExpression = command.UpdateExpression,
                    ConditionExpression = command.ConditionExpression,
                    ExpressionAttributeNames = command.Names,
                    ExpressionAttributeValues = command.Values,
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
            },
            _ => new TransactWriteItem
            {
                Delete = new Delete
                {
                    TableName = command.TableName,
                    Key = command.Key,
                    ConditionExpression = command.ConditionExpression,
                    ExpressionAttributeNames = command.Names,
                    ExpressionAttributeValues = command.Values,
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
            },
        };

    /// <summary>The unconditional form a batch can carry: a put of the whole item, or a delete by key.</summary>
    public static WriteRequest ToBatchWriteRequest(WriteCommand command)
        => command.Kind is WriteKind.Insert or WriteKind.Replace
            ? new WriteRequest { PutRequest = new PutRequest { Item = command.Item } }
            : new WriteRequest { DeleteRequest = new DeleteRequest { Key = command.Key } };
}
