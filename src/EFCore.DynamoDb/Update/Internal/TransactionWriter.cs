using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Storage.Internal;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     Sends a save's writes as one TransactWriteItems request (all or nothing) and maps a cancellation back to the writes
///     that caused it: DynamoDB returns one cancellation reason per action, in request order.
/// </summary>
internal sealed class TransactionWriter(IDynamoDbRequestExecutor executor, WriteErrors errors, IReadOnlyList<ConditionCheckRequest> checks)
{
    private readonly List<ConditionCheckRequest> _failedChecks = [];

    /// <summary>The condition checks (AddConditionCheck) that failed in the last transaction sent.</summary>
    public IReadOnlyList<ConditionCheckRequest> FailedChecks => _failedChecks;

    /// <summary>
    ///     Sends the transaction. Returns the writes whose condition failed (none when it committed) and DynamoDB's exception;
    ///     throws the SDK's exception for any other failure, transient ones included, so that the execution strategy can retry.
    ///     <paramref name="mayBeApplied" /> says a failed condition may be this transaction's own earlier attempt (see
    ///     <see cref="SaveAttemptTracker" />).
    /// </summary>
    public async Task<(IReadOnlyList<(WriteCommand Command, ConditionFailure Kind, string Message)> Failures, Exception? Exception)> SendAsync(
        IReadOnlyList<WriteCommand> commands,
        string clientRequestToken,
        bool mayBeApplied,
        CancellationToken cancellationToken)
    {
        var request = new TransactWriteItemsRequest
        {
            TransactItems = commands.Select(WriteRequests.ToTransactWriteItem).Concat(checks.Select(WriteRequests.ToConditionCheck)).ToList(),
            ClientRequestToken = clientRequestToken,
        };

        _failedChecks.Clear();
        try
        {
            await executor.TransactWriteItemsAsync(request, cancellationToken).ConfigureAwait(false);
            return ([], null);
        }
        catch (TransactionCanceledException exception)
            when (exception.CancellationReasons?.Any(r => r.Code == "ConditionalCheckFailed") == true)
        {
            var failures = new List<(WriteCommand, ConditionFailure, string)>();
            var reasons = exception.CancellationReasons;
            for (var i = 0; i < reasons.Count && i < commands.Count; i++)
            {
                if (reasons[i].Code == "ConditionalCheckFailed")
                {
                    var (kind, message) = errors.ExplainConditionFailure(commands[i], reasons[i].Item, mayBeApplied);
                    failures.Add((commands[i], kind, message));
                }
            }

            for (var i = commands.Count; i < reasons.Count && i - commands.Count < checks.Count; i++)
            {
                if (reasons[i].Code == "ConditionalCheckFailed")
                {
                    _failedChecks.Add(checks[i - commands.Count]);
                }
            }

            return (failures, exception);
        }
    }

    /// <summary>"ValidationError on 'Thread' with key (...): message" for each action DynamoDB gave a reason for.</summary>
    public static string DescribeReasons(IReadOnlyList<WriteCommand> commands, TransactionCanceledException exception)
    {
        var reasons = exception.CancellationReasons;
        if (reasons == null)
        {
            return exception.Message;
        }

        var described = reasons.Select((reason, i) => (reason, i))
            .Where(p => p.reason.Code is not null and not "None" && p.i < commands.Count)
            .Select(p => $"{p.reason.Code} on {commands[p.i].Description}"
                + (string.IsNullOrEmpty(p.reason.Message) ? "" : ": " + p.reason.Message))
            .ToList();
        return described.Count == 0 ? exception.Message : string.Join("; ", described);
    }
}
