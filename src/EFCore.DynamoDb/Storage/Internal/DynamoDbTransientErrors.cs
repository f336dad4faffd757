using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Decides which failures DynamoDB documents as retryable: throttling, 5xx, transaction conflicts and dropped connections.
///     Validation errors, failed conditions and missing tables are never retried.
/// </summary>
internal static class DynamoDbTransientErrors
{
    private static readonly HashSet<string> RetryableErrorCodes = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "Throttling",
        "RequestLimitExceeded",
        "InternalServerError",
        "InternalFailure",
        "ServiceUnavailable",
        "TransactionConflictException",
        "TransactionInProgressException",
        "LimitExceededException",
    };

    private static readonly HashSet<string> RetryableCancellationCodes = new(StringComparer.Ordinal)
    {
        "TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded",
    };

    public static bool IsTransient(Exception exception)
    {
        switch (exception)
        {
            case TransactionCanceledException cancelled:
                // Retryable only when no item failed for a reason the retry cannot change (a condition, a validation).
                var codes = cancelled.CancellationReasons?.Select(r => r.Code).Where(c => c is not null and not "None").ToList();
                return codes is { Count: > 0 } && codes.All(c => RetryableCancellationCodes.Contains(c!));
            case ConditionalCheckFailedException or ResourceNotFoundException:
                return false;
            case AmazonServiceException service:
                return (service.ErrorCode != null && RetryableErrorCodes.Contains(service.ErrorCode))
                    || (int)service.StatusCode >= 500
                    || service.StatusCode == HttpStatusCode.TooManyRequests
                    || (service.InnerException != null && IsTransient(service.InnerException));
            case HttpRequestException or IOException or SocketException or TimeoutException:
                return true;
            case AmazonClientException client:
                return client.InnerException != null && IsTransient(client.InnerException);
            default:
                return false;
        }
    }
}
