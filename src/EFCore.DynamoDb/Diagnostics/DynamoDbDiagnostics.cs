// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore.Diagnostics;

/// <summary>
///     Names under which the DynamoDB provider publishes traces and metrics through <c>System.Diagnostics</c>, for
///     OpenTelemetry (<c>AddSource(DynamoDbDiagnostics.ActivitySourceName)</c>, <c>AddMeter(DynamoDbDiagnostics.MeterName)</c>)
///     or an <c>ActivityListener</c> / <c>MeterListener</c>.
/// </summary>
/// <remarks>
///     Every DynamoDB request the provider sends is one span (kind Client, named like <c>DynamoDB.Query</c>) with
///     OpenTelemetry's database and AWS DynamoDB attributes, parented to the caller's current activity. Consumed capacity is
///     requested from DynamoDB only while someone listens to the spans, to the consumed capacity metric or to EF's
///     <see cref="DynamoDbEventId.ExecutedRequest" /> event.
/// </remarks>
public static class DynamoDbDiagnostics
{
    /// <summary>The name of the provider's <c>ActivitySource</c>: "EFCore.DynamoDb".</summary>
    public const string ActivitySourceName = "EFCore.DynamoDb";

    /// <summary>The name of the provider's <c>Meter</c>: "EFCore.DynamoDb".</summary>
    public const string MeterName = "EFCore.DynamoDb";

    /// <summary>Histogram of the duration of each DynamoDB request, in seconds (OpenTelemetry's database client metric).</summary>
    public const string OperationDurationMetric = "db.client.operation.duration";

    /// <summary>Counter of the capacity units DynamoDB reports as consumed, per operation and table.</summary>
    public const string ConsumedCapacityMetric = "efcore.dynamodb.consumed_capacity";

    /// <summary>Counter of requests DynamoDB refused with a throttling error (after the AWS SDK's own quick retries).</summary>
    public const string ThrottlesMetric = "efcore.dynamodb.throttles";

    /// <summary>
    ///     Counter of retries: by the provider's execution strategy (<c>efcore.dynamodb.retry.source</c> =
    ///     <c>execution_strategy</c>) and of the items DynamoDB left unprocessed in a batch (<c>unprocessed_items</c>).
    /// </summary>
    public const string RetriesMetric = "efcore.dynamodb.retries";
}
