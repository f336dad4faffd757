using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EFCore.DynamoDb.Infrastructure.Internal;

/// <summary>Copies the options that define the client out of the first context's options.</summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public class DynamoDbSingletonOptions : IDynamoDbSingletonOptions
{
    /// <summary>The default number of BatchWriteItem requests in flight per SaveChanges.</summary>
    public const int DefaultMaxBatchWriteParallelism = 4;

    /// <inheritdoc />
    public virtual string? ServiceUrl { get; private set; }

    /// <inheritdoc />
    public virtual string? Region { get; private set; }

    /// <inheritdoc />
    public virtual AWSCredentials? Credentials { get; private set; }

    /// <inheritdoc />
    public virtual Action<AmazonDynamoDBConfig>? ConfigureClient { get; private set; }

    /// <inheritdoc />
    public virtual IAmazonDynamoDB? Client { get; private set; }

    /// <inheritdoc />
    public virtual int MaxBatchWriteParallelism { get; private set; } = DefaultMaxBatchWriteParallelism;

    /// <inheritdoc />
    public virtual void Initialize(IDbContextOptions options)
    {
        var extension = options.FindExtension<DynamoDbOptionsExtension>();
        if (extension == null)
        {
            return;
        }

        ServiceUrl = extension.ServiceUrl;
        Region = extension.Region;
        Credentials = extension.Credentials;
        ConfigureClient = extension.ConfigureClient;
        Client = extension.Client;
        MaxBatchWriteParallelism = extension.MaxBatchWriteParallelism ?? DefaultMaxBatchWriteParallelism;
    }

    /// <inheritdoc />
    public virtual void Validate(IDbContextOptions options)
    {
        var extension = options.FindExtension<DynamoDbOptionsExtension>();
        if (extension != null
            && (ServiceUrl != extension.ServiceUrl
                || Region != extension.Region
                || !ReferenceEquals(Client, extension.Client)))
        {
            throw new InvalidOperationException(
                "The DynamoDB options of this context differ from those its internal service provider was built with. "
                + "Call 'UseDynamoDb' with the same options for every context that shares an internal service provider.");
        }
    }
}
