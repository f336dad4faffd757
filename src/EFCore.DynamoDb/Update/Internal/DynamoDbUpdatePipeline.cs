using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Infrastructure.Internal;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Update;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     SaveChanges for DynamoDB (docs/design.md section 5). Builds one write per item and checks them all before sending anything;
///     then sends one write as a single conditional request, 2 to 100 as one TransactWriteItems (all or nothing), and with
///     <c>AutoTransactionBehavior.Never</c> any number in parallel batches. The state manager learns of a write only after
///     DynamoDB accepted it.
/// </summary>
/// <remarks>
///     <para>
///         <b>Retries.</b> A write whose answer is lost may have been applied. Transactions carry a client request token that
///         every resend of the same save reuses, so DynamoDB applies them once. A single PutItem/UpdateItem/DeleteItem has no
///         token: when it is sent again after an unknown outcome (by the SDK, by the execution strategy, or by the application
///         calling SaveChangesAsync again) and its condition fails on an item that already is what the write makes it, the
///         earlier attempt is taken as applied; a write with no unknown outcome behind it never is, so an identical
///         concurrent write is reported as the conflict it is. <see cref="SaveAttemptTracker" /> explains the remaining
///         window; <c>AutoTransactionBehavior.Always</c>, which sends even a single write as a transaction, closes it.
///     </para>
///     <para>
///         <b>Atomicity.</b> Up to 100 writes in one save are one TransactWriteItems: all or nothing, also when cancelled or
///         interrupted. With <c>AutoTransactionBehavior.Never</c> a save is not atomic: DynamoDB applies each item of a
///         BatchWriteItem on its own. If part of it fails, the writes that landed are accepted (their entries become
///         Unchanged, or Detached if deleted), the exception's <c>Entries</c> are the entries whose write failed and its message
///         says how many items were written; entries not written stay pending, so calling SaveChangesAsync again after fixing
///         the cause writes exactly the rest. Cancellation behaves the same way, then throws
///         <see cref="OperationCanceledException" />: no request starts after it, and requests already sent get
///         <see cref="InFlightCancellation.Grace" /> to answer so that what they wrote is known.
///     </para>
///     <para>
///         This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///         compatibility standards as public APIs. It may be changed or removed without notice in any release.
///     </para>
/// </remarks>
[EntityFrameworkInternal]
public class DynamoDbUpdatePipeline
{
    private readonly IDynamoDbRequestExecutor _executor;
    private readonly ITableNameResolver _tableNames;
    private readonly IDynamoDbSingletonOptions _options;
    private readonly ICurrentDbContext _currentContext;
    private readonly ILoggingOptions _loggingOptions;
    private readonly IDiagnosticsLogger<DbLoggerCategory.Update> _logger;
    private readonly IExecutionStrategyFactory _strategies;
    private readonly ReadItemValues _readValues;
    private readonly PendingWriteOptions _pending;
    private readonly SaveAttemptTracker _attempts = new();

    /// <summary>Creates the pipeline (a scoped service: one per context).</summary>
    public DynamoDbUpdatePipeline(
        IDynamoDbRequestExecutor executor,
        ITableNameResolver tableNames,
        IDynamoDbSingletonOptions options,
        ICurrentDbContext currentContext,
        ILoggingOptions loggingOptions,
        IDiagnosticsLogger<DbLoggerCategory.Update> logger,
        IExecutionStrategyFactory strategies,
        ReadItemValues readValues,
        PendingWriteOptions pending)
    {
        _pending = pending;
        _executor = executor;
        _tableNames = tableNames;
        _options = options;
        _currentContext = currentContext;
        _loggingOptions = loggingOptions;
        _logger = logger;
        _strategies = strategies;
        _readValues = readValues;
    }

