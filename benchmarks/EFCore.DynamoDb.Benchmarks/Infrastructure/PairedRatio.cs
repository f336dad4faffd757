using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace EFCore.DynamoDb.Benchmarks.Infrastructure;

/// <summary>
///     Ratios that hold on a busy machine: the benchmark methods named with <c>--paired A,B,...</c> (the first is the
///     baseline) run in one process in alternating rounds (a round: each method called <c>CallsPerRound</c> times, in turn),
///     after a warm-up until the JIT is quiet. Load that comes and goes (other builds on the machine) slows every method of
///     a round alike, so the ratio of each method's total time to the baseline's, and the median of the per-round ratios, stay
///     put where BenchmarkDotNet's separate runs (one process per method, minutes apart) do not. Writes a markdown table.
/// </summary>
public static class PairedRatio
{
    private const int CallsPerRound = 20;

    public static async Task<string> RunAsync(HostOptions options)
    {
        // --mode breakdown pairs EfOverheadBreakdown's methods (EF's in-memory floors, tracking only) over recorded responses.
        object target;
        Action cleanup;
        if (options.Mode == "breakdown")
        {
            var breakdown = new EfOverheadBreakdown();
            await breakdown.SetupAsync();
            (target, cleanup) = (breakdown, breakdown.Cleanup);
        }
        else if (options.Paired!.All(name => name.StartsWith("Increment_", StringComparison.Ordinal)))
        {
            // AtomicIncrement's methods (ExecuteUpdate beside the raw UpdateItem), over the transport the mode names.
            var increment = new AtomicIncrement { Transport = options.Mode == "server" ? TransportKind.DynamoDbLocal : TransportKind.Recorded };
            await increment.SetupAsync();
            (target, cleanup) = (increment, static () => { });
        }
        else
        {
            var workloads = options.Mode == "server" ? (Workloads)new OverDynamoDbLocal() : new RecordedResponses();
            await workloads.SetupAsync();
            (target, cleanup) = (workloads, workloads.Cleanup);
        }

        var all = Workloads.BenchmarksOf(target).ToDictionary(b => b.Name, b => b.Run);
        var methods = options.Paired!.Select(name => (Name: name, Run: all[name])).ToList();

        var warmUp = Stopwatch.StartNew();
        var lastJitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quietSince = TimeSpan.Zero;
        while (warmUp.Elapsed - quietSince < TimeSpan.FromSeconds(2) && warmUp.Elapsed < TimeSpan.FromSeconds(30))
        {
            foreach (var (_, run) in methods)
            {
                await run();
            }

            var jittedNow = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (jittedNow != lastJitted)
            {
                (lastJitted, quietSince) = (jittedNow, warmUp.Elapsed);
            }
        }

        var totals = new double[methods.Count];
        var bytes = new long[methods.Count];
        var roundRatios = methods.Select(_ => new List<double>()).ToArray();
        var rounds = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < options.ProfileSeconds)
        {
            var roundTimes = new double[methods.Count];
            // Alternate the order every round, so no method always runs right after another.
            var order = rounds % 2 == 0 ? Enumerable.Range(0, methods.Count) : Enumerable.Range(0, methods.Count).Reverse();
            foreach (var i in order)
            {
                var allocated = GC.GetTotalAllocatedBytes(precise: false);
                var started = Stopwatch.GetTimestamp();
                for (var call = 0; call < CallsPerRound; call++)
                {
                    await methods[i].Run();
                }

                roundTimes[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                bytes[i] += GC.GetTotalAllocatedBytes(precise: false) - allocated;
            }

            for (var i = 0; i < methods.Count; i++)
            {
                totals[i] += roundTimes[i];
                roundRatios[i].Add(roundTimes[i] / roundTimes[0]);
            }

            rounds++;
        }

        var calls = (double)rounds * CallsPerRound;
        var text = new StringBuilder();
        text.AppendLine($"## Paired ratios ({(options.Mode == "server" ? "over DynamoDB Local" : options.Mode == "breakdown" ? "breakdown, recorded responses" : "recorded responses")}; {rounds} alternating rounds of {CallsPerRound} calls each, {clock.Elapsed.TotalSeconds:0} s)");
        text.AppendLine();
        text.AppendLine("| Method | Mean per call | Ratio of totals | Median of round ratios | Allocated per call |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        for (var i = 0; i < methods.Count; i++)
        {
            var median = roundRatios[i].Order().ElementAt(roundRatios[i].Count / 2);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {methods[i].Name} | {totals[i] * 1000 / calls:0.0} μs | {totals[i] / totals[0]:0.00} | {median:0.00} | {bytes[i] / calls / 1024:0.0} KB |"));
        }

        text.AppendLine();
        cleanup();
        return text.ToString();
    }
}
