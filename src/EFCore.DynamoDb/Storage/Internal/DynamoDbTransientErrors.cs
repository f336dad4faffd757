using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Decides which failures DynamoDB documents as retryable: throttling, 5xx, transaction conflicts, dropped connections and
///     timeouts. Validation errors, failed conditions and missing tables are never retried. Also tells whether a failed write
///     may nevertheless have been applied.
/// </summary>
/// <remarks>
///     What the AWS SDK says about an error is used where it is reliable: its retry policy's throttling error codes
///     (<see cref="RetryPolicy.IsThrottlingError" />: ProvisionedThroughputExceededException, ThrottlingException,
///     RequestLimitExceeded, TransactionInProgressException, LimitExceededException and the other services' spellings) and
///     <see cref="AmazonServiceException.Retryable" />, which the SDK sets on the exceptions DynamoDB's service model marks
///     retryable (in AWSSDK.DynamoDBv2 4.1 only ReplicatedWriteConflictException; ProvisionedThroughputExceededException and
///     the other throttles are not marked, so <c>Retryable</c> alone would miss them). <see cref="AmazonServiceException.ErrorType" />
///     says whose fault an error is (Sender for 4xx, Receiver for 5xx), which the status code below already tells, and
///     throttles are Sender errors, so it decides nothing here. What the SDK does not classify stays in the short list below:
///     the 5xx codes DynamoDB sends and TransactionConflictException.
/// </remarks>
internal static class DynamoDbTransientErrors
{
    // The SDK's throttling codes live on its retry policy; any policy instance answers from the same list.
    private static readonly RetryPolicy SdkRetryPolicy = new StandardRetryPolicy(new AmazonDynamoDBConfig());

    private static readonly HashSet<string> RetryableErrorCodes = new(StringComparer.Ordinal)
    {
        "InternalServerError",
        "InternalFailure",
        "ServiceUnavailable",
        "TransactionConflictException",
    };

    private static readonly HashSet<string> RetryableCancellationCodes = new(StringComparer.Ordinal)
    {
        "TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded",
    };

    private static readonly HashSet<string> ThrottlingCancellationCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded",
    };

    /// <summary>
    ///     Whether DynamoDB refused the request for going too fast (throttling, exceeded throughput, request limits), per the
    ///     SDK's own list; a transaction counts when one of its items was throttled.
    /// </summary>
    public static bool IsThrottling(Exception exception)
        => exception switch
        {
            TransactionCanceledException { CancellationReasons: { Count: > 0 } reasons }
                => reasons.Any(r => r.Code != null && ThrottlingCancellationCodes.Contains(r.Code)),
            AmazonServiceException service => SdkRetryPolicy.IsThrottlingError(service) || service.StatusCode == HttpStatusCode.TooManyRequests,
            InvalidOperationException { InnerException: { } inner } failed when IsRequestFailure(failed) => IsThrottling(inner),
            _ => false,
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
                return service.Retryable != null
                    || IsThrottling(service)
                    || (service.ErrorCode != null && RetryableErrorCodes.Contains(service.ErrorCode))
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
