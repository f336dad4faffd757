namespace Microsoft.EntityFrameworkCore;

/// <summary>One way an existing table differs from the model that <c>EnsureSchemaAsync</c> left as it is.</summary>
/// <param name="Kind">What differs.</param>
/// <param name="TableName">The table, as named in DynamoDB (with the options' table name prefix).</param>
/// <param name="IndexName">The index concerned, if any.</param>
/// <param name="Description">The difference in words, naming what the table has and what the model declares.</param>
public sealed record DynamoDbSchemaDifference(DynamoDbSchemaDifferenceKind Kind, string TableName, string? IndexName, string Description)
{
    /// <inheritdoc />
    public override string ToString() => $"{TableName}: {Description}";
}
