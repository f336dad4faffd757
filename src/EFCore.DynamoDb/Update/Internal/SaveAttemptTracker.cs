using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using EFCore.DynamoDb.Storage.Internal;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     Remembers, per context, the writes whose outcome is unknown, so that sending them again is idempotent and a write that
///     did land is not reported as failing on its own effect.
/// </summary>
/// <remarks>
///     <para>
///         A write's outcome is unknown when its request may have reached DynamoDB but no answer came back: a dropped
///         connection, a timeout, a 5xx, a cancellation while the request was in flight (see
///         <see cref="DynamoDbTransientErrors.IsOutcomeUnknown" />). Throttling and every other 4xx answer mean nothing was
///         written, so they never make a later condition failure look like "already applied".
///     </para>
///     <para>
///         <b>Transactions.</b> A TransactWriteItems request carries a client request token. When the same save is sent again
///         (EF's execution strategy retrying it, or the application calling SaveChangesAsync again after a failure or a
///         cancellation, with the same pending changes), it reuses the token, so if the earlier attempt did commit DynamoDB
///         answers success without writing again. DynamoDB honours a token for 10 minutes; within that window a failed
///         condition on a resent transaction is never our own earlier attempt (DynamoDB would have answered success), so it
///         is reported as the conflict it is. Only after the window, and only if an attempt's outcome was unknown, is a failed
///         condition checked against the item DynamoDB returned.
///     </para>
///     <para>
///         <b>Single writes</b> (PutItem, UpdateItem, DeleteItem) carry no token. When one is sent again after an unknown
///         outcome, by the SDK itself (<see cref="SdkAttemptLog" />), by EF's execution strategy or by the application, and
///         its condition fails, the item DynamoDB returns is compared with what the write makes it: if they match, the earlier
///         attempt was applied and the write counts as done. This is the one place where another writer making exactly the
///         same change (same original row version, same new values) in the seconds between the lost attempt and its retry
///         would be taken for our own write; a write that was never sent with an unknown outcome is never compared, so an
///         identical concurrent write is otherwise always reported as a conflict. <c>AutoTransactionBehavior.Always</c>
///         closes that window too, at the price of transactional writes (twice the write capacity).
///     </para>
///     <para>
///         "The same write" means exactly the same request (a digest of table, key, item, expressions and values), so a
///         save whose data changed in between is a new write (and never reuses a token, which DynamoDB would reject as
///         IdempotentParameterMismatch).
///     </para>
/// </remarks>
internal sealed class SaveAttemptTracker
{
    /// <summary>DynamoDB honours a client request token for 10 minutes; counted from our first send, with a margin.</summary>
    private static readonly TimeSpan TokenWindow = TimeSpan.FromMinutes(9);

    private readonly Lock _lock = new();
    private string? _transactionDigest;
    private string? _token;
    private long _firstSent;
    private bool _transactionOutcomeUnknown;
    private HashSet<string>? _unknownSingleWrites;

    /// <summary>
    ///     Starts an attempt of a transaction: its client request token (at most 36 characters), and whether a failed condition
    ///     may be this transaction's own earlier attempt (only past the token's window, after an unknown outcome).
    /// </summary>
    public (string Token, bool MayBeApplied) BeginTransaction(IReadOnlyList<WriteCommand> commands)
    {
        var digest = Digest(commands);
        lock (_lock)
        {
            if (_token != null && string.Equals(digest, _transactionDigest, StringComparison.Ordinal))
            {
                return (_token, _transactionOutcomeUnknown && Stopwatch.GetElapsedTime(_firstSent) > TokenWindow);
            }

            _transactionDigest = digest;
            _token = Guid.NewGuid().ToString("N");
            _firstSent = Stopwatch.GetTimestamp();
            _transactionOutcomeUnknown = false;
            return (_token, false);
        }
    }

    /// <summary>DynamoDB answered the transaction (committed, or cancelled it for its conditions): the next save is a new one.</summary>
    public void TransactionAnswered()
    {
        lock (_lock)
        {
            _transactionDigest = null;
            _token = null;
        }
    }

    /// <summary>
    ///     The transaction failed: keep its token for a retry if the failure is transient or left the outcome unknown (a retry
    ///     must then reuse it); otherwise DynamoDB refused it and the next save is a new one.
    /// </summary>
    public void TransactionFailed(Exception exception)
    {
        var unknown = DynamoDbTransientErrors.IsOutcomeUnknown(exception);
        if (!unknown && !DynamoDbTransientErrors.IsTransient(exception))
        {
            TransactionAnswered();
            return;
        }

        lock (_lock)
        {
            _transactionOutcomeUnknown |= unknown;
        }
    }

    /// <summary>Whether an earlier attempt of exactly this single write may have been applied.</summary>
    public bool MayBeApplied(WriteCommand command)
    {
        lock (_lock)
        {
            if (_unknownSingleWrites is not { Count: > 0 })
            {
                return false;
            }
        }

        var digest = Digest([command]);
        lock (_lock)
        {
            return _unknownSingleWrites?.Contains(digest) == true;
        }
    }

    /// <summary>An attempt of this single write may have been applied, though no answer says so.</summary>
    public void OutcomeUnknown(WriteCommand command)
    {
        var digest = Digest([command]);
        lock (_lock)
        {
            (_unknownSingleWrites ??= new HashSet<string>(StringComparer.Ordinal)).Add(digest);
        }
    }

    /// <summary>DynamoDB answered this single write (written, or its condition failed): its earlier attempts no longer matter.</summary>
    public void Answered(WriteCommand command)
    {
        lock (_lock)
        {
            if (_unknownSingleWrites is not { Count: > 0 })
            {
                return;
            }
        }

        var digest = Digest([command]);
        lock (_lock)
        {
            _unknownSingleWrites?.Remove(digest);
        }
    }

    private static string Digest(IReadOnlyList<WriteCommand> commands)
    {
        var builder = new StringBuilder();
        foreach (var command in commands)
        {
            builder.Append(command.Kind).Append('|').Append(command.TableName).Append('|');
            CanonicalText.Append(builder, command.Key);
            CanonicalText.Append(builder, command.Item);
            builder.Append('|').Append(command.UpdateExpression).Append('|').Append(command.ConditionExpression).Append('|');
            CanonicalText.Append(builder, command.Names);
            CanonicalText.Append(builder, command.Values);
            builder.Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }
}
