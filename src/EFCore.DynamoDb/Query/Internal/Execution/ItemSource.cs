using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Planning;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     Sends the requests of a <see cref="DynamoDbReadPlan" /> and returns the responses page by page, lazily: automatic
///     paging on LastEvaluatedKey, BatchGetItem chunks of 100 keys with UnprocessedKeys retried, each request retried by the
///     execution strategy from where it stood (a query resumes from its last page, not from the start).
/// </summary>
internal static class ItemSource
{
    private const int BatchGetLimit = 100;

    /// <summary>Reads the plan's pages, starting at <paramref name="start" />.</summary>
    /// <param name="context">The query context (client, execution strategy).</param>
    /// <param name="plan">What to read.</param>
    /// <param name="start">Where to resume, or null to start at the beginning.</param>
    /// <param name="wanted">
    ///     How many more matching items the caller needs at most (null for all); lets a request carry a Limit when DynamoDB
    ///     filters nothing out, so no more is read than needed.
    /// </param>
    /// <param name="cancellationToken">Cancels between and during requests.</param>
    public static async IAsyncEnumerable<ItemPage> ReadPagesAsync(
        DynamoDbQueryContext context,
        DynamoDbReadPlan plan,
        ContinuationToken? start,
        Func<int?> wanted,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        switch (plan.Operation)
        {
            case ReadOperation.None:
                yield break;

            case ReadOperation.GetItem:
            {
                var response = await ExecuteAsync(
                        context, plan, "GetItem", plan.GetItem!, static (c, r, _, ct) => c.Executor.GetItemAsync(r, ct), 0, cancellationToken)
                    .ConfigureAwait(false);
                var items = response.Item is { Count: > 0 } item && Matches(plan, item) ? new[] { item } : [];
                yield return new ItemPage(items, items.Length, 0, null);
                yield break;
            }

            case ReadOperation.BatchGetItem:
            {
                var chunks = plan.BatchKeys!.Chunk(BatchGetLimit).ToList();
                for (var segment = start?.Segment ?? 0; segment < chunks.Count; segment++)
                {
                    IReadOnlyList<Dictionary<string, AttributeValue>> keys = chunks[segment];
                    if (segment == start?.Segment && start.ExclusiveStartKey is { } after)
                    {
                        // Resume inside a chunk: keys are answered in the order they were asked, so skip up to the last one returned.
                        var position = keys.ToList().FindIndex(k => SameKey(k, after));
                        keys = keys.Skip(position + 1).ToList();
                    }

                    var items = await BatchGetAsync(context, plan, keys, cancellationToken).ConfigureAwait(false);
                    yield return new ItemPage(items, items.Count, segment, null);
                }

                yield break;
            }

            case ReadOperation.Query:
            {
                for (var segment = start?.Segment ?? 0; segment < plan.Queries!.Count; segment++)
                {
                    var exclusiveStartKey = segment == start?.Segment ? start.ExclusiveStartKey : null;
                    var pageNumber = 0;
                    do
                    {
                        var request = Copy(plan.Queries[segment], exclusiveStartKey, LimitFor(plan, plan.Queries[segment].FilterExpression, wanted()));
                        var response = await ExecuteAsync(
                                context, plan, "Query", request, static (c, r, page, ct) => c.Executor.QueryAsync(r, page, ct), ++pageNumber,
                                cancellationToken)
                            .ConfigureAwait(false);
                        exclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } lek ? lek : null;
                        yield return Page(plan, response.Items, response.Count ?? 0, segment, exclusiveStartKey);
                    }
                    while (exclusiveStartKey != null);
                }

                yield break;
            }

            case ReadOperation.Scan:
            {
                var exclusiveStartKey = start?.ExclusiveStartKey;
                var pageNumber = 0;
                do
                {
                    var request = Copy(plan.Scan!, exclusiveStartKey, LimitFor(plan, plan.Scan!.FilterExpression, wanted()));
                    var response = await ExecuteAsync(
                            context, plan, "Scan", request, static (c, r, page, ct) => c.Executor.ScanAsync(r, page, ct), ++pageNumber,
                            cancellationToken)
                        .ConfigureAwait(false);
                    exclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } lek ? lek : null;
                    yield return Page(plan, response.Items, response.Count ?? 0, 0, exclusiveStartKey);
                }
                while (exclusiveStartKey != null);

                yield break;
            }
        }
    }

    private static ItemPage Page(
        DynamoDbReadPlan plan,
        List<Dictionary<string, AttributeValue>>? items,
        int count,
        int segment,
        Dictionary<string, AttributeValue>? lastEvaluatedKey)
    {
        if (plan.ClientFilter == null || items == null)
        {
            return new ItemPage(items ?? [], count, segment, lastEvaluatedKey);
        }

        var matching = items.Where(i => Matches(plan, i)).ToList();
        return new ItemPage(matching, matching.Count, segment, lastEvaluatedKey);
    }

    private static bool Matches(DynamoDbReadPlan plan, Dictionary<string, AttributeValue> item)
        => plan.ClientFilter == null || FilterEvaluator.Matches(plan.ClientFilter, item);

    /// <summary>
    ///     DynamoDB's Limit counts items read, not items matched: only when nothing filters items out does a Limit equal to the
    ///     number still wanted save reading.
    /// </summary>
    private static int? LimitFor(DynamoDbReadPlan plan, string? filterExpression, int? wanted)
        => wanted is > 0 && filterExpression == null && plan.ClientFilter == null ? wanted : null;

    private static async Task<List<Dictionary<string, AttributeValue>>> BatchGetAsync(
        DynamoDbQueryContext context,
        DynamoDbReadPlan plan,
        IReadOnlyList<Dictionary<string, AttributeValue>> keys,
        CancellationToken cancellationToken)
    {
        var results = new List<Dictionary<string, AttributeValue>>();
        if (keys.Count == 0)
        {
            return results;
        }

        var pending = keys.ToList();
        var attempt = 0;
        while (pending.Count > 0)
        {
            var request = new BatchGetItemRequest
            {
                RequestItems = new Dictionary<string, KeysAndAttributes>
                {
                    [plan.TableName] = new()
                    {
                        Keys = pending,
                        ConsistentRead = plan.BatchTemplate!.ConsistentRead,
                        ProjectionExpression = plan.BatchTemplate.ProjectionExpression,
                        ExpressionAttributeNames = plan.BatchTemplate.ExpressionAttributeNames,
                    },
                },
            };
            var response = await ExecuteAsync(
                    context, plan, "BatchGetItem", request, static (c, r, _, ct) => c.Executor.BatchGetItemAsync(r, ct), 0, cancellationToken)
                .ConfigureAwait(false);
            if (response.Responses?.TryGetValue(plan.TableName, out var items) == true)
            {
                results.AddRange(items.Where(i => Matches(plan, i)));
            }

            pending = response.UnprocessedKeys?.TryGetValue(plan.TableName, out var unprocessed) == true ? unprocessed.Keys ?? [] : [];
            if (pending.Count > 0)
            {
                // DynamoDB returns unprocessed keys when a response would exceed 16 MB or under throttling: back off, then ask again.
                var delay = Backoff.Delay(attempt++);
                context.Executor.RequestRetrying(
                    request, "BatchGetItem", plan.TableName, $"DynamoDB left {pending.Count} keys unprocessed", attempt, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        // BatchGetItem answers in no particular order; answer in the order of the keys, so paging can resume by key.
        var order = keys.Select((k, i) => (Key: KeyText(k), i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        return results.OrderBy(item => order.GetValueOrDefault(KeyText(item, keys[0].Keys), int.MaxValue)).ToList();
    }

    private static bool SameKey(Dictionary<string, AttributeValue> key, Dictionary<string, AttributeValue> other)
        => KeyText(key) == KeyText(other, key.Keys);

    private static string KeyText(Dictionary<string, AttributeValue> item, IEnumerable<string>? names = null)
        => string.Join("|", (names ?? item.Keys).OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => item.TryGetValue(n, out var v) ? DynamoDbRequestPlanner.KeyText(v) : ""));

    /// <summary>
    ///     Sends one request under the execution strategy. A failure other than the caller's cancellation becomes an
    ///     <see cref="InvalidOperationException" /> naming the operation, table and entity type, with the SDK's exception inside;
    ///     the strategy looks through it to decide whether to retry (see <see cref="DynamoDbTransientErrors" />).
    /// </summary>
    private static Task<TResponse> ExecuteAsync<TRequest, TResponse>(
        DynamoDbQueryContext context,
        DynamoDbReadPlan plan,
        string operation,
        TRequest request,
        Func<DynamoDbQueryContext, TRequest, int, CancellationToken, Task<TResponse>> send,
        int pageNumber,
        CancellationToken cancellationToken)
        => context.ExecutionStrategy.ExecuteAsync(
            (context, plan, operation, request, send, pageNumber),
            static async (_, state, ct) =>
            {
                try
                {
                    return await state.send(state.context, state.request, state.pageNumber, ct).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    throw Fail(state.plan, state.operation, exception);
                }
            },
            null,
            cancellationToken);

    private static InvalidOperationException Fail(DynamoDbReadPlan plan, string operation, Exception exception)
    {
        var target = $"DynamoDB {operation} on table '{plan.TableName}'" + (plan.IndexName == null ? "" : $" (index '{plan.IndexName}')")
            + (plan.EntityTypeName == null ? "" : $", reading '{plan.EntityTypeName}',");
        var message = exception switch
        {
            ResourceNotFoundException
                => $"{target} failed: the table '{plan.TableName}' does not exist"
                + (plan.IndexName == null ? "" : $" (or has no index '{plan.IndexName}')")
                + ". Call EnsureCreatedAsync to create the model's tables, and check that the TableNamePrefix is the one they were "
                + $"created with. DynamoDB said: {exception.Message}",
            Amazon.Runtime.AmazonServiceException service
                => $"{target} failed: {exception.Message} ({service.ErrorCode ?? "no error code"}, HTTP {(int)service.StatusCode}).",
            _ => $"{target} could not be completed: {exception.Message}",
        };
        return DynamoDbTransientErrors.RequestFailure(message, exception);
    }

    private static QueryRequest Copy(QueryRequest template, Dictionary<string, AttributeValue>? exclusiveStartKey, int? limit)
        => new()
        {
            TableName = template.TableName,
            IndexName = template.IndexName,
            KeyConditionExpression = template.KeyConditionExpression,
            FilterExpression = template.FilterExpression,
            ProjectionExpression = template.ProjectionExpression,
            ExpressionAttributeNames = template.ExpressionAttributeNames,
            ExpressionAttributeValues = template.ExpressionAttributeValues,
            ConsistentRead = template.ConsistentRead,
            ScanIndexForward = template.ScanIndexForward,
            Select = template.Select,
            ExclusiveStartKey = exclusiveStartKey,
            Limit = limit,
        };

    private static ScanRequest Copy(ScanRequest template, Dictionary<string, AttributeValue>? exclusiveStartKey, int? limit)
        => new()
        {
            TableName = template.TableName,
            IndexName = template.IndexName,
            FilterExpression = template.FilterExpression,
            ProjectionExpression = template.ProjectionExpression,
            ExpressionAttributeNames = template.ExpressionAttributeNames,
            ExpressionAttributeValues = template.ExpressionAttributeValues,
            ConsistentRead = template.ConsistentRead,
            Select = template.Select,
            ExclusiveStartKey = exclusiveStartKey,
            Limit = limit,
        };
}
