namespace Microsoft.EntityFrameworkCore;

/// <summary>One change <c>EnsureSchemaAsync</c> made to bring a table to the model.</summary>
/// <param name="Kind">What was changed.</param>
/// <param name="TableName">The table, as named in DynamoDB (with the options' table name prefix).</param>
/// <param name="IndexName">The index created, for <see cref="DynamoDbSchemaChangeKind.GlobalSecondaryIndexCreated" />.</param>
/// <param name="Description">The change in words, as it was logged (<c>DynamoDbEventId.TableUpdated</c>).</param>
public sealed record DynamoDbSchemaChange(DynamoDbSchemaChangeKind Kind, string TableName, string? IndexName, string Description)
{
    /// <inheritdoc />
    public override string ToString() => $"{TableName}: {Description}";
}
