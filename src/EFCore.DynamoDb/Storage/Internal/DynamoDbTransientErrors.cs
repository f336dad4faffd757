using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Decides which failures DynamoDB documents as retryable: throttling, 5xx, transaction conflicts, dropped connections and
///     timeouts. Validation errors, failed conditions and missing tables are never retried. Also tells whether a failed write
///     may nevertheless have been applied.
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
            case OperationCanceledException { InnerException: TimeoutException }:
                // HttpClient's timeout (the SDK's Timeout setting), not the caller's cancellation.
                return true;
            case AmazonClientException client:
                return client.InnerException != null && IsTransient(client.InnerException);
            case InvalidOperationException { InnerException: { } inner } failed when IsRequestFailure(failed):
                return IsTransient(inner);
            default:
                return false;
        }
    }

    /// <summary>
    ///     Wraps the failure of a query's request so that its message names the request; the SDK's exception stays inside, and
    ///     <see cref="IsTransient" /> looks through the wrapper.
    /// </summary>
    public static InvalidOperationException RequestFailure(string message, Exception exception)
    {
        var failure = new InvalidOperationException(message, exception);
        failure.Data[RequestFailureKey] = true;
        return failure;
    }

    private const string RequestFailureKey = "EFCore.DynamoDb.RequestFailure";

    private static bool IsRequestFailure(InvalidOperationException exception) => exception.Data[RequestFailureKey] is true;

    /// <summary>
    ///     Whether a write that failed with <paramref name="exception" /> may have been applied all the same: the request may
    ///     have reached DynamoDB and only its answer was lost (a dropped connection, a timeout, a cancelled wait), or DynamoDB
    ///     answered with a 5xx, which its documentation says may follow a successful write. An answer in the 4xx range
    ///     (throttling, a failed condition, a validation error) and a connection that was never opened mean nothing was written.
    /// </summary>
    public static bool IsOutcomeUnknown(Exception exception)
        => exception switch
        {
            AmazonServiceException service when service.StatusCode != 0 => (int)service.StatusCode >= 500,
            HttpRequestException
            {
                HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
                or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
            } => false,
            HttpRequestException { InnerException: SocketException socket } => !NeverConnected(socket.SocketErrorCode),
            SocketException socket => !NeverConnected(socket.SocketErrorCode),
            AmazonClientException { InnerException: { } inner } => IsOutcomeUnknown(inner),
            AmazonServiceException { InnerException: { } inner } => IsOutcomeUnknown(inner),
            _ => true,
        };

    private static bool NeverConnected(SocketError error)
        => error is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
            or SocketError.NetworkUnreachable or SocketError.TryAgain or SocketError.NoData;
}
