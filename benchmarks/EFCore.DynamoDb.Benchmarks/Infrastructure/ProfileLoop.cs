using System.Diagnostics;

namespace EFCore.DynamoDb.Benchmarks.Infrastructure;

/// <summary>Runs one benchmark method in a loop, for a profiler to watch (dotnet-trace, dotnet-counters).</summary>
public static class ProfileLoop
{
    public static async Task<int> RunAsync(HostOptions options)
    {
        var type = options.Mode == "server" ? typeof(OverDynamoDbLocal) : typeof(RecordedResponses);
        var workloads = (Workloads)Activator.CreateInstance(type)!;
        await workloads.SetupAsync();
        try
        {
            var (name, run) = workloads.Benchmarks().Single(b => b.Name == options.Profile);
            // Warm up (tiering), then measure.
            for (var i = 0; i < 200; i++)
            {
                await run();
            }

            var clock = Stopwatch.StartNew();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var totalAllocated = GC.GetTotalAllocatedBytes(precise: true);
            var workItems = ThreadPool.CompletedWorkItemCount;
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            var count = 0;
            while (clock.Elapsed.TotalSeconds < options.ProfileSeconds)
            {
                await run();
                count++;
            }

            totalAllocated = GC.GetTotalAllocatedBytes(precise: true) - totalAllocated;
            workItems = ThreadPool.CompletedWorkItemCount - workItems;
            jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted;
            Console.WriteLine(
                $"// {type.Name}.{name}: {count} calls in {clock.Elapsed.TotalSeconds:0.0} s, "
                + $"{clock.Elapsed.TotalMilliseconds * 1000 / count:0.0} μs/call, {totalAllocated / count:N0} B/call, "
                + $"{(double)workItems / count:0.00} thread-pool work items/call, {jitted} methods jitted meanwhile");
            return 0;
        }
        finally
        {
            workloads.Cleanup();
        }
    }
}
