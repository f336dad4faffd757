// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore.Diagnostics;

/// <summary>The payload of the DynamoDB request events, for <see cref="System.Diagnostics.DiagnosticListener" /> subscribers.</summary>
public class DynamoDbRequestEventData : EventData
{
    /// <summary>Creates the event data.</summary>
    public DynamoDbRequestEventData(
        EventDefinitionBase eventDefinition,
        Func<EventDefinitionBase, EventData, string> messageGenerator,
        string operation,
        string tableName,
        string? indexName,
        string requestText,
        TimeSpan elapsed,
        double? consumedCapacityUnits,
        int? pageNumber,
        int? itemCount,
        Exception? exception)
        : base(eventDefinition, messageGenerator)
    {
        Operation = operation;
        TableName = tableName;
        IndexName = indexName;
        RequestText = requestText;
        Elapsed = elapsed;
        ConsumedCapacityUnits = consumedCapacityUnits;
        PageNumber = pageNumber;
        ItemCount = itemCount;
        Exception = exception;
    }

    /// <summary>The DynamoDB operation name as the API spells it (GetItem, Query, Scan, PutItem, TransactWriteItems...).</summary>
    public virtual string Operation { get; }

    /// <summary>The table the request addresses (the first table for multi-table requests).</summary>
    public virtual string TableName { get; }

    /// <summary>The secondary index queried, if any.</summary>
    public virtual string? IndexName { get; }

    /// <summary>The request's expressions; attribute values only when sensitive data logging is enabled.</summary>
    public virtual string RequestText { get; }

    /// <summary>How long the request took (zero for the executing event).</summary>
    public virtual TimeSpan Elapsed { get; }

    /// <summary>The capacity units DynamoDB reported as consumed, when it reported any.</summary>
    public virtual double? ConsumedCapacityUnits { get; }

    /// <summary>For paged reads, the 1-based number of the page this request fetched.</summary>
    public virtual int? PageNumber { get; }

    /// <summary>For reads, how many items the response held.</summary>
    public virtual int? ItemCount { get; }

    /// <summary>The failure, for <see cref="DynamoDbEventId.RequestFailed" />.</summary>
    public virtual Exception? Exception { get; }
}
