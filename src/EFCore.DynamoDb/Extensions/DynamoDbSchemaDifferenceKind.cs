namespace Microsoft.EntityFrameworkCore;

/// <summary>How an existing table differs from the model in a way <c>EnsureSchemaAsync</c> does not change.</summary>
public enum DynamoDbSchemaDifferenceKind
{
    /// <summary>The table's key schema is not the model's; DynamoDB cannot change a table's keys, and nothing else was compared.</summary>
    KeySchema,

    /// <summary>A local secondary index of the model is missing; DynamoDB only creates local indexes with the table.</summary>
    LocalSecondaryIndexMissing,

    /// <summary>An index of the model exists with other keys, or is global where the model declares it local (or the reverse).</summary>
    IndexKeySchema,

    /// <summary>An index of the model exists but projects other attributes.</summary>
    IndexProjection,

    /// <summary>The table has an index the model does not declare (it is kept: other applications may use it).</summary>
    IndexNotInModel,

    /// <summary>
    ///     A global index of the model cannot be created: its key attribute is defined in the table with another type than the
    ///     model stores it as.
    /// </summary>
    AttributeType,

    /// <summary>
    ///     Time to live is on another attribute than the model's, is being disabled, or is enabled on a table whose model
    ///     declares none.
    /// </summary>
    TimeToLive,
}
