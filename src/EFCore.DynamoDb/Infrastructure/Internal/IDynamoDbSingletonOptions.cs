using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EFCore.DynamoDb.Infrastructure.Internal;

/// <summary>The DynamoDB options that live as long as the internal service provider (one set per distinct options).</summary>
public interface IDynamoDbSingletonOptions : ISingletonOptions
{
    /// <summary>The endpoint URL, if one was configured.</summary>
    string? ServiceUrl { get; }

    /// <summary>The AWS region, if one was configured.</summary>
    string? Region { get; }

    /// <summary>Explicit credentials, if configured.</summary>
    AWSCredentials? Credentials { get; }

    /// <summary>The client configuration callback, if configured.</summary>
    Action<AmazonDynamoDBConfig>? ConfigureClient { get; }

    /// <summary>A client the application supplied, if any.</summary>
    IAmazonDynamoDB? Client { get; }

    /// <summary>How many BatchWriteItem requests may be in flight at once.</summary>
    int MaxBatchWriteParallelism { get; }
}
