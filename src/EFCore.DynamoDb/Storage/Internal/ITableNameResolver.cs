using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>Turns the model's table names into the names sent to DynamoDB (adding the options' <c>TableNamePrefix</c>).</summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public interface ITableNameResolver
{
    /// <summary>The DynamoDB table name of a model table name.</summary>
    string Resolve(string modelTableName);

    /// <summary>The DynamoDB table name an entity type's items are stored in.</summary>
    string Resolve(IReadOnlyEntityType entityType);
}
