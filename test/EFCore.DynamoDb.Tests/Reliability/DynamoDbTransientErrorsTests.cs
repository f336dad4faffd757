using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using EFCore.DynamoDb.Storage.Internal;

namespace EFCore.DynamoDb.Tests.Reliability;

/// <summary>
///     Which failures are retried, and which leave a write's outcome unknown (the request may have been applied): the two
///     questions the execution strategy and the update pipeline ask of every failure.
/// </summary>
public class DynamoDbTransientErrorsTests
{
    private static AmazonDynamoDBException Service(string code, HttpStatusCode status)
        => new("message", ErrorType.Unknown, code, "request", status);

    public static TheoryData<string, Exception, bool, bool> Failures()
        => new()
        {
            // name, exception, transient (retried), outcome unknown (may have been applied)
            { "throttled", new ProvisionedThroughputExceededException("slow down") { StatusCode = HttpStatusCode.BadRequest, ErrorCode = "ProvisionedThroughputExceededException" }, true, false },
            { "ThrottlingException", Service("ThrottlingException", HttpStatusCode.BadRequest), true, false },
            { "RequestLimitExceeded", Service("RequestLimitExceeded", HttpStatusCode.BadRequest), true, false },
            { "TransactionConflictException", Service("TransactionConflictException", HttpStatusCode.BadRequest), true, false },
            { "500", Service("InternalServerError", HttpStatusCode.InternalServerError), true, true },
            { "503", Service("ServiceUnavailable", HttpStatusCode.ServiceUnavailable), true, true },
            { "validation", Service("ValidationException", HttpStatusCode.BadRequest), false, false },
            { "failed condition", new ConditionalCheckFailedException("no") { StatusCode = HttpStatusCode.BadRequest }, false, false },
            { "missing table", new ResourceNotFoundException("no table") { StatusCode = HttpStatusCode.BadRequest }, false, false },
            { "dropped after sending", new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."), true, true },
            { "connection reset", new HttpRequestException("reset", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))), true, true },
            { "connection refused", new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)), true, false },
            { "unknown host", new HttpRequestException(HttpRequestError.NameResolutionError, "dns", new SocketException((int)SocketError.HostNotFound)), true, false },
            { "HttpClient timeout", new TaskCanceledException("timeout", new TimeoutException()), true, true },
            { "cancelled", new OperationCanceledException(), false, true },
            { "SDK wrapping a reset", new AmazonClientException("wrapped", new IOException("reset")), true, true },
            // Classified by the SDK: its throttling codes, and the exceptions DynamoDB's service model marks retryable.
            { "TransactionInProgressException", Service("TransactionInProgressException", HttpStatusCode.BadRequest), true, false },
            { "LimitExceededException", Service("LimitExceededException", HttpStatusCode.BadRequest), true, false },
            { "429", Service("TooManyRequestsException", HttpStatusCode.TooManyRequests), true, false },
            { "replicated write conflict", new ReplicatedWriteConflictException("conflict") { StatusCode = HttpStatusCode.BadRequest, ErrorCode = "ReplicatedWriteConflictException" }, true, false },
            { "access denied", Service("AccessDeniedException", HttpStatusCode.BadRequest), false, false },
        };

    [Theory]
    [InlineData("ProvisionedThroughputExceededException", true)]
    [InlineData("ThrottlingException", true)]
    [InlineData("Throttling", true)]
    [InlineData("RequestLimitExceeded", true)]
    [InlineData("TransactionInProgressException", true)]
    [InlineData("InternalServerError", false)]
    [InlineData("TransactionConflictException", false)]
    [InlineData("ValidationException", false)]
    public void Throttles_are_the_SDK_throttling_codes(string code, bool throttling)
        => Assert.Equal(throttling, DynamoDbTransientErrors.IsThrottling(Service(code, code == "InternalServerError" ? HttpStatusCode.InternalServerError : HttpStatusCode.BadRequest)));

    [Fact]
    public void A_transaction_is_a_throttle_when_an_item_was_throttled()
    {
        static TransactionCanceledException Cancelled(params string[] codes)
            => new("cancelled") { CancellationReasons = codes.Select(c => new CancellationReason { Code = c }).ToList() };

        Assert.True(DynamoDbTransientErrors.IsThrottling(Cancelled("None", "ThrottlingError")));
        Assert.True(DynamoDbTransientErrors.IsThrottling(Cancelled("ProvisionedThroughputExceeded")));
        Assert.False(DynamoDbTransientErrors.IsThrottling(Cancelled("TransactionConflict")));
        Assert.False(DynamoDbTransientErrors.IsThrottling(Cancelled("ConditionalCheckFailed")));
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_is_classified(string name, Exception exception, bool transient, bool outcomeUnknown)
    {
        Assert.True(transient == DynamoDbTransientErrors.IsTransient(exception), $"{name}: transient should be {transient}");
        Assert.True(outcomeUnknown == DynamoDbTransientErrors.IsOutcomeUnknown(exception), $"{name}: outcome unknown should be {outcomeUnknown}");
    }

    [Fact]
    public void Cancellations_of_a_transaction_are_transient_only_when_every_reason_is()
    {
        static TransactionCanceledException Cancelled(params string[] codes)
            => new("cancelled") { CancellationReasons = codes.Select(c => new CancellationReason { Code = c }).ToList() };

        Assert.True(DynamoDbTransientErrors.IsTransient(Cancelled("None", "TransactionConflict")));
        Assert.True(DynamoDbTransientErrors.IsTransient(Cancelled("ThrottlingError")));
        Assert.False(DynamoDbTransientErrors.IsTransient(Cancelled("TransactionConflict", "ConditionalCheckFailed")));
        Assert.False(DynamoDbTransientErrors.IsTransient(Cancelled("ValidationError")));
    }

    [Fact]
    public void A_query_failure_names_the_request_and_is_retried_as_its_inner_exception_would_be()
    {
        var throttled = DynamoDbTransientErrors.RequestFailure("DynamoDB Query on table 'T' failed", Service("ThrottlingException", HttpStatusCode.BadRequest));
        var refused = DynamoDbTransientErrors.RequestFailure("DynamoDB Query on table 'T' failed", Service("ValidationException", HttpStatusCode.BadRequest));

        Assert.IsType<InvalidOperationException>(throttled);
        Assert.True(DynamoDbTransientErrors.IsTransient(throttled));
        Assert.False(DynamoDbTransientErrors.IsTransient(refused));
        Assert.False(DynamoDbTransientErrors.IsTransient(new InvalidOperationException("other", Service("ThrottlingException", HttpStatusCode.BadRequest))));
    }
}
