using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Planning;
using EFCore.DynamoDb.Storage.Internal.Expressions;

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

    /// <summary>An AddConditionCheck as the ConditionCheck item of a transaction: the item exists and matches the rest of the Where.</summary>
    public static TransactWriteItem ToConditionCheck(ConditionCheckRequest check)
    {
        var builder = new DynamoDbExpressionBuilder();
        var condition = $"attribute_exists({builder.Name(check.PartitionKey)})"
            + (check.Condition == null ? "" : $" AND ({new FilterWriter(builder).Write(check.Condition)})");
        return new TransactWriteItem
        {
            ConditionCheck = new ConditionCheck
            {
                TableName = check.TableName,
                Key = check.Key,
                ConditionExpression = condition,
                ExpressionAttributeNames = builder.NamesOrNull,
                ExpressionAttributeValues = builder.ValuesOrNull,
            },
        };
    }

    /// <summary>The unconditional form a batch can carry: a put of the whole item, or a delete by key.</summary>
    public static WriteRequest ToBatchWriteRequest(WriteCommand command)
        => command.Kind is WriteKind.Insert or WriteKind.Replace
            ? new WriteRequest { PutRequest = new PutRequest { Item = command.Item } }
            : new WriteRequest { DeleteRequest = new DeleteRequest { Key = command.Key } };
}
