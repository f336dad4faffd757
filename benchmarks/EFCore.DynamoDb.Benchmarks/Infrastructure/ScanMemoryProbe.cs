using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Benchmarks.Model;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Benchmarks.Infrastructure;

/// <summary>
///     Peak managed memory of a Scan read item by item, for 10,000 and 100,000 items: it must not depend on the table's size.
///     BenchmarkDotNet's memory diagnoser counts bytes allocated, which grows with the items read whatever is kept; what
///     matters here is what is alive at once. So this mode samples the live managed heap while the scan runs: every 2,000
///     items it forces a full, blocking, compacting collection (twice, with the finalizers run between) and reads
///     <see cref="GC.GetTotalMemory" /> (bytes in live objects) and <see cref="GCMemoryInfo.HeapSizeBytes" /> of that
///     collection (the heap, fragmentation included); the peak of each, minus the same figures just before the scan, is what
///     the scan held at most. The same is measured for the raw SDK (pages read and dropped) and, to show what the probe sees
///     when memory does grow, for <c>ToListAsync</c>, which keeps every entity.
/// </summary>
public static class ScanMemoryProbe
{
    private const int SampleEvery = 2_000;

    private static readonly string[] Implementations =
    [
        "Raw SDK: Scan pages, each item mapped and dropped",
        "EF AsAsyncEnumerable (AsNoTracking)",
        "EF AsAsyncEnumerable (AsNoTracking, WithParallelScan(4))",
        "EF ToListAsync (AsNoTracking): keeps every entity",
    ];

    /// <summary>
    ///     Measures every implementation at both sizes, each in a process of its own (this program with
    ///     <c>--scan-memory-one INDEX ITEMS</c>): pooled buffers and caches left by one measurement would otherwise shift the
    ///     next one's starting point. Returns the markdown table.
    /// </summary>
    public static async Task<string> RunAsync()
    {
        var text = new StringBuilder();
        text.AppendLine("## Scan memory: peak live managed heap while scanning (dedicated mode, see ScanMemoryProbe)");
        text.AppendLine();
        text.AppendLine($"Each row in its own process, after a warm-up scan of the 10,000-item table; sampled every {SampleEvery:N0} items "
            + "after a forced full compacting GC. Before: the same reading just before the measured scan; peak: the highest reading "
            + "during it (absolute, and above before).");
        text.AppendLine();
        text.AppendLine("| Implementation | Items | Live before | Peak live | Peak above before | Peak GC heap size | Samples |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var index = 0; index < Implementations.Length; index++)
        {
            foreach (var items in new[] { LargeScanData.Small, LargeScanData.Large })
            {
                var line = await RunChildAsync(index, items);
                var parts = line.Split(' ').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
                var (before, peakLive, peakHeap, samples) = (parts[0], parts[1], parts[2], parts[3]);
                text.AppendLine($"| {Implementations[index]} | {items:N0} | {Megabytes(before)} | {Megabytes(peakLive)} "
                    + $"| {Megabytes(peakLive - before)} | {Megabytes(peakHeap)} | {samples} |");
            }
        }

        text.AppendLine();
        return text.ToString();
    }

    /// <summary>One measurement (the child's side): warm up, measure, print "before peakLive peakHeap samples".</summary>
    public static async Task<int> RunOneAsync(IAmazonDynamoDB client, int index, int items)
    {
        Func<int, Action, Task<int>> run = index switch
        {
            0 => (n, sample) => RawScanAsync(client, n, sample),
            1 => (n, sample) => EfScanAsync(client, n, 1, sample),
            2 => (n, sample) => EfScanAsync(client, n, 4, sample),
            _ => (n, sample) => EfToListAsync(client, n, sample),
        };

        // The JIT's and EF's one-time memory (compiled query, model) is not the scan's.
        await run(LargeScanData.Small, static () => { });
        var (before, peakLive, peakHeap, samples) = await MeasureAsync(items, run);
        Console.WriteLine(FormattableString.Invariant($"{before} {peakLive} {peakHeap} {samples}"));
        return 0;
    }

    private static async Task<string> RunChildAsync(int index, int items)
    {
        var self = Environment.ProcessPath!;
        var start = new System.Diagnostics.ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ScanMemoryProbe).Assembly.Location);
        }

        foreach (var argument in new[] { "--scan-memory-one", index.ToString(CultureInfo.InvariantCulture), items.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = System.Diagnostics.Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim();
        if (child.ExitCode != 0 || last == null || !char.IsDigit(last[0]))
        {
            throw new InvalidOperationException($"The scan memory measurement {index} of {items} items failed:\n{output}");
        }

        return last;
    }

    private static async Task<(long Before, long PeakLive, long PeakHeap, int Samples)> MeasureAsync(
        int items,
        Func<int, Action, Task<int>> run)
    {
        var (before, _) = Sample();
        var (peakLive, peakHeap, samples) = (0L, 0L, 0);
        void Record()
        {
            var (live, heap) = Sample();
            peakLive = Math.Max(peakLive, live);
            peakHeap = Math.Max(peakHeap, heap);
            samples++;
        }

        var read = await run(items, Record);
        if (read != items)
        {
            throw new InvalidOperationException($"The scan read {read} items, not {items}.");
        }

        return (before, peakLive, peakHeap, samples);
    }

    private static (long Live, long Heap) Sample()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return (GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes);
    }

    private static async Task<int> RawScanAsync(IAmazonDynamoDB client, int items, Action sample)
    {
        var count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await client.ScanAsync(new ScanRequest { TableName = LargeScanData.Table(items), ExclusiveStartKey = start });
            foreach (var item in response.Items ?? [])
            {
                GC.KeepAlive(RawMapping.FromItem(item));
                if (++count % SampleEvery == 0)
                {
                    sample();
                }
            }

            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start != null);

        return count;
    }

    private static async Task<int> EfScanAsync(IAmazonDynamoDB client, int items, int segments, Action sample)
    {
        await using var context = new BenchContext(LargeScanData.Options(client, items));
        var query = context.Threads.AsNoTracking().WithScan();
        if (segments > 1)
        {
            query = query.WithParallelScan(segments);
        }

        var count = 0;
        await foreach (var thread in query.AsAsyncEnumerable())
        {
            GC.KeepAlive(thread);
            if (++count % SampleEvery == 0)
            {
                sample();
            }
        }

        return count;
    }

    private static async Task<int> EfToListAsync(IAmazonDynamoDB client, int items, Action sample)
    {
        await using var context = new BenchContext(LargeScanData.Options(client, items));
        var all = await context.Threads.AsNoTracking().WithScan().ToListAsync();
        // The list is the result: sampled once, while it is alive (its peak).
        sample();
        GC.KeepAlive(all);
        return all.Count;
    }

    private static string Megabytes(long bytes)
        => (bytes / (1024.0 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + " MB";
}
