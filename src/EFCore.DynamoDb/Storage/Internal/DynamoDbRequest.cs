using Amazon.DynamoDBv2;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>One DynamoDB request as the provider logs it: operation, table, optional index and page, and the SDK request.</summary>
internal readonly record struct DynamoDbRequest(
    string Operation,
    string TableName,
    string? IndexName,
    AmazonDynamoDBRequest Request,
    int? PageNumber = null)
{
    public string TableDisplay => IndexName == null ? TableName : TableName + " INDEX " + IndexName;

    public string Format(bool includeValues) => DynamoDbRequestFormatter.Format(Request, includeValues);
}
