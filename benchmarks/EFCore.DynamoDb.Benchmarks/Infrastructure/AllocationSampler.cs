using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace EFCore.DynamoDb.Benchmarks.Infrastructure;

/// <summary>
///     Which types a benchmark method allocates (<c>--profile METHOD --allocations</c>): listens to the runtime's
///     GCAllocationTick event, which the GC raises each time about 100 KB more has been allocated, naming the type of the object
///     that crossed the mark. Over many calls the ticks per type are proportional to the bytes allocated of that type, so the
///     table shows where a method's bytes go without a profiler on the machine (it has no stacks: read the code of the type).
/// </summary>
public sealed class AllocationSampler : EventListener
{
    // The runtime's GC keyword; GCAllocationTick is raised at the Verbose level only.
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int AllocationTickEventId = 10;

    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _recording;

    /// <summary>Starts counting; ticks before this (warm-up) are ignored.</summary>
    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventId != AllocationTickEventId || eventData.PayloadNames == null)
        {
            return;
        }

        var typeName = eventData.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload![t] as string : null;
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0
            ? Convert.ToInt64(eventData.Payload![a], CultureInfo.InvariantCulture)
            : 0;
        _bytesByType.AddOrUpdate(typeName ?? "?", amount, (_, sum) => sum + amount);
    }

    /// <summary>The types that took most of the sampled bytes, as estimated bytes per call.</summary>
    public string Report(long calls, int top = 40)
    {
        var total = _bytesByType.Values.Sum();
        var lines = new List<string> { $"// sampled allocations by type ({total / Math.Max(calls, 1):N0} B/call sampled):" };
        foreach (var (type, bytes) in _bytesByType.OrderByDescending(p => p.Value).Take(top))
        {
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"//   {bytes / (double)Math.Max(calls, 1),10:N0} B/call {100.0 * bytes / Math.Max(total, 1),5:0.0}%  {type}"));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
