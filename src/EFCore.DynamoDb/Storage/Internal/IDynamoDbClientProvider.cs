using Amazon.DynamoDBv2;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>Holds the one <see cref="IAmazonDynamoDB" /> client of an options set (a singleton service).</summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public interface IDynamoDbClientProvider
{
    /// <summary>The client; created on first use.</summary>
    IAmazonDynamoDB Client { get; }
}
