using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using EFCore.DynamoDb.Diagnostics.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>Sends requests through the shared client and logs each one (a scoped service: EF's loggers are scoped).</summary>
public class DynamoDbRequestExecutor : IDynamoDbRequestExecutor
{
    private readonly IDynamoDbClientProvider _clientProvider;
    private readonly IDiagnosticsLogger<DbLoggerCategory.Database.Command> _logger;

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
    {
        RequestCapacity(request);
        return SendAsync(new DynamoDbRequest("GetItem", request.TableName, null, request), request,
            static (c, r, ct) => c.GetItemAsync(r, ct), static r => (r.ConsumedCapacity?.CapacityUnits, r.Item is { Count: > 0 } ? 1 : 0),
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<QueryResponse> QueryAsync(QueryRequest request, int pageNumber, CancellationToken cancellationToken)
    {
        RequestCapacity(request);
        return SendAsync(new DynamoDbRequest("Query", request.TableName, request.IndexName, request, pageNumber), request,
            static (c, r, ct) => c.QueryAsync(r, ct), static r => (r.ConsumedCapacity?.CapacityUnits, r.Count),
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<ScanResponse> ScanAsync(ScanRequest request, int pageNumber, CancellationToken cancellationToken)
    {
        RequestCapacity(request);
        return SendAsync(new DynamoDbRequest("Scan", request.TableName, request.IndexName, request, pageNumber), request,
            static (c, r, ct) => c.ScanAsync(r, ct), static r => (r.ConsumedCapacity?.CapacityUnits, r.Count),
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<BatchGetItemResponse> BatchGetItemAsync(BatchGetItemRequest request, CancellationToken cancellationToken)
    {
        RequestCapacity(request);
        return SendAsync(new DynamoDbRequest("BatchGetItem", request.RequestItems?.Keys.FirstOrDefault() ?? "", null, request), request,
            static (c, r, ct) => c.BatchGetItemAsync(r, ct),
            static r => (Sum(r.ConsumedCapacity), r.Responses?.Sum(p => p.Value?.Count ?? 0)),
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken)
    {
        RequestCapacity(request);
        return SendAsync(new DynamoDbRequest("PutItem", request.TableName, null, request), request,
            static (c, r, ct) => c.PutItemAsync(r, ct), static r => (r.ConsumedCapacity?.CapacityUnits, null),
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken)
    {
        RequestCapacity(request);
        return SendAsync(new DynamoDbRequest("UpdateItem", request.TableName, null, request), request,
            static (c, r, ct) => c.UpdateItemAsync(r, ct), static r => (r.ConsumedCapacity?.CapacityUnits, null),
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<DeleteItemResponse> DeleteItemAsync(DeleteItemRequest request, CancellationToken cancellationToken)
    {
        RequestCapacity(request);
        return SendAsync(new DynamoDbRequest("DeleteItem", request.TableName, null, request), request,
            static (c, r, ct) => c.DeleteItemAsync(r, ct), static r => (r.ConsumedCapacity?.CapacityUnits, null),
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<TransactWriteItemsResponse> TransactWriteItemsAsync(
        TransactWriteItemsRequest request,
        CancellationToken cancellationToken)
    {
        RequestCapacity(request);
        var first = request.TransactItems?.FirstOrDefault();
        var table = first?.Put?.TableName ?? first?.Update?.TableName ?? first?.Delete?.TableName ?? first?.ConditionCheck?.TableName ?? "";
        return SendAsync(new DynamoDbRequest("TransactWriteItems", table, null, request), request,
            static (c, r, ct) => c.TransactWriteItemsAsync(r, ct), static r => (Sum(r.ConsumedCapacity), null),
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken)
    {
        RequestCapacity(request);
        return SendAsync(new DynamoDbRequest("BatchWriteItem", request.RequestItems?.Keys.FirstOrDefault() ?? "", null, request), request,
            static (c, r, ct) => c.BatchWriteItemAsync(r, ct), static r => (Sum(r.ConsumedCapacity), null),
            cancellationToken);
    }

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
        => _logger.RequestRetrying(new DynamoDbRequest(operation, tableName, null, request), reason, attempt, delay);

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        DynamoDbRequest description,
        TRequest request,
        Func<IAmazonDynamoDB, TRequest, CancellationToken, Task<TResponse>> send,
        Func<TResponse, (double? Capacity, int? Items)> summarize,
        CancellationToken cancellationToken,
        Func<Exception, bool>? isExpectedAnswer = null)
        where TResponse : AmazonWebServiceResponse
    {
        _logger.ExecutingRequest(description);
        var started = Stopwatch.GetTimestamp();
        TResponse response;
        try
        {
            response = await send(Client, request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (isExpectedAnswer?.Invoke(exception) == true)
            {
                // E.g. "no such table" while waiting for a table to appear or go: an answer, not a failure.
                _logger.ExecutedRequest(description, Stopwatch.GetElapsedTime(started), null, 0);
            }
            else
            {
                _logger.RequestFailed(description, Stopwatch.GetElapsedTime(started), exception, IsConditionNotMet(exception));
            }

            throw;
        }

        var (capacity, items) = summarize(response);
        _logger.ExecutedRequest(description, Stopwatch.GetElapsedTime(started), capacity, items);
        return response;
    }

    /// <summary>
    ///     Asks DynamoDB for the consumed capacity only when someone reads it (the ExecutedRequest event is logged or
    ///     observed): it costs response size and client time otherwise. A caller that needs it (capacity pacing) has set it.
    /// </summary>
    private void RequestCapacity(AmazonDynamoDBRequest request)
    {
        var mode = _logger.IsExecutedRequestObserved() ? ReturnConsumedCapacity.TOTAL : null;
        switch (request)
        {
            case GetItemRequest r: r.ReturnConsumedCapacity ??= mode; break;
            case QueryRequest r: r.ReturnConsumedCapacity ??= mode; break;
            case ScanRequest r: r.ReturnConsumedCapacity ??= mode; break;
            case BatchGetItemRequest r: r.ReturnConsumedCapacity ??= mode; break;
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
