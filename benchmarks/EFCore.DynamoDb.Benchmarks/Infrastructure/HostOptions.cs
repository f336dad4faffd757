namespace EFCore.DynamoDb.Benchmarks.Infrastructure;

/// <summary>The host's own options; everything else goes to BenchmarkDotNet.</summary>
public sealed class HostOptions
{
    public Type[] Types { get; private init; } = [];

    public string Mode { get; private init; } = "all";

    /// <summary>BenchmarkDotNet's ShortRun job (3 warm-ups, 3 iterations, 1 launch) instead of the default job.</summary>
    public bool Short { get; private init; }

    /// <summary>Run the benchmarks inside this process (no child processes, no generated project to build).</summary>
    public bool InProcess { get; private init; }

    /// <summary>Seed and check every workload once, then stop.</summary>
    public bool CheckOnly { get; private init; }

    public string ArtifactsPath { get; private init; } = Path.GetFullPath(Path.Combine("artifacts", "benchmarks"));

    public string[] BenchmarkDotNetArgs { get; private init; } = [];

    public static HostOptions Parse(string[] args)
    {
        var mode = "all";
        var isShort = false;
        var inProcess = false;
        var checkOnly = false;
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
            _ => throw new ArgumentException($"--mode must be all, server or recorded, not '{mode}'."),
        };

        return new HostOptions
        {
            Types = types,
            Mode = mode,
            Short = isShort,
            InProcess = inProcess,
            CheckOnly = checkOnly,
            ArtifactsPath = Path.GetFullPath(artifacts),
            BenchmarkDotNetArgs = [.. rest],
        };
    }
}
