using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Sends every DynamoDB request the provider makes, logging each one through EF (executing, executed with elapsed time and
///     consumed capacity, failed). Nothing else in the provider calls the SDK client directly.
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public interface IDynamoDbRequestExecutor
{
    /// <summary>The SDK client requests are sent with.</summary>
    IAmazonDynamoDB Client { get; }

    /// <summary>Sends a GetItem request.</summary>
    Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken);

    /// <summary>Sends one page of a Query.</summary>
    Task<QueryResponse> QueryAsync(QueryRequest request, int pageNumber, CancellationToken cancellationToken);

    /// <summary>Sends one page of a Scan.</summary>
    Task<ScanResponse> ScanAsync(ScanRequest request, int pageNumber, CancellationToken cancellationToken);

    /// <summary>Sends one page of a PartiQL ExecuteStatement (<paramref name="tableName" /> is the table it reads, for the log).</summary>
    Task<ExecuteStatementResponse> ExecuteStatementAsync(
        ExecuteStatementRequest request,
        string tableName,
        int pageNumber,
        CancellationToken cancellationToken);

    /// <summary>Sends a TransactGetItems request.</summary>
    Task<TransactGetItemsResponse> TransactGetItemsAsync(TransactGetItemsRequest request, CancellationToken cancellationToken);

    /// <summary>Sends a BatchGetItem request.</summary>
    Task<BatchGetItemResponse> BatchGetItemAsync(BatchGetItemRequest request, CancellationToken cancellationToken);

    /// <summary>Sends a PutItem request.</summary>
    Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken);

    /// <summary>Sends an UpdateItem request.</summary>
    Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken);

    /// <summary>Sends a DeleteItem request.</summary>
    Task<DeleteItemResponse> DeleteItemAsync(DeleteItemRequest request, CancellationToken cancellationToken);

    /// <summary>Sends a TransactWriteItems request.</summary>
    Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken);

    /// <summary>Sends a BatchWriteItem request.</summary>
    Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken);

    /// <summary>Sends a CreateTable request.</summary>
    Task<CreateTableResponse> CreateTableAsync(CreateTableRequest request, CancellationToken cancellationToken);

    /// <summary>Sends UpdateTable (e.g. a global secondary index to create), logged as every request is.</summary>
    Task<UpdateTableResponse> UpdateTableAsync(UpdateTableRequest request, CancellationToken cancellationToken);

    /// <summary>Sends a DescribeTable request.</summary>
    Task<DescribeTableResponse> DescribeTableAsync(DescribeTableRequest request, CancellationToken cancellationToken);

    /// <summary>
    ///     Sends a DescribeTable request that expects the table may not exist: null then, logged as an ordinary executed
    ///     request (0 items) rather than a failure, since creating and deleting tables asks this question on purpose.
    /// </summary>
    Task<TableDescription?> DescribeTableIfExistsAsync(string tableName, CancellationToken cancellationToken);

    /// <summary>Sends a DeleteTable request.</summary>
    Task<DeleteTableResponse> DeleteTableAsync(DeleteTableRequest request, CancellationToken cancellationToken);

    /// <summary>Sends an UpdateTimeToLive request.</summary>
    Task<UpdateTimeToLiveResponse> UpdateTimeToLiveAsync(UpdateTimeToLiveRequest request, CancellationToken cancellationToken);

    /// <summary>Sends a DescribeTimeToLive request.</summary>
    Task<DescribeTimeToLiveResponse> DescribeTimeToLiveAsync(DescribeTimeToLiveRequest request, CancellationToken cancellationToken);

    /// <summary>Sends a ListTables request.</summary>
    Task<ListTablesResponse> ListTablesAsync(ListTablesRequest request, CancellationToken cancellationToken);

    /// <summary>
    ///     Logs that the provider is about to send a request again (<c>DynamoDbEventId.RequestRetrying</c>), e.g. the
    ///     unprocessed items of a batch after a backoff. Retries of failed requests are logged by EF's execution strategy.
    /// </summary>
    void RequestRetrying(AmazonDynamoDBRequest request, string operation, string tableName, string reason, int attempt, TimeSpan delay);
}
