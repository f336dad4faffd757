using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>Turns the model's table names into the names sent to DynamoDB (adding the options' <c>TableNamePrefix</c>).</summary>
public interface ITableNameResolver
{
    /// <summary>The DynamoDB table name of a model table name.</summary>
    string Resolve(string modelTableName);

    /// <summary>The DynamoDB table name an entity type's items are stored in.</summary>
    string Resolve(IReadOnlyEntityType entityType);
}