    /// <summary>Saves the entries; returns how many entries were saved.</summary>
    public virtual async Task<int> SaveChangesAsync(IList<IUpdateEntry> entries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var count = entries.Count;
        var describer = new EntryDescriber(_loggingOptions.IsSensitiveDataLoggingEnabled);
        var commands = new WriteCommandBuilder(_tableNames, describer, _readValues, _pending.IsEmpty ? null : _pending).Build(entries, seeding: false);
        WriteValidator.ValidateItems(commands);

        var behavior = _currentContext.Context.Database.AutoTransactionBehavior;
        if (behavior != AutoTransactionBehavior.Never)
        {
            WriteValidator.ValidateTransaction(commands);
        }

        var errors = new WriteErrors(describer);
        var checks = _pending.Checks;
        if (commands.Count == 0 && checks.Count == 0)
        {
            _pending.Clear();
            return count;
        }

        if (checks.Count > 0 && behavior == AutoTransactionBehavior.Never)
        {
            throw new InvalidOperationException(
                "AddConditionCheck needs the save to be one TransactWriteItems, but the context's AutoTransactionBehavior is Never. "
                + "Set it to WhenNeeded or Always for this save.");
        }

        using var cancellation = new InFlightCancellation(cancellationToken);
        if (checks.Count > 0)
        {
            await WriteTransactionAsync(commands, entries, errors, cancellation, checks).ConfigureAwait(false);
        }
        else if (commands.Count == 1 && behavior != AutoTransactionBehavior.Always)
        {
            await WriteSingleAsync(commands[0], entries, errors, behavior == AutoTransactionBehavior.Never, cancellation)
                .ConfigureAwait(false);
        }
        else if (behavior != AutoTransactionBehavior.Never)
        {
            await WriteTransactionAsync(commands, entries, errors, cancellation).ConfigureAwait(false);
        }
        else
        {
            await WriteWithoutTransactionAsync(commands, entries, errors, cancellation).ConfigureAwait(false);
        }

        // The conditions, checks, upserts and skipped checks were for this save, which succeeded.
        _pending.Clear();
        return count;
    }

    /// <summary>Writes seed data into newly created tables: unconditional puts in parallel batches, any number of them.</summary>
    public virtual async Task SeedAsync(IList<IUpdateEntry> entries, CancellationToken cancellationToken)
    {
        var describer = new EntryDescriber(_loggingOptions.IsSensitiveDataLoggingEnabled);
        var commands = new WriteCommandBuilder(_tableNames, describer, readValues: null).Build(entries, seeding: true);
        WriteValidator.ValidateItems(commands);
        BatchOutcome outcome;
        using (var cancellation = new InFlightCancellation(cancellationToken))
        {
            outcome = await NewBatchWriter(new WriteErrors(describer)).WriteAsync(commands, unconditional: true, cancellation)
                .ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!outcome.IsComplete)
        {
            var (failed, exception) = outcome.Errors.TryPeek(out var error) ? error : ([], null);
            throw new DbUpdateException(
                $"Seeding wrote {outcome.Written.Count} of {commands.Count} items; {commands.Count - outcome.Written.Count} were not "
                + $"written. {(exception == null ? "" : WriteErrors.Wrap(exception, failed, "BatchWriteItem").Message)}",
                exception,
                WriteErrors.EntriesOf(failed));
        }
    }

