using System.Diagnostics;

namespace EFCore.DynamoDb.Benchmarks.Infrastructure;

/// <summary>Runs one benchmark method in a loop, for a profiler to watch (dotnet-trace, dotnet-counters).</summary>
public static class ProfileLoop
{
    public static async Task<int> RunAsync(HostOptions options)
    {
        // --mode breakdown profiles EfOverheadBreakdown's methods (compiled query, pooled context, ...) over recorded responses.
        object target;
        Action cleanup;
        if (options.Mode == "breakdown")
        {
            var breakdown = new EfOverheadBreakdown();
            await breakdown.SetupAsync();
            (target, cleanup) = (breakdown, breakdown.Cleanup);
        }
        else
        {
            var workloads = options.Mode == "server" ? (Workloads)new OverDynamoDbLocal() : new RecordedResponses();
            await workloads.SetupAsync();
            (target, cleanup) = (workloads, workloads.Cleanup);
        }

        var type = target.GetType();
        try
        {
            var (name, run) = Workloads.BenchmarksOf(target).Single(b => b.Name == options.Profile);
            // Warm up until the JIT is done (tiering and PGO go on for seconds with EF's many methods on two cores: measuring
            // earlier shows instrumented code, not the steady state), at most 30 s, then measure.
            var warmUp = Stopwatch.StartNew();
            var lastJitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            var quietSince = TimeSpan.Zero;
            while (warmUp.Elapsed - quietSince < TimeSpan.FromSeconds(2) && warmUp.Elapsed < TimeSpan.FromSeconds(30))
            {
                await run();
                var jittedNow = System.Runtime.JitInfo.GetCompiledMethodCount();
                if (jittedNow != lastJitted)
                {
                    (lastJitted, quietSince) = (jittedNow, warmUp.Elapsed);
                }
            }

            Console.WriteLine($"// warmed up for {warmUp.Elapsed.TotalSeconds:0.0} s");
            using var sampler = options.Allocations ? new AllocationSampler() : null;
            sampler?.Start();

            var clock = Stopwatch.StartNew();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var totalAllocated = GC.GetTotalAllocatedBytes(precise: true);
            var workItems = ThreadPool.CompletedWorkItemCount;
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            var (gen0, gen1, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
            var count = 0;
            while (clock.Elapsed.TotalSeconds < options.ProfileSeconds)
            {
                await run();
                count++;
            }

            sampler?.Stop();
            totalAllocated = GC.GetTotalAllocatedBytes(precise: true) - totalAllocated;
            workItems = ThreadPool.CompletedWorkItemCount - workItems;
            jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted;
            Console.WriteLine(
                $"// {type.Name}.{name}: {count} calls in {clock.Elapsed.TotalSeconds:0.0} s, "
                + $"{clock.Elapsed.TotalMilliseconds * 1000 / count:0.0} μs/call, {totalAllocated / count:N0} B/call, "
                + $"{(double)workItems / count:0.00} thread-pool work items/call, {jitted} methods jitted meanwhile");
            Console.WriteLine(
                $"// GCs per 1,000 calls: gen0 {(GC.CollectionCount(0) - gen0) * 1000.0 / count:0.00}, gen1 {(GC.CollectionCount(1) - gen1) * 1000.0 / count:0.00}, "
                + $"gen2 {(GC.CollectionCount(2) - gen2) * 1000.0 / count:0.00}; paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds * 1000 / count:0.0} μs/call");
            if (sampler != null)
            {
                Console.WriteLine(sampler.Report(count));
            }

            return 0;
        }
        finally
        {
            cleanup();
        }
    }
}
