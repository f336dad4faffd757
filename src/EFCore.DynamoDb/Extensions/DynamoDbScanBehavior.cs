// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>
///     What the provider does when a query would run as a Scan (reading every item of the table or index, and paying for
///     it) without asking for one with <c>WithScan()</c>: its condition pins no partition key of the table or of an index.
/// </summary>
public enum DynamoDbScanBehavior
{
    /// <summary>Run the Scan and log <c>DynamoDbEventId.ImplicitScan</c> as a warning (the default).</summary>
    Allow,

    /// <summary>
    ///     Refuse the query with an <see cref="InvalidOperationException" /> before any request, naming the entity type, the table
    ///     and the condition; queries that use <c>WithScan()</c> still run.
    /// </summary>
    Disallow,
}
