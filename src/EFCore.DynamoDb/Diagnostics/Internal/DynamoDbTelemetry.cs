using System.Diagnostics;
using System.Diagnostics.Metrics;
using Amazon.Runtime;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EFCore.DynamoDb.Diagnostics.Internal;

/// <summary>
///     The provider's traces and metrics (<see cref="DynamoDbDiagnostics" /> names them): one span per DynamoDB request, with
///     OpenTelemetry's database and AWS DynamoDB semantic-convention attributes, and the request duration, consumed capacity,
///     throttle and retry instruments. Static, as <c>System.Diagnostics</c> sources are: listeners subscribe by name.
/// </summary>
internal static class DynamoDbTelemetry
{
    private static readonly ActivitySource Source = new(DynamoDbDiagnostics.ActivitySourceName, typeof(DynamoDbTelemetry).Assembly.GetName().Version?.ToString());
    private static readonly Meter Meter = new(DynamoDbDiagnostics.MeterName, typeof(DynamoDbTelemetry).Assembly.GetName().Version?.ToString());

    // OpenTelemetry's recommended buckets for db.client.operation.duration.
    private static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        DynamoDbDiagnostics.OperationDurationMetric, "s", "Duration of DynamoDB requests.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10] });

    private static readonly Counter<double> ConsumedCapacityUnits = Meter.CreateCounter<double>(
        DynamoDbDiagnostics.ConsumedCapacityMetric, "{capacity_unit}", "Capacity units DynamoDB reports as consumed by requests.");

