using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Storage.Internal;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>The result of sending one conditional write.</summary>
/// <param name="Failure">Null when the item was written (or already was as the write makes it).</param>
/// <param name="Message">Why the condition failed.</param>
/// <param name="Exception">DynamoDB's exception.</param>
internal readonly record struct ConditionalWriteResult(ConditionFailure? Failure, string? Message, Exception? Exception)
{
    public static ConditionalWriteResult Written => default;

    public bool IsWritten => Failure == null;
}

/// <summary>
///     Sends one write as its own PutItem, UpdateItem or DeleteItem with its condition, asking for the old item on a failed
///     condition (ALL_OLD) to tell a duplicate, a missing item, a changed token and an already-applied retry apart. Any other
///     failure is thrown as the SDK's exception.
/// </summary>
internal sealed class ConditionalWriter(IDynamoDbRequestExecutor executor, WriteErrors errors)
{
    public async Task<ConditionalWriteResult> SendAsync(WriteCommand command, bool isRetry, CancellationToken cancellationToken)
    {
        try
        {
            switch (command.Kind)
            {
                case WriteKind.Insert or WriteKind.Replace:
                    await executor.PutItemAsync(WriteRequests.ToPutItem(command), cancellationToken).ConfigureAwait(false);
                    break;
                case WriteKind.Update:
                    await executor.UpdateItemAsync(WriteRequests.ToUpdateItem(command), cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await executor.DeleteItemAsync(WriteRequests.ToDeleteItem(command), cancellationToken).ConfigureAwait(false);
                    break;
            }

            return ConditionalWriteResult.Written;
        }
        catch (ConditionalCheckFailedException exception)
        {
            var (failure, message) = errors.ExplainConditionFailure(command, exception.Item, isRetry);
            return failure == ConditionFailure.AlreadyApplied
                ? ConditionalWriteResult.Written
                : new ConditionalWriteResult(failure, message, exception);
        }
    }
}
