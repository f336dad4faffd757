namespace Microsoft.EntityFrameworkCore;

/// <summary>Which attributes DynamoDB copies into a secondary index.</summary>
public enum DynamoDbIndexProjection
{
    /// <summary>Every attribute of the item (the default): any query can be answered from the index.</summary>
    All,

    /// <summary>Only the table's and the index's key attributes.</summary>
    KeysOnly,

    /// <summary>The key attributes plus the properties named with <c>IncludeProperties</c>.</summary>
    Include,
}
