using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using EFCore.DynamoDb.Diagnostics.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Sends requests through the shared client, logs each one through EF and traces it (one span per request, and the
///     request metrics; see <see cref="DynamoDbTelemetry" />). A scoped service: EF's loggers are scoped.
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public class DynamoDbRequestExecutor : IDynamoDbRequestExecutor
{
    private readonly IDynamoDbClientProvider _clientProvider;
    private readonly IDiagnosticsLogger<DbLoggerCategory.Database.Command> _logger;
    private DynamoDbServerEndpoint? _endpoint;

    /// <summary>Creates the executor.</summary>
    public DynamoDbRequestExecutor(
        IDynamoDbClientProvider clientProvider,
        IDiagnosticsLogger<DbLoggerCategory.Database.Command> logger)
    {
        _clientProvider = clientProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public virtual IAmazonDynamoDB Client => _clientProvider.Client;

    /// <inheritdoc />
    public virtual Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("GetItem", request.TableName, null, request), request,
            static (c, r, ct) => c.GetItemAsync(r, ct), static r => (r.ConsumedCapacity?.CapacityUnits, r.Item is { Count: > 0 } ? 1 : 0),
            cancellationToken);

    /// <inheritdoc />
    public virtual Task<QueryResponse> QueryAsync(QueryRequest request, int pageNumber, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("Query", request.TableName, request.IndexName, request, pageNumber), request,
            static (c, r, ct) => c.QueryAsync(r, ct), static r => (r.ConsumedCapacity?.CapacityUnits, r.Count),
            cancellationToken);

    /// <inheritdoc />
    public virtual Task<ScanResponse> ScanAsync(ScanRequest request, int pageNumber, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("Scan", request.TableName, request.IndexName, request, pageNumber), request,
            static (c, r, ct) => c.ScanAsync(r, ct), static r => (r.ConsumedCapacity?.CapacityUnits, r.Count),
            cancellationToken);

    /// <inheritdoc />
    public virtual Task<ExecuteStatementResponse> ExecuteStatementAsync(
        ExecuteStatementRequest request,
        string tableName,
        int pageNumber,
        CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("ExecuteStatement", tableName, null, request, pageNumber), request,
            static (c, r, ct) => c.ExecuteStatementAsync(r, ct), static r => (r.ConsumedCapacity?.CapacityUnits, r.Items?.Count),
            cancellationToken);

    /// <inheritdoc />
    public virtual Task<TransactGetItemsResponse> TransactGetItemsAsync(TransactGetItemsRequest request, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("TransactGetItems", request.TransactItems?.FirstOrDefault()?.Get?.TableName ?? "", null, request), request,
            static (c, r, ct) => c.TransactGetItemsAsync(r, ct),
            static r => (Sum(r.ConsumedCapacity), r.Responses?.Count(i => i.Item is { Count: > 0 })),
            cancellationToken);

    /// <inheritdoc />
    public virtual Task<BatchGetItemResponse> BatchGetItemAsync(BatchGetItemRequest request, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("BatchGetItem", request.RequestItems?.Keys.FirstOrDefault() ?? "", null, request), request,
            static (c, r, ct) => c.BatchGetItemAsync(r, ct),
            static r => (Sum(r.ConsumedCapacity), r.Responses?.Sum(p => p.Value?.Count ?? 0)),
            cancellationToken);

    /// <inheritdoc />
    public virtual Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("PutItem", request.TableName, null, request), request,
            static (c, r, ct) => c.PutItemAsync(r, ct), static r => (r.ConsumedCapacity?.CapacityUnits, null),
            cancellationToken);

    /// <inheritdoc />
    public virtual Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("UpdateItem", request.TableName, null, request), request,
            static (c, r, ct) => c.UpdateItemAsync(r, ct), static r => (r.ConsumedCapacity?.CapacityUnits, null),
            cancellationToken);

    /// <inheritdoc />
    public virtual Task<DeleteItemResponse> DeleteItemAsync(DeleteItemRequest request, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("DeleteItem", request.TableName, null, request), request,
            static (c, r, ct) => c.DeleteItemAsync(r, ct), static r => (r.ConsumedCapacity?.CapacityUnits, null),
            cancellationToken);

    /// <inheritdoc />
    public virtual Task<TransactWriteItemsResponse> TransactWriteItemsAsync(
        TransactWriteItemsRequest request,
        CancellationToken cancellationToken)
    {
        var first = request.TransactItems?.FirstOrDefault();
        var table = first?.Put?.TableName ?? first?.Update?.TableName ?? first?.Delete?.TableName ?? first?.ConditionCheck?.TableName ?? "";
        return SendAsync(new DynamoDbRequest("TransactWriteItems", table, null, request), request,
            static (c, r, ct) => c.TransactWriteItemsAsync(r, ct), static r => (Sum(r.ConsumedCapacity), null),
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("BatchWriteItem", request.RequestItems?.Keys.FirstOrDefault() ?? "", null, request), request,
            static (c, r, ct) => c.BatchWriteItemAsync(r, ct), static r => (Sum(r.ConsumedCapacity), null),
            cancellationToken);

    /// <inheritdoc />
    public virtual Task<CreateTableResponse> CreateTableAsync(CreateTableRequest request, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("CreateTable", request.TableName, null, request), request,
            static (c, r, ct) => c.CreateTableAsync(r, ct), static _ => (null, null), cancellationToken);

    /// <inheritdoc />
    public virtual Task<UpdateTableResponse> UpdateTableAsync(UpdateTableRequest request, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("UpdateTable", request.TableName, null, request), request,
            static (c, r, ct) => c.UpdateTableAsync(r, ct), static _ => (null, null), cancellationToken);

    /// <inheritdoc />
    public virtual Task<DescribeTableResponse> DescribeTableAsync(DescribeTableRequest request, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("DescribeTable", request.TableName, null, request), request,
            static (c, r, ct) => c.DescribeTableAsync(r, ct), static _ => (null, null), cancellationToken);

    /// <inheritdoc />
    public virtual async Task<TableDescription?> DescribeTableIfExistsAsync(string tableName, CancellationToken cancellationToken)
    {
        var request = new DescribeTableRequest { TableName = tableName };
        try
        {
            var response = await SendAsync(new DynamoDbRequest("DescribeTable", tableName, null, request), request,
                static (c, r, ct) => c.DescribeTableAsync(r, ct), static r => (null, r.Table == null ? 0 : 1), cancellationToken,
                static e => e is ResourceNotFoundException).ConfigureAwait(false);
            return response.Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public virtual Task<DeleteTableResponse> DeleteTableAsync(DeleteTableRequest request, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("DeleteTable", request.TableName, null, request), request,
            static (c, r, ct) => c.DeleteTableAsync(r, ct), static _ => (null, null), cancellationToken);

    /// <inheritdoc />
    public virtual Task<UpdateTimeToLiveResponse> UpdateTimeToLiveAsync(UpdateTimeToLiveRequest request, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("UpdateTimeToLive", request.TableName, null, request), request,
            static (c, r, ct) => c.UpdateTimeToLiveAsync(r, ct), static _ => (null, null), cancellationToken);

    /// <inheritdoc />
    public virtual Task<DescribeTimeToLiveResponse> DescribeTimeToLiveAsync(
        DescribeTimeToLiveRequest request,
        CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("DescribeTimeToLive", request.TableName, null, request), request,
            static (c, r, ct) => c.DescribeTimeToLiveAsync(r, ct), static _ => (null, null), cancellationToken);

    /// <inheritdoc />
    public virtual Task<ListTablesResponse> ListTablesAsync(ListTablesRequest request, CancellationToken cancellationToken)
        => SendAsync(new DynamoDbRequest("ListTables", "", null, request), request,
            static (c, r, ct) => c.ListTablesAsync(r, ct), static r => (null, r.TableNames?.Count), cancellationToken);

    /// <inheritdoc />
    public virtual void RequestRetrying(
        AmazonDynamoDBRequest request,
        string operation,
        string tableName,
        string reason,
        int attempt,
        TimeSpan delay)
    {
        _logger.RequestRetrying(new DynamoDbRequest(operation, tableName, null, request), reason, attempt, delay);
        DynamoDbTelemetry.UnprocessedItemsRetrying(operation, tableName);
    }

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        DynamoDbRequest description,
        TRequest request,
        Func<IAmazonDynamoDB, TRequest, CancellationToken, Task<TResponse>> send,
        Func<TResponse, (double? Capacity, int? Items)> summarize,
        CancellationToken cancellationToken,
        Func<Exception, bool>? isExpectedAnswer = null)
        where TRequest : AmazonDynamoDBRequest
        where TResponse : AmazonWebServiceResponse
    {
        using var activity = DynamoDbTelemetry.StartRequest(description, Endpoint);
        RequestCapacity(request, _logger.IsExecutedRequestObserved() || DynamoDbTelemetry.WantsConsumedCapacity(activity));
        _logger.ExecutingRequest(description);
        var started = Stopwatch.GetTimestamp();
        TResponse response;
        try
        {
            response = await send(Client, request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (isExpectedAnswer?.Invoke(exception) == true)
            {
                // E.g. "no such table" while waiting for a table to appear or go: an answer, not a failure.
                _logger.ExecutedRequest(description, elapsed, null, 0);
                DynamoDbTelemetry.RequestSucceeded(activity, description, Endpoint, elapsed, null);
            }
            else
            {
                if (exception is not OperationCanceledException)
                {
                    _logger.RequestFailed(description, elapsed, exception, IsConditionNotMet(exception));
                }

                DynamoDbTelemetry.RequestFailed(activity, description, Endpoint, elapsed, exception);
            }

            throw;
        }

        var (capacity, items) = summarize(response);
        var duration = Stopwatch.GetElapsedTime(started);
        _logger.ExecutedRequest(description, duration, capacity, items);
        DynamoDbTelemetry.RequestSucceeded(activity, description, Endpoint, duration, response);
        return response;
    }

    /// <summary>Where the client sends requests, for the spans and metrics (worked out once, when first needed).</summary>
    private DynamoDbServerEndpoint Endpoint => _endpoint ??= DynamoDbServerEndpoint.From(Client.Config);

    /// <summary>
    ///     Asks DynamoDB for the consumed capacity only when someone reads it (the ExecutedRequest event is logged or observed,
    ///     the request's span or the consumed capacity metric is listened to): it costs response size and client time otherwise.
    ///     A caller that needs it (capacity pacing) has set it.
    /// </summary>
    private static void RequestCapacity(AmazonDynamoDBRequest request, bool wanted)
    {
        var mode = wanted ? ReturnConsumedCapacity.TOTAL : null;
        switch (request)
        {
            case GetItemRequest r: r.ReturnConsumedCapacity ??= mode; break;
            case QueryRequest r: r.ReturnConsumedCapacity ??= mode; break;
            case ScanRequest r: r.ReturnConsumedCapacity ??= mode; break;
            case BatchGetItemRequest r: r.ReturnConsumedCapacity ??= mode; break;
            case ExecuteStatementRequest r: r.ReturnConsumedCapacity ??= mode; break;
            case TransactGetItemsRequest r: r.ReturnConsumedCapacity ??= mode; break;
            case PutItemRequest r: r.ReturnConsumedCapacity ??= mode; break;
            case UpdateItemRequest r: r.ReturnConsumedCapacity ??= mode; break;
            case DeleteItemRequest r: r.ReturnConsumedCapacity ??= mode; break;
            case TransactWriteItemsRequest r: r.ReturnConsumedCapacity ??= mode; break;
            case BatchWriteItemRequest r: r.ReturnConsumedCapacity ??= mode; break;
        }
    }

    /// <summary>A conditional write refused only because of its conditions (duplicates, concurrency): an outcome, not an error.</summary>
    private static bool IsConditionNotMet(Exception exception)
        => exception is ConditionalCheckFailedException
            || (exception is TransactionCanceledException { CancellationReasons: { Count: > 0 } reasons }
                && reasons.All(r => r.Code is null or "None" or "ConditionalCheckFailed"));

    private static double? Sum(List<ConsumedCapacity>? capacities)
        => capacities is { Count: > 0 } ? capacities.Sum(c => c.CapacityUnits ?? 0) : null;
}
