using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EFCore.DynamoDb.FunctionalTests.Diagnostics;

/// <summary>One measurement of one of the provider's instruments.</summary>
public sealed record Measured(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public object? this[string tag] => Tags.GetValueOrDefault(tag);
}

/// <summary>
///     Listens to the provider's spans (an <see cref="ActivityListener" />) and instruments (a <see cref="MeterListener" />),
///     as OpenTelemetry would, and starts parent activities from a source of its own so a test can pick out its spans.
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private static readonly ActivitySource TestSource = new("EFCore.DynamoDb.FunctionalTests.Telemetry");

    // An explicit static constructor: the source must exist before the first listener is added (a listener only hears the
    // sources that exist when it is added, or that are created after; one created lazily inside ShouldListenTo is neither).
    static TelemetryRecorder()
    {
    }

    private readonly ActivityListener? _spans;
    private readonly MeterListener? _meters;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    /// <param name="spans">Whether to listen to the provider's spans.</param>
    /// <param name="instruments">The instruments to listen to (none: no MeterListener; null: all).</param>
    public TelemetryRecorder(bool spans = true, IReadOnlyCollection<string>? instruments = null)
    {
        if (spans)
        {
            _spans = new ActivityListener
            {
                ShouldListenTo = s => s.Name is DynamoDbDiagnostics.ActivitySourceName || s == TestSource,
                Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a => _stopped.Enqueue(a),
            };
            ActivitySource.AddActivityListener(_spans);
        }

        if (instruments is not { Count: 0 })
        {
            _meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == DynamoDbDiagnostics.MeterName && (instruments == null || instruments.Contains(instrument.Name)))
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meters.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
            _meters.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
            _meters.Start();
        }
    }

    /// <summary>An activity of the test's own, which the provider's spans of the code run under it are children of.</summary>
    public static Activity StartParent(string name) => TestSource.StartActivity(name) ?? throw new InvalidOperationException("No listener.");

    /// <summary>The provider's spans that ended as direct children of <paramref name="parent" />, in the order they ended.</summary>
    public IReadOnlyList<Activity> SpansUnder(Activity parent)
        => _stopped.Where(a => a.Source.Name == DynamoDbDiagnostics.ActivitySourceName && a.ParentSpanId == parent.SpanId).ToList();

    /// <summary>The measurements of <paramref name="instrument" /> whose db.collection.name is <paramref name="table" />.</summary>
    public IReadOnlyList<Measured> Measurements(string instrument, string? table = null)
        => _measured.Where(m => m.Instrument == instrument && (table == null || Equals(m["db.collection.name"], table))).ToList();

    public void Dispose()
    {
        _spans?.Dispose();
        _meters?.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measured.Enqueue(new Measured(instrument.Name, instrument.Unit, value, copy));
    }
}
