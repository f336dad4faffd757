namespace Microsoft.EntityFrameworkCore;

/// <summary>
///     What <c>context.Database.EnsureSchemaAsync()</c> did: the changes it made (tables created, global secondary indexes
///     added and backfilled, time to live enabled) and the differences between the tables and the model that it left alone
///     because DynamoDB cannot change them in place or because changing them could break other users of the table.
/// </summary>
public sealed class DynamoDbSchemaReport
{
    internal DynamoDbSchemaReport(IReadOnlyList<DynamoDbSchemaChange> changes, IReadOnlyList<DynamoDbSchemaDifference> differences)
    {
        Changes = changes;
        Differences = differences;
    }

    /// <summary>The changes made, in the order they were made per table.</summary>
    public IReadOnlyList<DynamoDbSchemaChange> Changes { get; }

    /// <summary>The differences left unchanged; empty when every table now matches the model.</summary>
    public IReadOnlyList<DynamoDbSchemaDifference> Differences { get; }

    /// <summary>True when every table matches the model (after the changes made).</summary>
    public bool IsUpToDate => Differences.Count == 0;

    /// <inheritdoc />
    public override string ToString()
        => Changes.Count == 0 && Differences.Count == 0
            ? "The tables match the model; nothing was changed."
            : string.Join(
                Environment.NewLine,
                Changes.Select(c => "Changed " + c).Concat(Differences.Select(d => "Left unchanged " + d)));
}
