namespace Microsoft.EntityFrameworkCore;

/// <summary>What <c>EnsureSchemaAsync</c> changed on a table.</summary>
public enum DynamoDbSchemaChangeKind
{
    /// <summary>The table did not exist and was created, as <c>EnsureCreatedAsync</c> creates it.</summary>
    TableCreated,

    /// <summary>A global secondary index of the model was added to the existing table and backfilled (it is ACTIVE).</summary>
    GlobalSecondaryIndexCreated,

    /// <summary>Time to live was enabled on the attribute the model declares.</summary>
    TimeToLiveEnabled,
}