    /// <summary>
    ///     Sends one conditional write. With a transaction behaviour other than Never the whole save runs under EF's execution
    ///     strategy, which retries it; with Never it does not, so the write runs under an instance of the strategy here.
    /// </summary>
    private async Task WriteSingleAsync(
        WriteCommand command,
        IList<IUpdateEntry> entries,
        WriteErrors errors,
        bool underOwnStrategy,
        InFlightCancellation cancellation)
    {
        var writer = new ConditionalWriter(_executor, errors, _attempts);
        ConditionalWriteResult result;
        try
        {
            result = underOwnStrategy
                ? await _strategies.Create().ExecuteAsync(
                        (writer, command, requests: cancellation.Requests),
                        static (_, state, _) => state.writer.SendAsync(state.command, state.requests),
                        null,
                        cancellation.Stop)
                    .ConfigureAwait(false)
                : await writer.SendAsync(command, cancellation.Requests).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (RetryLimitExceededException exception) when (exception.InnerException is { } last)
        {
            throw new RetryLimitExceededException(exception.Message, WriteErrors.Wrap(last, [command], command.Operation));
        }
        catch (Exception exception)
        {
            throw WriteErrors.Wrap(exception, [command], command.Operation);
        }

        if (!result.IsWritten)
        {
            if (result.Failure == ConditionFailure.Duplicate)
            {
                throw new DbUpdateException(result.Message + " Nothing was written.", result.Exception, WriteErrors.EntriesOf([command]));
            }

            if (await ConcurrencyFailureAsync(result.Message!, result.Exception, [command], cancellation.Stop).ConfigureAwait(false)
                is { } concurrencyException)
            {
                throw concurrencyException;
            }

            return;
        }

        Applied([command], entries);
    }

    private async Task WriteTransactionAsync(
        IReadOnlyList<WriteCommand> all,
        IList<IUpdateEntry> entries,
        WriteErrors errors,
        InFlightCancellation inFlight,
        IReadOnlyList<ConditionCheckRequest>? checks = null)
    {
        var writer = new TransactionWriter(_executor, errors, checks ?? []);
        var pending = all.ToList();
        var written = new List<WriteCommand>();
        while (pending.Count > 0)
        {
            var (token, mayBeApplied) = _attempts.BeginTransaction(pending);
            IReadOnlyList<(WriteCommand Command, ConditionFailure Kind, string Message)> failures;
            Exception? cancellation;
            try
            {
                (failures, cancellation) = await writer.SendAsync(pending, token, mayBeApplied, inFlight.Requests).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Cancelled or not, a failure whose outcome is unknown keeps the token: sending the same save again (a retry by
                // the execution strategy, or the application calling SaveChangesAsync again) is then idempotent.
                _attempts.TransactionFailed(exception);
                if (exception is OperationCanceledException && inFlight.IsCancellationRequested)
                {
                    throw;
                }

                if (exception is TransactionCanceledException cancelled)
                {
                    throw new DbUpdateException(
                        $"DynamoDB cancelled the transaction (TransactWriteItems of {pending.Count} writes) and nothing was written: "
                        + TransactionWriter.DescribeReasons(pending, cancelled),
                        exception,
                        WriteErrors.EntriesOf(pending));
                }

                throw WriteErrors.Wrap(exception, pending, "TransactWriteItems");
            }

            _attempts.TransactionAnswered();
            if (writer.FailedChecks.Count > 0)
            {
                var message = $"The transaction (TransactWriteItems of {pending.Count} writes and {checks!.Count} condition check(s)) was "
                    + "cancelled and nothing was written: the condition check " + string.Join(
                        "; the condition check ", writer.FailedChecks.Select(c => c.Description))
                    + " did not hold (the item does not exist or does not match)."
                    + (failures.Count > 0 ? " Also: " + string.Join(" ", failures.Select(f => f.Message)) : "");
                if (await ConcurrencyFailureAsync(message, cancellation, failures.Select(f => f.Command).ToList(), inFlight.Stop).ConfigureAwait(false)
                    is { } checkFailure)
                {
                    throw checkFailure;
                }

                return;
            }

            if (failures.Count == 0)
            {
                written.AddRange(pending);
                break;
            }

            var conflicts = failures.Where(f => f.Kind == ConditionFailure.Concurrency).ToList();
            var duplicates = failures.Where(f => f.Kind == ConditionFailure.Duplicate).ToList();
            var prefix = $"The transaction (TransactWriteItems of {pending.Count} writes) was cancelled and nothing was written. ";
            var settled = new List<WriteCommand>();
            if (conflicts.Count > 0)
            {
                var message = prefix + string.Join(" ", conflicts.Select(c => c.Message))
                    + (duplicates.Count > 0 ? " Also: " + string.Join(" ", duplicates.Select(c => c.Message)) : "");
                var failed = conflicts.Select(c => c.Command).ToList();
                if (await ConcurrencyFailureAsync(message, cancellation, failed, inFlight.Stop).ConfigureAwait(false)
                    is { } concurrencyException)
                {
                    throw concurrencyException;
                }

                // An interceptor suppressed the conflicts: as in EF, those entries count as saved, without being written.
                settled.AddRange(failed);
            }

            if (duplicates.Count > 0)
            {
                throw new DbUpdateException(
                    prefix + string.Join(" ", duplicates.Select(c => c.Message)),
                    cancellation,
                    WriteErrors.EntriesOf(duplicates.Select(c => c.Command)));
            }

            // Writes found already applied (a retry of a transaction older than its token's 10-minute window) are done.
            var applied = failures.Where(f => f.Kind == ConditionFailure.AlreadyApplied).Select(f => f.Command).ToList();
            written.AddRange(applied);
            settled.AddRange(applied);

            // The rest of the transaction was cancelled with them: send it again.
            pending.RemoveAll(settled.Contains);
        }

        Applied(written, entries);
    }

    private async Task WriteWithoutTransactionAsync(
        IReadOnlyList<WriteCommand> commands,
        IList<IUpdateEntry> entries,
        WriteErrors errors,
        InFlightCancellation cancellation)
    {
        var cancellationToken = cancellation.Stop;
        var outcome = await NewBatchWriter(errors).WriteAsync(commands, unconditional: false, cancellation).ConfigureAwait(false);
        var failure = new NonTransactionalFailure(outcome, commands.Count);
        DbUpdateConcurrencyException? concurrencyException = null;
        var suppressed = new List<WriteCommand>();
        if (failure.Conflicts.Count > 0)
        {
            concurrencyException = await ConcurrencyFailureAsync(failure.Message, failure.InnerException, failure.Conflicts, cancellationToken)
                .ConfigureAwait(false);
            if (concurrencyException == null)
            {
                suppressed.AddRange(failure.Conflicts);
                failure.Suppress(suppressed);
            }
        }

        if (failure.IsEmpty && outcome.NotWritten.IsEmpty)
        {
            Applied(outcome.Written, entries);
            return;
        }

        // Part of the save landed: those entries are saved (accepted now); the others stay pending for another SaveChanges.
        foreach (var command in outcome.Written)
        {
            _readValues.Written(command);
        }

        SavedEntries.Accept(outcome.Written, suppressed, entries);
        cancellationToken.ThrowIfCancellationRequested();
        throw concurrencyException
            ?? (failure.IsEmpty
                ? new DbUpdateException(
                    $"SaveChangesAsync without a transaction wrote {outcome.Written.Count} of {commands.Count} items; the others were not "
                    + "sent and stay pending.",
                    (Exception?)null,
                    WriteErrors.EntriesOf(outcome.NotWritten))
                : failure.CreateException());
    }

    private BatchWriter NewBatchWriter(WriteErrors errors)
        => new(_executor, new ConditionalWriter(_executor, errors, _attempts), _strategies, _options.MaxBatchWriteParallelism);

    private void Applied(IEnumerable<WriteCommand> written, IList<IUpdateEntry> entries)
    {
        // The set of saved entries is only needed for a write with store-generated values (row versions, ordinals).
        HashSet<IUpdateEntry>? included = null;
        foreach (var command in written)
        {
            _readValues.Written(command);
            if (command.HasValuesToApply)
            {
                included ??= new HashSet<IUpdateEntry>(entries, ReferenceEqualityComparer.Instance);
                SavedEntries.ApplyStoreGeneratedValues(command, entries, included);
            }
        }
    }

    /// <summary>
    ///     The concurrency exception to throw, after logging it and letting interceptors suppress it (then null: as in EF, the
    ///     entries count as saved, although nothing was written for them).
    /// </summary>
    private async Task<DbUpdateConcurrencyException?> ConcurrencyFailureAsync(
        string message,
        Exception? inner,
        IReadOnlyList<WriteCommand> failed,
        CancellationToken cancellationToken)
    {
        _readValues.ItemsMissing(failed);
        var failedEntries = WriteErrors.EntriesOf(failed);
        var exception = new DbUpdateConcurrencyException(message, inner, failedEntries);
        var result = await _logger.OptimisticConcurrencyExceptionAsync(
            _currentContext.Context, failedEntries, exception, null, cancellationToken).ConfigureAwait(false);
        return result.IsSuppressed ? null : exception;
    }
}
