using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
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
///     failure is thrown as the SDK's exception, after noting in the <see cref="SaveAttemptTracker" /> whether the write may
///     have been applied all the same.
/// </summary>
/// <remarks>
///     A failed condition is read as "already applied" only when an earlier attempt of this very write had an unknown outcome:
///     an attempt of this call that the SDK retried on its own (seen through <see cref="SdkAttemptLog" /> when the provider
///     created the client), or an earlier call that failed that way. Otherwise the item DynamoDB returned was written by
///     someone else, even if it is identical to what this write would have made it, and the failure is reported.
/// </remarks>
internal sealed class ConditionalWriter(IDynamoDbRequestExecutor executor, WriteErrors errors, SaveAttemptTracker attempts)
{
    public async Task<ConditionalWriteResult> SendAsync(WriteCommand command, CancellationToken cancellationToken)
    {
        var mayBeApplied = attempts.MayBeApplied(command);
        AmazonWebServiceRequest request = command.Kind switch
        {
            WriteKind.Insert or WriteKind.Replace => WriteRequests.ToPutItem(command),
            WriteKind.Update => WriteRequests.ToUpdateItem(command),
            _ => WriteRequests.ToDeleteItem(command),
        };
        var sdkAttempts = SdkAttemptLog.Observe(request);
        try
        {
            switch (request)
            {
                case PutItemRequest put:
                    await executor.PutItemAsync(put, cancellationToken).ConfigureAwait(false);
                    break;
                case UpdateItemRequest update:
                    await executor.UpdateItemAsync(update, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await executor.DeleteItemAsync((DeleteItemRequest)request, cancellationToken).ConfigureAwait(false);
                    break;
            }

            attempts.Answered(command);
            return ConditionalWriteResult.Written;
        }
        catch (ConditionalCheckFailedException exception)
        {
            attempts.Answered(command);
            var (failure, message) = errors.ExplainConditionFailure(command, exception.Item, mayBeApplied || sdkAttempts.HadUnknownOutcome);
            return failure == ConditionFailure.AlreadyApplied
                ? ConditionalWriteResult.Written
                : new ConditionalWriteResult(failure, message, exception);
        }
        catch (Exception exception)
        {
            if (sdkAttempts.HadUnknownOutcome || DynamoDbTransientErrors.IsOutcomeUnknown(exception))
            {
                attempts.OutcomeUnknown(command);
            }

            throw;
        }
    }
}
