// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore.Diagnostics;

/// <summary>The payload of <see cref="DynamoDbEventId.ImplicitScan" />, for <see cref="System.Diagnostics.DiagnosticListener" /> subscribers.</summary>
public class DynamoDbImplicitScanEventData : EventData
{
    /// <summary>Creates the event data.</summary>
    public DynamoDbImplicitScanEventData(
        EventDefinitionBase eventDefinition,
        Func<EventDefinitionBase, EventData, string> messageGenerator,
        string entityTypeName,
        string tableName,
        string reason)
        : base(eventDefinition, messageGenerator)
    {
        EntityTypeName = entityTypeName;
        TableName = tableName;
        Reason = reason;
    }

    /// <summary>The entity type the query reads.</summary>
    public virtual string EntityTypeName { get; }

    /// <summary>The table (and index) the Scan reads.</summary>
    public virtual string TableName { get; }

    /// <summary>Why the query cannot be a key lookup or a Query.</summary>
    public virtual string Reason { get; }
}
