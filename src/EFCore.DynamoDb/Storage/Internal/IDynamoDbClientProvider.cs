using Amazon.DynamoDBv2;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>Holds the one <see cref="IAmazonDynamoDB" /> client of an options set (a singleton service).</summary>
public interface IDynamoDbClientProvider
{
    /// <summary>The client; created on first use.</summary>
    IAmazonDynamoDB Client { get; }
}
