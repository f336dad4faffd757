using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Planning;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     Sends the requests of a <see cref="ReadPlan" /> and returns the responses page by page, lazily: automatic paging on
///     LastEvaluatedKey, BatchGetItem chunks of 100 keys with UnprocessedKeys retried, parallel Scan segments, pacing by
///     consumed capacity when the query asks for it, each request retried by the execution strategy from where it stood (a
///     query resumes from its last page, not from the start).
/// </summary>
internal static class ItemSource
{
    /// <summary>Reads the plan's pages, starting at <paramref name="start" />.</summary>
    /// <param name="context">The query context (client, execution strategy).</param>
    /// <param name="plan">What to read.</param>
    /// <param name="start">Where to resume, or null to start at the beginning.</param>
    /// <param name="wanted">
    ///     How many more matching items the caller needs at most (null for all); lets a request carry a Limit when DynamoDB
    ///     filters nothing out, so no more is read than needed.
    /// </param>
    /// <param name="cancellationToken">Cancels between and during requests.</param>
    public static IAsyncEnumerable<ItemPage> ReadPagesAsync(
        DynamoDbQueryContext context,
        ReadPlan plan,
        ContinuationToken? start,
        Func<int?> wanted,
        CancellationToken cancellationToken)
    {
        var reader = new PageReader(context, plan, wanted);
        return plan switch
        {
            EmptyPlan => AsyncEnumerable.Empty<ItemPage>(),
            GetItemPlan get => reader.GetItemAsync(get, cancellationToken),
            BatchGetItemPlan batch => reader.BatchGetItemAsync(batch, start, cancellationToken),
            QueryPlan query => reader.QueryAsync(query, start, cancellationToken),
            ScanPlan { SegmentCount: > 1 } scan => reader.ParallelScanAsync(scan, start, cancellationToken),
            ScanPlan scan => reader.ScanAsync(scan, start, cancellationToken),
            PartiQLPlan partiQL => reader.ExecuteStatementAsync(partiQL, cancellationToken),
            GivenItemsPlan given => reader.GivenItemsAsync(given),
            _ => throw new InvalidOperationException($"Unknown read plan '{plan.GetType().Name}'."),
        };
    }

    /// <summary>The reading of one plan: its request options and capacity pacing.</summary>
    private sealed class PageReader(DynamoDbQueryContext context, ReadPlan plan, Func<int?> wanted)
    {
        private readonly ReadCapacityLimiter? _limiter = plan.Options.ReadCapacityPerSecond is { } limit
            ? new ReadCapacityLimiter(limit, context.TimeProvider)
            : null;

        private ReturnConsumedCapacity? ConsumedCapacityMode => _limiter == null ? null : ReturnConsumedCapacity.TOTAL;

        public async IAsyncEnumerable<ItemPage> GetItemAsync(GetItemPlan get, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var response = await SendAsync(
                    "GetItem", get.Request, static (c, _, r, _, ct) => c.Executor.GetItemAsync(r, ct), static r => r.ConsumedCapacity, 0,
                    cancellationToken)
                .ConfigureAwait(false);
            var items = response.Item is { Count: > 0 } item && Matches(item) ? new[] { item } : [];
            yield return new ItemPage(items, items.Length, 0, null);
        }

        public async IAsyncEnumerable<ItemPage> ExecuteStatementAsync(PartiQLPlan partiQL, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            string? nextToken = null;
            var pageNumber = 0;
            do
            {
                var template = partiQL.Request;
                var request = new ExecuteStatementRequest
                {
                    Statement = template.Statement,
                    Parameters = template.Parameters,
                    ConsistentRead = template.ConsistentRead,
                    Limit = plan.Options.PageSize,
                    NextToken = nextToken,
                    ReturnConsumedCapacity = ConsumedCapacityMode,
                };
                var response = await SendAsync(
                        "ExecuteStatement", request,
                        static (c, p, r, page, ct) => c.Executor.ExecuteStatementAsync(r, p.TableName, page, ct),
                        static r => r.ConsumedCapacity, ++pageNumber, cancellationToken)
                    .ConfigureAwait(false);
                nextToken = string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken;
                yield return Page(response.Items, response.Items?.Count ?? 0, 0, null);
            }
            while (nextToken != null);
        }

        public async IAsyncEnumerable<ItemPage> GivenItemsAsync(GivenItemsPlan given)
        {
            await Task.CompletedTask.ConfigureAwait(false);
            yield return Page(given.Items as List<Dictionary<string, AttributeValue>> ?? given.Items.ToList(), given.Items.Count, 0, null);
        }

