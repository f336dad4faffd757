using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;

namespace EFCore.DynamoDb.Query.Internal.Planning;

// The requests one execution of a query sends, decided from its parameter values: a closed set, one record per DynamoDB
// read operation (and one for "nothing to read"). Query and Scan requests are templates the item source pages with
// ExclusiveStartKey.

/// <summary>What one execution of a query reads.</summary>
internal abstract record ReadPlan
{
    /// <summary>The table read (with the options' prefix).</summary>
    public required string TableName { get; init; }

    /// <summary>The secondary index read, if any.</summary>
    public string? IndexName { get; init; }

    /// <summary>The part of the condition evaluated on the client, on items already read; null when DynamoDB checks it all.</summary>
    public FilterNode? ClientFilter { get; init; }

    /// <summary>The attributes that identify an item in the table or index read: what a continuation token holds.</summary>
    public IReadOnlyList<string> KeyAttributeNames { get; init; } = [];

    /// <summary>How the requests are sent: page size, capacity pacing, scan segments.</summary>
    public ReadOptions Options { get; init; } = ReadOptions.Default;

    /// <summary>The queried entity type's display name, for error messages.</summary>
    public string? EntityTypeName { get; init; }

    /// <summary>How many independent request sequences the plan has (continuation tokens say which one to resume).</summary>
    public virtual int SegmentCount => 1;
}

/// <summary>No request at all: the condition can never hold (an empty list of keys, a key no item can have...).</summary>
internal sealed record EmptyPlan(string Reason) : ReadPlan;

/// <summary>One GetItem: the full primary key is pinned.</summary>
internal sealed record GetItemPlan(GetItemRequest Request) : ReadPlan;

/// <summary>BatchGetItem of every key, 100 keys a request, with the projection and consistency of the template.</summary>
internal sealed record BatchGetItemPlan(IReadOnlyList<Dictionary<string, AttributeValue>> Keys, KeysAndAttributes Template) : ReadPlan
{
    public const int KeysPerRequest = 100;

    public override int SegmentCount => (Keys.Count + KeysPerRequest - 1) / KeysPerRequest;
}

/// <summary>One Query per partition key value (usually one), each paged to its end, one after the other.</summary>
internal sealed record QueryPlan(IReadOnlyList<QueryRequest> Requests, bool CountOnServer) : ReadPlan
{
    /// <summary>The table partition each request reads, when the requests read the table (not an index).</summary>
    public IReadOnlyList<AttributeValue>? PartitionValues { get; init; }

    public override int SegmentCount => Requests.Count;
}

/// <summary>A Scan of the table or index, paged to its end; in <see cref="ReadOptions.TotalSegments" /> parallel segments when asked.</summary>
/// <param name="Request">The request template.</param>
/// <param name="CountOnServer">Whether the request asks for Select=COUNT.</param>
/// <param name="Reason">Why the query is a Scan (what it could have pinned instead), for logs and ToQueryString.</param>
internal sealed record ScanPlan(ScanRequest Request, bool CountOnServer, string Reason) : ReadPlan
{
    public override int SegmentCount => Options.TotalSegments ?? 1;
}

/// <summary>A PartiQL SELECT (FromPartiQL): ExecuteStatement, paged with NextToken; the rest of the condition is checked on the items.</summary>
internal sealed record PartiQLPlan(ExecuteStatementRequest Request) : ReadPlan;

/// <summary>Items the application gave (FromItems): no request; the condition is checked on the items.</summary>
internal sealed record GivenItemsPlan(IReadOnlyList<Dictionary<string, AttributeValue>> Items) : ReadPlan;

/// <summary>How a query's requests are sent, from its hints (WithPageSize, WithReadCapacityLimit, WithParallelScan).</summary>
/// <param name="PageSize">DynamoDB's Limit for each request (items evaluated per page), or null for DynamoDB's 1 MB pages.</param>
/// <param name="ReadCapacityPerSecond">The read capacity units per second the requests may consume, or null for no pacing.</param>
/// <param name="TotalSegments">The number of parallel Scan segments, or null for one.</param>
internal sealed record ReadOptions(int? PageSize, double? ReadCapacityPerSecond, int? TotalSegments)
{
    public static readonly ReadOptions Default = new(null, null, null);
}
