namespace Microsoft.EntityFrameworkCore;

/// <summary>Marks the property that is the table's partition (hash) key.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class PartitionKeyAttribute : Attribute;