    private static readonly Counter<long> Throttles = Meter.CreateCounter<long>(
        DynamoDbDiagnostics.ThrottlesMetric, "{request}", "DynamoDB requests refused with a throttling error.");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        DynamoDbDiagnostics.RetriesMetric, "{retry}", "Retries of DynamoDB requests by the provider.");

    public const string DbSystemName = "aws.dynamodb";

    /// <summary>
    ///     Starts the span of one request, a child of <see cref="Activity.Current" />; null when nobody listens. The attributes
    ///     that sampling may look at (system, operation, collection) are given at creation, as the conventions ask.
    /// </summary>
    public static Activity? StartRequest(in DynamoDbRequest request, DynamoDbServerEndpoint endpoint)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var tags = new TagList
        {
            { "db.system.name", DbSystemName },
            { "db.operation.name", request.Operation },
        };
        if (request.TableName.Length > 0)
        {
            tags.Add("db.collection.name", request.TableName);
        }

        var activity = Source.StartActivity("DynamoDB." + request.Operation, ActivityKind.Client, parentContext: default, tags);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("rpc.system", "aws-api");
            activity.SetTag("rpc.service", "DynamoDB");
            activity.SetTag("rpc.method", request.Operation);
            endpoint.AddTo(activity);
            DynamoDbSpanAttributes.AddRequest(activity, request.Request);
            if (request.PageNumber is { } page)
            {
                activity.SetTag("efcore.dynamodb.page_number", page);
            }
        }

        return activity;
    }

    /// <summary>Whether the consumed capacity of a request is read by the span or the consumed capacity metric.</summary>
    public static bool WantsConsumedCapacity(Activity? activity)
        => activity is { IsAllDataRequested: true } || ConsumedCapacityUnits.Enabled;

    /// <summary>Records an answered request: response attributes on the span, its duration and consumed capacity as metrics.</summary>
    public static void RequestSucceeded(
        Activity? activity,
        in DynamoDbRequest request,
        DynamoDbServerEndpoint endpoint,
        TimeSpan elapsed,
        AmazonWebServiceResponse? response)
    {
        // Read only for a recorded span or the capacity metric: every request of an application that listens to neither passes here.
        var capacities = response != null && (activity is { IsAllDataRequested: true } || ConsumedCapacityUnits.Enabled)
            ? DynamoDbSpanAttributes.ConsumedCapacities(response)
            : null;
        if (activity is { IsAllDataRequested: true } && response != null)
        {
            DynamoDbSpanAttributes.AddResponse(activity, response, capacities);
        }

        if (OperationDuration.Enabled)
        {
            var tags = MetricTags(request, endpoint);
            OperationDuration.Record(elapsed.TotalSeconds, tags);
        }

        if (ConsumedCapacityUnits.Enabled && capacities != null)
        {
            foreach (var capacity in capacities)
            {
                if (capacity.CapacityUnits is { } units)
                {
                    ConsumedCapacityUnits.Add(
                        units,
                        new KeyValuePair<string, object?>("db.system.name", DbSystemName),
                        new KeyValuePair<string, object?>("db.operation.name", request.Operation),
                        new KeyValuePair<string, object?>("db.collection.name", capacity.TableName ?? request.TableName));
                }
            }
        }
    }

    /// <summary>Records a failed request: error type and status on the span, its duration (with the error type) and throttles.</summary>
    public static void RequestFailed(
        Activity? activity,
        in DynamoDbRequest request,
        DynamoDbServerEndpoint endpoint,
        TimeSpan elapsed,
        Exception exception)
    {
        var errorType = ErrorType(exception);
        if (activity != null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity.SetTag("error.type", errorType);
            if (activity.IsAllDataRequested)
            {
                if (exception is AmazonServiceException { StatusCode: not 0 } service)
                {
                    activity.SetTag("db.response.status_code", ((int)service.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (service.RequestId is { Length: > 0 } requestId)
                    {
                        activity.SetTag("aws.request_id", requestId);
                    }
                }

                activity.AddException(exception);
            }
        }

        if (OperationDuration.Enabled)
        {
            var tags = MetricTags(request, endpoint);
            tags.Add("error.type", errorType);
            OperationDuration.Record(elapsed.TotalSeconds, tags);
        }

        if (Throttles.Enabled && DynamoDbTransientErrors.IsThrottling(exception))
        {
            Throttles.Add(
                1,
                new KeyValuePair<string, object?>("db.system.name", DbSystemName),
                new KeyValuePair<string, object?>("db.operation.name", request.Operation),
                new KeyValuePair<string, object?>("db.collection.name", request.TableName),
                new KeyValuePair<string, object?>("error.type", errorType));
        }
    }

    /// <summary>Counts a retry by the execution strategy, after <paramref name="lastException" />.</summary>
    public static void StrategyRetrying(Exception lastException)
    {
        if (Retries.Enabled)
        {
            Retries.Add(
                1,
                new KeyValuePair<string, object?>("db.system.name", DbSystemName),
                new KeyValuePair<string, object?>("efcore.dynamodb.retry.source", "execution_strategy"),
                new KeyValuePair<string, object?>("error.type", ErrorType(lastException)));
        }
    }

    /// <summary>Counts a resend of what DynamoDB left unprocessed in a batch request.</summary>
    public static void UnprocessedItemsRetrying(string operation, string tableName)
    {
        if (Retries.Enabled)
        {
            Retries.Add(
                1,
                new KeyValuePair<string, object?>("db.system.name", DbSystemName),
                new KeyValuePair<string, object?>("db.operation.name", operation),
                new KeyValuePair<string, object?>("db.collection.name", tableName),
                new KeyValuePair<string, object?>("efcore.dynamodb.retry.source", "unprocessed_items"));
        }
    }

    /// <summary>
    ///     OpenTelemetry's <c>error.type</c>: DynamoDB's error code when it answered (e.g. ProvisionedThroughputExceededException),
    ///     also from inside the provider's wrappers (a DbUpdateException, a query's InvalidOperationException), else the type of
    ///     the exception.
    /// </summary>
    public static string ErrorType(Exception exception)
    {
        for (var current = exception; current != null; current = current.InnerException)
        {
            if (current is AmazonServiceException { ErrorCode: { Length: > 0 } code })
            {
                return code;
            }
        }

        return exception.GetType().FullName ?? exception.GetType().Name;
    }

    private static TagList MetricTags(in DynamoDbRequest request, DynamoDbServerEndpoint endpoint)
    {
        var tags = new TagList
        {
            { "db.system.name", DbSystemName },
            { "db.operation.name", request.Operation },
        };
        if (request.TableName.Length > 0)
        {
            tags.Add("db.collection.name", request.TableName);
        }

        if (endpoint.Address != null)
        {
            tags.Add("server.address", endpoint.Address);
            tags.Add("server.port", endpoint.Port);
        }

        return tags;
    }
}