        public async IAsyncEnumerable<ItemPage> BatchGetItemAsync(
            BatchGetItemPlan batch,
            ContinuationToken? start,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var chunks = batch.Keys.Chunk(BatchGetItemPlan.KeysPerRequest).ToList();
            for (var segment = start?.Segment ?? 0; segment < chunks.Count; segment++)
            {
                IReadOnlyList<Dictionary<string, AttributeValue>> keys = chunks[segment];
                if (segment == start?.Segment && start.ExclusiveStartKey is { } after)
                {
                    // Resume inside a chunk: keys are answered in the order they were asked, so skip up to the last one returned.
                    var position = keys.ToList().FindIndex(k => SameKey(k, after));
                    keys = keys.Skip(position + 1).ToList();
                }

                var items = await BatchGetAsync(batch, keys, cancellationToken).ConfigureAwait(false);
                yield return new ItemPage(items, items.Count, segment, null);
            }
        }

        public async IAsyncEnumerable<ItemPage> QueryAsync(
            QueryPlan query,
            ContinuationToken? start,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var segment = start?.Segment ?? 0; segment < query.Requests.Count; segment++)
            {
                var template = query.Requests[segment];
                var exclusiveStartKey = segment == start?.Segment ? start.ExclusiveStartKey : null;
                var pageNumber = 0;
                do
                {
                    var request = Copy(template, exclusiveStartKey, Limit(template.FilterExpression));
                    var response = await SendAsync(
                            "Query", request, static (c, _, r, page, ct) => c.Executor.QueryAsync(r, page, ct), static r => r.ConsumedCapacity,
                            ++pageNumber, cancellationToken)
                        .ConfigureAwait(false);
                    exclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } lek ? lek : null;
                    yield return Page(response.Items, response.Count ?? 0, segment, exclusiveStartKey);
                }
                while (exclusiveStartKey != null);
            }
        }

        public async IAsyncEnumerable<ItemPage> ScanAsync(
            ScanPlan scan,
            ContinuationToken? start,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var exclusiveStartKey = start?.ExclusiveStartKey;
            var pageNumber = 0;
            do
            {
                var request = Copy(scan.Request, exclusiveStartKey, Limit(scan.Request.FilterExpression), segment: null);
                var response = await SendScanAsync(request, ++pageNumber, cancellationToken).ConfigureAwait(false);
                exclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } lek ? lek : null;
                yield return Page(response.Items, response.Count ?? 0, 0, exclusiveStartKey);
            }
            while (exclusiveStartKey != null);
        }

        /// <summary>
        ///     A Scan in <c>TotalSegments</c> segments, read in rounds: each round sends one request per unfinished segment at
        ///     once, then yields their pages in segment order. Memory holds one page per segment, whatever the table's size, and
        ///     where each segment stands is known exactly at every page (for continuation tokens).
        /// </summary>
        public async IAsyncEnumerable<ItemPage> ParallelScanAsync(
            ScanPlan scan,
            ContinuationToken? start,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var total = scan.SegmentCount;
            var positions = start?.Segments is { } resumed && resumed.Count == total
                ? resumed.ToArray()
                : Enumerable.Repeat(SegmentPosition.Start, total).ToArray();
            var pageNumber = 0;
            while (positions.Any(p => !p.Done))
            {
                var round = Enumerable.Range(0, total).Where(s => !positions[s].Done).ToList();
                pageNumber++;
                var limit = Limit(scan.Request.FilterExpression);
                if (_limiter != null)
                {
                    await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                var responses = await Task.WhenAll(round.Select(s => SendScanAsync(
                        Copy(scan.Request, positions[s].StartKey, limit, segment: (s, total)), pageNumber, cancellationToken, paced: false)))
                    .ConfigureAwait(false);
                for (var i = 0; i < round.Count; i++)
                {
                    var response = responses[i];
                    var lastEvaluatedKey = response.LastEvaluatedKey is { Count: > 0 } lek ? lek : null;
                    positions[round[i]] = lastEvaluatedKey == null ? SegmentPosition.Finished : new SegmentPosition(false, lastEvaluatedKey);
                    yield return Page(response.Items, response.Count ?? 0, round[i], lastEvaluatedKey) with { ResumeAfter = positions.ToArray() };
                }
            }
        }

        private Task<ScanResponse> SendScanAsync(ScanRequest request, int pageNumber, CancellationToken cancellationToken, bool paced = true)
            => SendAsync(
                "Scan", request, static (c, _, r, page, ct) => c.Executor.ScanAsync(r, page, ct), static r => r.ConsumedCapacity, pageNumber,
                cancellationToken, paced);

        private ItemPage Page(List<Dictionary<string, AttributeValue>>? items, int count, int segment, Dictionary<string, AttributeValue>? lastEvaluatedKey)
        {
            if (plan.ClientFilter == null || items == null)
            {
                return new ItemPage(items ?? [], count, segment, lastEvaluatedKey);
            }

            var matching = items.Where(Matches).ToList();
            return new ItemPage(matching, matching.Count, segment, lastEvaluatedKey);
        }

        private bool Matches(Dictionary<string, AttributeValue> item) => plan.ClientFilter == null || FilterEvaluator.Matches(plan.ClientFilter, item);

        /// <summary>
        ///     DynamoDB's Limit per request: the page size the query asked for, else, when nothing filters items out, the number
        ///     of items still wanted (DynamoDB's Limit counts items read, not items matched, so only then does it save reading).
        /// </summary>
        private int? Limit(string? filterExpression)
        {
            var still = wanted();
            var exact = still is > 0 && filterExpression == null && plan.ClientFilter == null ? still : null;
            return plan.Options.PageSize is { } pageSize ? Math.Min(pageSize, exact ?? int.MaxValue) : exact;
        }

        private async Task<List<Dictionary<string, AttributeValue>>> BatchGetAsync(
            BatchGetItemPlan batch,
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
                            ConsistentRead = batch.Template.ConsistentRead,
                            ProjectionExpression = batch.Template.ProjectionExpression,
                            ExpressionAttributeNames = batch.Template.ExpressionAttributeNames,
                        },
                    },
                    ReturnConsumedCapacity = ConsumedCapacityMode,
                };
                var response = await SendAsync(
                        "BatchGetItem", request, static (c, _, r, _, ct) => c.Executor.BatchGetItemAsync(r, ct),
                        static r => r.ConsumedCapacity is { Count: > 0 } all ? new ConsumedCapacity { CapacityUnits = all.Sum(c => c.CapacityUnits ?? 0) } : null,
                        0, cancellationToken)
                    .ConfigureAwait(false);
                if (response.Responses?.TryGetValue(plan.TableName, out var items) == true)
                {
                    results.AddRange(items.Where(Matches));
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

        /// <summary>
        ///     Sends one request under the execution strategy, paced by the capacity limit if there is one. A failure other than
        ///     the caller's cancellation becomes an <see cref="InvalidOperationException" /> naming the operation, table and entity
        ///     type, with the SDK's exception inside; the strategy looks through it to decide whether to retry (see
        ///     <see cref="DynamoDbTransientErrors" />).
        /// </summary>
        private async Task<TResponse> SendAsync<TRequest, TResponse>(
            string operation,
            TRequest request,
            Func<DynamoDbQueryContext, ReadPlan, TRequest, int, CancellationToken, Task<TResponse>> send,
            Func<TResponse, ConsumedCapacity?> consumed,
            int pageNumber,
            CancellationToken cancellationToken,
            bool paced = true)
            where TRequest : AmazonDynamoDBRequest
        {
            if (_limiter != null && paced)
            {
                await _limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var response = await context.ExecutionStrategy.ExecuteAsync(
                    (context, plan, operation, request, send, pageNumber),
                    static async (_, state, ct) =>
                    {
                        try
                        {
                            return await state.send(state.context, state.plan, state.request, state.pageNumber, ct).ConfigureAwait(false);
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
                        {
                            throw Fail(state.plan, state.operation, exception);
                        }
                    },
                    null,
                    cancellationToken)
                .ConfigureAwait(false);
            _limiter?.Record(consumed(response)?.CapacityUnits);
            return response;
        }

        private QueryRequest Copy(QueryRequest template, Dictionary<string, AttributeValue>? exclusiveStartKey, int? limit)
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
                ReturnConsumedCapacity = ConsumedCapacityMode,
            };

        private ScanRequest Copy(
            ScanRequest template,
            Dictionary<string, AttributeValue>? exclusiveStartKey,
            int? limit,
            (int Segment, int Total)? segment)
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
                Segment = segment?.Segment,
                TotalSegments = segment?.Total,
                ReturnConsumedCapacity = ConsumedCapacityMode,
            };
    }

    private static InvalidOperationException Fail(ReadPlan plan, string operation, Exception exception)
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

    private static bool SameKey(Dictionary<string, AttributeValue> key, Dictionary<string, AttributeValue> other)
        => KeyText(key) == KeyText(other, key.Keys);

    private static string KeyText(Dictionary<string, AttributeValue> item, IEnumerable<string>? names = null)
        => string.Join("|", (names ?? item.Keys).OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => item.TryGetValue(n, out var v) ? PlanParts.KeyText(v) : ""));
}
