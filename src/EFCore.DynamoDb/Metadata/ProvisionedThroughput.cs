namespace Microsoft.EntityFrameworkCore.Metadata;

/// <summary>Read and write capacity units of a provisioned table or global secondary index.</summary>
/// <param name="ReadCapacityUnits">Read capacity units (at least 1).</param>
/// <param name="WriteCapacityUnits">Write capacity units (at least 1).</param>
public sealed record ProvisionedThroughput(long ReadCapacityUnits, long WriteCapacityUnits);
