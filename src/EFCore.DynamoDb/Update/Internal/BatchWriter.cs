using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>What a non-transactional save managed to write (filled concurrently by its requests).</summary>
internal sealed class BatchOutcome
{
    public ConcurrentQueue<WriteCommand> Written { get; } = new();

    /// <summary>Writes whose condition failed (individual conditional writes).</summary>
    public ConcurrentQueue<(WriteCommand Command, ConditionalWriteResult Result)> ConditionFailures { get; } = new();

    /// <summary>Requests that failed, with the writes they carried.</summary>
    public ConcurrentQueue<(IReadOnlyList<WriteCommand> Commands, Exception Exception)> Errors { get; } = new();

    /// <summary>Writes not sent (or not confirmed) because of an earlier failure or cancellation.</summary>
    public ConcurrentQueue<WriteCommand> NotWritten { get; } = new();

    public bool IsComplete => ConditionFailures.IsEmpty && Errors.IsEmpty && NotWritten.IsEmpty;
}

/// <summary>
///     Writes without a transaction (<c>AutoTransactionBehavior.Never</c>, and seeding): inserts and deletes of entity types
///     without concurrency tokens go in BatchWriteItem requests of 25, which carry no conditions (an insert then overwrites an
///     existing item with its key, and a delete of a missing item succeeds); updates, and every write of an entity type with
///     concurrency tokens, are sent as individual conditional requests; at most <c>MaxBatchWriteParallelism</c> requests are
///     in flight. Unprocessed items are resent with exponential backoff and full jitter until written or cancelled. Each
///     request runs under its own instance of the configured execution strategy (EF's strategy does not run for a save
///     without a transaction), so transient failures are retried as <c>EnableRetryOnFailure</c> says. After the first failure
///     no new request starts; requests in flight finish.
/// </summary>
/// <remarks>
///     Cancellation stops new requests and backoff waits at once; a request already sent is given
///     <see cref="InFlightCancellation.Grace" /> to answer, so that what it wrote is known and accepted (see
///     <see cref="InFlightCancellation" />).
/// </remarks>
internal sealed class BatchWriter(
    IDynamoDbRequestExecutor executor,
    ConditionalWriter conditionalWriter,
    IExecutionStrategyFactory strategies,
    int maxParallelism)
{
    /// <summary>DynamoDB's limit on the writes of one BatchWriteItem request.</summary>
    public const int MaxBatchSize = 25;

    /// <summary>Sends the writes; with <paramref name="unconditional" /> every write goes into a batch.</summary>
    public async Task<BatchOutcome> WriteAsync(IReadOnlyList<WriteCommand> commands, bool unconditional, InFlightCancellation cancellation)
    {
        var outcome = new BatchOutcome();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation.Stop);
        using var gate = new SemaphoreSlim(Math.Max(1, maxParallelism));

        var batched = commands.Where(c => unconditional || c.IsBatchable).ToList();
        var work = new List<Task>();
        foreach (var chunk in batched.Chunk(MaxBatchSize))
        {
            work.Add(RunAsync(chunk, () => WriteBatchAsync(chunk, outcome, cancellation), gate, stop, outcome));
        }

        foreach (var command in commands.Where(c => !unconditional && !c.IsBatchable))
        {
            work.Add(RunAsync([command], () => WriteOneAsync(command, outcome, cancellation), gate, stop, outcome));
        }

        await Task.WhenAll(work).ConfigureAwait(false);
        return outcome;
    }

    private static async Task RunAsync(
        IReadOnlyList<WriteCommand> commands,
        Func<Task<bool>> write,
        SemaphoreSlim gate,
        CancellationTokenSource stop,
        BatchOutcome outcome)
    {
        try
        {
            await gate.WaitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            NotWritten(outcome, commands);
            return;
        }

        try
        {
            if (stop.IsCancellationRequested)
            {
                NotWritten(outcome, commands);
            }
            else if (!await write().ConfigureAwait(false))
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Writes one chunk, resending unprocessed items until all are written; false on failure.</summary>
    private async Task<bool> WriteBatchAsync(IReadOnlyList<WriteCommand> chunk, BatchOutcome outcome, InFlightCancellation cancellation)
    {
        var pending = chunk.ToDictionary(c => c.KeyText, StringComparer.Ordinal);
        var keyNames = chunk.GroupBy(c => c.TableName).ToDictionary(g => g.Key, g => g.First().Key.Keys.ToList(), StringComparer.Ordinal);
        var requestItems = chunk.GroupBy(c => c.TableName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(WriteRequests.ToBatchWriteRequest).ToList(), StringComparer.Ordinal);
        var attempt = 0;
        while (true)
        {
            BatchWriteItemResponse response;
            try
            {
                // Batch writes are unconditional puts and deletes: sending one again after a lost answer rewrites the same
                // items, so they are retried like reads.
                response = await strategies.Create().ExecuteAsync(
                        (executor, requestItems, requests: cancellation.Requests),
                        static (_, state, _) => state.executor.BatchWriteItemAsync(
                            new BatchWriteItemRequest { RequestItems = state.requestItems }, state.requests),
                        null,
                        cancellation.Stop)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                NotWritten(outcome, pending.Values);
                return false;
            }
            catch (Exception exception)
            {
                outcome.Errors.Enqueue((pending.Values.ToList(), Unwrap(exception)));
                return false;
            }

            var unprocessed = response.UnprocessedItems;
            var stillPending = new Dictionary<string, WriteCommand>(StringComparer.Ordinal);
            if (unprocessed != null)
            {
                foreach (var (table, requests) in unprocessed)
                {
                    foreach (var request in requests)
                    {
                        var key = request.DeleteRequest?.Key
                            ?? keyNames[table].ToDictionary(n => n, n => request.PutRequest.Item[n], StringComparer.Ordinal);
                        var text = CanonicalText.OfKey(table, key);
                        if (pending.TryGetValue(text, out var command))
                        {
                            stillPending[text] = command;
                        }
                    }
                }
            }

            foreach (var (text, command) in pending)
            {
                if (!stillPending.ContainsKey(text))
                {
                    outcome.Written.Enqueue(command);
                }
            }

            if (stillPending.Count == 0)
            {
                return true;
            }

            pending = stillPending;
            requestItems = unprocessed!;
            var delay = Backoff.Delay(attempt++);
            executor.RequestRetrying(
                new BatchWriteItemRequest { RequestItems = requestItems }, "BatchWriteItem", string.Join(", ", requestItems.Keys),
                $"DynamoDB left {pending.Count} of its items unprocessed", attempt, delay);
            if (!await DelayAsync(delay, pending.Values, outcome, cancellation.Stop).ConfigureAwait(false))
            {
                return false;
            }
        }
    }

    /// <summary>Sends one conditional write under the execution strategy; false on failure.</summary>
    private async Task<bool> WriteOneAsync(WriteCommand command, BatchOutcome outcome, InFlightCancellation cancellation)
    {
        try
        {
            // A retry after an unknown outcome recognizes the write's own earlier effect (the ConditionalWriter asks the
            // SaveAttemptTracker), so a lost answer does not turn into a false conflict.
            var result = await strategies.Create().ExecuteAsync(
                    (conditionalWriter, command, requests: cancellation.Requests),
                    static (_, state, _) => state.conditionalWriter.SendAsync(state.command, state.requests),
                    null,
                    cancellation.Stop)
                .ConfigureAwait(false);
            if (result.IsWritten)
            {
                outcome.Written.Enqueue(command);
                return true;
            }

            outcome.ConditionFailures.Enqueue((command, result));
            return false;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            outcome.NotWritten.Enqueue(command);
            return false;
        }
        catch (Exception exception)
        {
            outcome.Errors.Enqueue(([command], Unwrap(exception)));
            return false;
        }
    }

    /// <summary>The failure to report: the last DynamoDB error rather than EF's "retry limit exceeded" around it.</summary>
    private static Exception Unwrap(Exception exception)
        => exception is RetryLimitExceededException { InnerException: { } last } ? last : exception;

    /// <summary>Waits before a resend; false (and the writes recorded as not written) when the save is cancelled meanwhile.</summary>
    private static async Task<bool> DelayAsync(
        TimeSpan delay,
        IEnumerable<WriteCommand> pending,
        BatchOutcome outcome,
        CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            NotWritten(outcome, pending);
            return false;
        }
    }

    private static void NotWritten(BatchOutcome outcome, IEnumerable<WriteCommand> commands)
    {
        foreach (var command in commands)
        {
            outcome.NotWritten.Enqueue(command);
        }
    }
}
