using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     Explains a save without a transaction (<c>AutoTransactionBehavior.Never</c>) that did not write everything: what was
///     written, what failed and why, and what was never sent. The exception's <c>Entries</c> are exactly the entries whose
///     write failed; entries whose write landed are accepted (saved), entries never sent stay pending.
/// </summary>
internal sealed class NonTransactionalFailure
{
    private const int MaxMessages = 5;

    private readonly BatchOutcome _outcome;
    private readonly int _total;
    private readonly List<(WriteCommand Command, string Message, Exception? Exception)> _failures = [];

    public NonTransactionalFailure(BatchOutcome outcome, int total)
    {
        _outcome = outcome;
        _total = total;
        foreach (var (command, result) in outcome.ConditionFailures)
        {
            if (result.Failure == ConditionFailure.Concurrency)
            {
                Conflicts.Add(command);
            }

            _failures.Add((command, result.Message!, result.Exception));
        }

        foreach (var (commands, exception) in outcome.Errors)
        {
            var message = WriteErrors.Wrap(exception, commands, commands.Count == 1 ? commands[0].Operation : "BatchWriteItem").Message;
            foreach (var command in commands)
            {
                _failures.Add((command, message, exception));
            }
        }
    }

    /// <summary>Writes whose concurrency check failed.</summary>
    public List<WriteCommand> Conflicts { get; } = [];

    public bool IsEmpty => _failures.Count == 0;

    public Exception? InnerException => _failures.FirstOrDefault().Exception;

    public string Message
    {
        get
        {
            var written = _outcome.Written.Count;
            var failed = _failures.Select(f => f.Command).Distinct().Count();
            var notSent = _outcome.NotWritten.Count;
            var reasons = _failures.Select(f => f.Message).Distinct(StringComparer.Ordinal).ToList();
            return $"SaveChangesAsync without a transaction (AutoTransactionBehavior.Never) wrote {written} of {_total} items and then "
                + $"stopped. The {written} written items are saved: their entries are now Unchanged (Detached if deleted). "
                + $"{failed} items failed and are not written: "
                + string.Join(" ", reasons.Take(MaxMessages))
                + (reasons.Count > MaxMessages ? $" (and {reasons.Count - MaxMessages} more)" : "")
                + (notSent > 0 ? $" {notSent} other items were not sent after the failure and are not written either." : "")
                + " Entries that were not written stay pending: fix the cause and call SaveChangesAsync again to write them. "
                + "This exception's Entries are the entries whose write failed.";
        }
    }

    /// <summary>An interceptor suppressed the concurrency failures: as in EF, they count as saved.</summary>
    public void Suppress(IReadOnlyList<WriteCommand> conflicts)
    {
        _failures.RemoveAll(f => conflicts.Contains(f.Command));
        Conflicts.Clear();
    }

    public DbUpdateException CreateException()
    {
        var failedCommands = _failures.Select(f => f.Command).Distinct().ToList();
        return Conflicts.Count > 0
            ? new DbUpdateConcurrencyException(Message, InnerException, WriteErrors.EntriesOf(Conflicts))
            : new DbUpdateException(Message, InnerException, WriteErrors.EntriesOf(failedCommands));
    }
}
