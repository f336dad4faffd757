using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EFCore.DynamoDb.Infrastructure.Internal;

/// <summary>The DynamoDB options that live as long as the internal service provider (one set per distinct options).</summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
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
