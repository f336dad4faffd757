namespace Microsoft.EntityFrameworkCore;

/// <summary>Marks the property that is the table's sort (range) key.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class SortKeyAttribute : Attribute;
