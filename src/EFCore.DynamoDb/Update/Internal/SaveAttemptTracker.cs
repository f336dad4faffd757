using System.Security.Cryptography;
using System.Text;
using EFCore.DynamoDb.Storage.Internal;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     Recognizes that a save is a retry of the previous one, so that it is idempotent:
///     <list type="bullet">
///         <item>
///             A TransactWriteItems request carries a client request token. When EF's execution strategy retries a save after
///             a transient failure (throttling, a transaction conflict, a lost connection), it calls SaveChangesAsync again with
///             the same entries; the same requests get the same token, so if the earlier attempt did commit (its response was
///             lost), DynamoDB answers success without writing again. DynamoDB honours a token for 10 minutes after the first
///             request that used it completed; a retry later than that is treated as a new transaction (its conditions then
///             report the earlier write as a conflict rather than duplicating it).
///         </item>
///         <item>
///             A single conditional write that fails its condition on a retry is checked against the returned item: if the item
///             already is what the write makes it, the write is reported as done.
///         </item>
///     </list>
///     "The same save" means exactly the same requests (a digest of tables, keys, items, expressions and values), so a save
///     whose data changed in between never reuses a token (DynamoDB would reject it as IdempotentParameterMismatch).
///     The tracker lives in the context's scope; it forgets the attempt on success or on a failure that is not transient.
/// </summary>
internal sealed class SaveAttemptTracker
{
    private string? _digest;
    private string? _token;

    /// <summary>Starts an attempt: its client request token (at most 36 characters) and whether it repeats the failed one before.</summary>
    public (string Token, bool IsRetry) Begin(IReadOnlyList<WriteCommand> commands)
    {
        var digest = Digest(commands);
        if (_token != null && string.Equals(digest, _digest, StringComparison.Ordinal))
        {
            return (_token, true);
        }

        _digest = digest;
        _token = Guid.NewGuid().ToString("N");
        return (_token, false);
    }

    /// <summary>The attempt succeeded: the next save is a new one.</summary>
    public void Succeeded()
    {
        _digest = null;
        _token = null;
    }

    /// <summary>The attempt failed: keep it for a retry only if the failure was transient.</summary>
    public void Failed(Exception exception)
    {
        var cause = exception is Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: { } inner } ? inner : exception;
        if (!DynamoDbTransientErrors.IsTransient(cause))
        {
            Succeeded();
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
