namespace EFCore.DynamoDb.Benchmarks.Infrastructure;

/// <summary>The host's own options; everything else goes to BenchmarkDotNet.</summary>
public sealed class HostOptions
{
    public Type[] Types { get; private init; } = [];

    /// <summary>
    ///     all (server + recorded), server, recorded, breakdown, large (the scan memory probe, then the 100,000-item scans in
    ///     one and four segments) or scan-memory (the probe alone).
    /// </summary>
    public string Mode { get; private init; } = "all";

    /// <summary>Whether this run needs the 10,000- and 100,000-item scan tables (and runs <c>ScanMemoryProbe</c>).</summary>
    public bool LargeScans => Mode is "large" or "scan-memory";

    /// <summary>BenchmarkDotNet's ShortRun job (3 warm-ups, 3 iterations, 1 launch) instead of the default job.</summary>
    public bool Short { get; private init; }

    /// <summary>Run the benchmarks inside this process (no child processes, no generated project to build).</summary>
    public bool InProcess { get; private init; }

    /// <summary>Seed and check every workload once, then stop.</summary>
    public bool CheckOnly { get; private init; }

    /// <summary>Run this one benchmark method in a loop for <see cref="ProfileSeconds" /> (to attach a profiler), then stop.</summary>
    public string? Profile { get; private init; }

    public int ProfileSeconds { get; private init; } = 20;

    /// <summary>With <see cref="Profile" />: also print which types the method allocates (<see cref="AllocationSampler" />).</summary>
    public bool Allocations { get; private init; }

    /// <summary>Benchmark methods to measure against the first in alternating rounds (<see cref="PairedRatio" />).</summary>
    public string[]? Paired { get; private init; }

    public string ArtifactsPath { get; private init; } = Path.GetFullPath(Path.Combine("artifacts", "benchmarks"));

    public string[] BenchmarkDotNetArgs { get; private init; } = [];

    public static HostOptions Parse(string[] args)
    {
        var mode = "all";
        var isShort = false;
        var inProcess = false;
        var checkOnly = false;
        var allocations = false;
        string? profile = null;
        string[]? paired = null;
        var profileSeconds = 20;
        var artifacts = Path.Combine("artifacts", "benchmarks");
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--mode" when i + 1 < args.Length:
                    mode = args[++i];
                    break;
                case "--short":
                    isShort = true;
                    break;
                case "--in-process":
                    inProcess = true;
                    break;
                case "--check-only":
                    checkOnly = true;
                    break;
                case "--allocations":
                    allocations = true;
                    break;
                case "--profile" when i + 1 < args.Length:
                    profile = args[++i];
                    break;
                case "--paired" when i + 1 < args.Length:
                    paired = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "--profile-seconds" when i + 1 < args.Length:
                    profileSeconds = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--artifacts" when i + 1 < args.Length:
                    artifacts = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        Type[] types = mode switch
        {
            "all" => [typeof(OverDynamoDbLocal), typeof(RecordedResponses)],
            "server" => [typeof(OverDynamoDbLocal)],
            "recorded" => [typeof(RecordedResponses)],
            "breakdown" => [typeof(EfOverheadBreakdown), typeof(ConsumedCapacityCost)],
            "writes" => [typeof(AtomicIncrement)],
            "large" => [typeof(LargeScan)],
            "scan-memory" => [],
            _ => throw new ArgumentException($"--mode must be all, server, recorded, breakdown, writes, large or scan-memory, not '{mode}'."),
        };

        return new HostOptions
        {
            Types = types,
            Mode = mode,
            Short = isShort,
            InProcess = inProcess,
            CheckOnly = checkOnly,
            Profile = profile,
            Paired = paired,
            ProfileSeconds = profileSeconds,
            Allocations = allocations,
            ArtifactsPath = Path.GetFullPath(artifacts),
            BenchmarkDotNetArgs = [.. rest],
        };
    }
}
