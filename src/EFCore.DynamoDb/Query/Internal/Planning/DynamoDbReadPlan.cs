using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>The DynamoDB operation a query runs as.</summary>
internal enum ReadOperation
{
    /// <summary>No request at all: the condition can never hold (e.g. an empty Contains list).</summary>
    None,
    GetItem,
    BatchGetItem,
    Query,
    Scan,
}

/// <summary>
///     The requests one execution of a query sends, decided from the parameter values: a single GetItem, a BatchGetItem of
///     up to 100 keys per request, one or more Query requests (one per partition key value), or a Scan. Query and Scan
///     requests are templates: the executor pages them with ExclusiveStartKey.
/// </summary>
internal sealed class DynamoDbReadPlan
{
    public required ReadOperation Operation { get; init; }

    public required string TableName { get; init; }

    public string? IndexName { get; init; }

    public GetItemRequest? GetItem { get; init; }

    /// <summary>For BatchGetItem: every key, and the projection and consistency to request them with.</summary>
    public IReadOnlyList<Dictionary<string, AttributeValue>>? BatchKeys { get; init; }

    public KeysAndAttributes? BatchTemplate { get; init; }

    /// <summary>For Query: one request per partition key value (usually one).</summary>
    public IReadOnlyList<QueryRequest>? Queries { get; init; }

    public ScanRequest? Scan { get; init; }

    /// <summary>The part of the condition evaluated on the client, on items already read; null when DynamoDB checks it all.</summary>
    public FilterNode? ClientFilter { get; init; }

    /// <summary>The attributes that identify an item in the table or index read: what a continuation token holds.</summary>
    public required IReadOnlyList<string> KeyAttributeNames { get; init; }

    /// <summary>Whether the requests ask for Select=COUNT (Count with nothing left to check on the client).</summary>
    public bool CountOnServer { get; init; }

    /// <summary>Why this plan was chosen, for ToQueryString and logs.</summary>
    public string? Note { get; init; }

    /// <summary>The queried entity type's display name, for error messages (set by the runner).</summary>
    public string? EntityTypeName { get; set; }

    public static DynamoDbReadPlan Nothing(string tableName, string reason)
        => new() { Operation = ReadOperation.None, TableName = tableName, KeyAttributeNames = [], Note = reason };
}
