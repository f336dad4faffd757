using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using EFCore.DynamoDb.Benchmarks;
using EFCore.DynamoDb.Benchmarks.Infrastructure;
using EFCore.DynamoDb.Benchmarks.Model;
using EFCore.DynamoDb.TestUtilities;

// Usage: EFCore.DynamoDb.Benchmarks [--mode all|server|recorded|breakdown|writes|large|scan-memory] [--short] [--in-process] [--check-only]
//                                   [--artifacts DIR] [BenchmarkDotNet options, e.g. --filter *Query100*]
//        EFCore.DynamoDb.Benchmarks --profile METHOD [--mode server|recorded|breakdown] [--profile-seconds N] [--allocations]
//            runs one benchmark method in a loop in this process, e.g. under dotnet-trace or dotnet-counters; with
//            --allocations, prints the types it allocates most (AllocationSampler).
//        EFCore.DynamoDb.Benchmarks --paired BASELINE,METHOD,... [--mode server|recorded] [--profile-seconds N]
//            runs the methods in alternating rounds in this process: ratios that hold on a busy machine (PairedRatio);
//            Workloads' methods, EfOverheadBreakdown's (--mode breakdown) or AtomicIncrement's (Increment_Raw,...).
//
// The host starts ONE DynamoDB Local (or uses DYNAMODB_SERVICE_URL), seeds it, checks every workload once, then
// lets BenchmarkDotNet run each benchmark in its own child process (its default, out-of-process toolchain: each
// benchmark gets a fresh JIT and GC state and none disturbs the next). The children inherit DYNAMODB_SERVICE_URL from
// this process, so they all talk to the server started here and never start one of their own.
if (args is ["--scan-memory-one", var index, var items])
{
    // A child of ScanMemoryProbe: one measurement in a fresh process, against the parent's DynamoDB Local.
    using var client = DynamoDbLocalServer.CreateClient(await DynamoDbLocalServer.GetServiceUrlAsync());
    return await ScanMemoryProbe.RunOneAsync(client, int.Parse(index, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(items, System.Globalization.CultureInfo.InvariantCulture));
}

var options = HostOptions.Parse(args);

var url = await DynamoDbLocalServer.GetServiceUrlAsync();
Environment.SetEnvironmentVariable(DynamoDbLocalServer.ServiceUrlEnvironmentVariable, url);
Console.WriteLine($"// DynamoDB endpoint: {url}");

using (var client = DynamoDbLocalServer.CreateClient(url))
{
    await DataSet.SeedAsync(client);
}

if (options.Profile != null)
{
    return await ProfileLoop.RunAsync(options);
}

if (options.Paired != null)
{
    var paired = await PairedRatio.RunAsync(options);
    Console.WriteLine(paired);
    Directory.CreateDirectory(options.ArtifactsPath);
    await File.AppendAllTextAsync(Path.Combine(options.ArtifactsPath, "paired.md"), paired);
    return 0;
}

// The large scans: seed their tables once here (children reuse them), then measure peak memory in this process, where a
// forced GC sees only the scan (BenchmarkDotNet's diagnoser reports allocations, not what is alive at once).
string? scanMemory = null;
if (options.LargeScans)
{
    using var client = DynamoDbLocalServer.CreateClient(url);
    await LargeScanData.SeedAsync(client, LargeScanData.Small);
    await LargeScanData.SeedAsync(client, LargeScanData.Large);
    scanMemory = await ScanMemoryProbe.RunAsync();
    Console.WriteLine(scanMemory);
    if (options.Mode == "scan-memory")
    {
        Directory.CreateDirectory(options.ArtifactsPath);
        await File.WriteAllTextAsync(Path.Combine(options.ArtifactsPath, "results.md"), "# EFCore.DynamoDb benchmarks\n\n" + scanMemory);
        return 0;
    }
}

var check = await WorkloadCheck.RunAsync(options.Types.Where(t => t.IsSubclassOf(typeof(Workloads))));
Console.WriteLine(check.Describe());
if (options.CheckOnly)
{
    return 0;
}

var job = (options.Short ? Job.ShortRun : Job.Default).WithId(options.Short ? "Short" : "Default");
if (options.InProcess)
{
    job = job.WithToolchain(InProcessEmitToolchain.Instance);
}

var config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .WithArtifactsPath(options.ArtifactsPath)
    // One summary per mode: BenchmarkDotNet's own ratios are then to that mode's baseline.
    .WithOptions(ConfigOptions.DisableLogFile);
if (check.SkippedMethods.Count > 0)
{
    config = config.AddFilter(new SimpleFilter(b => !check.SkippedMethods.Contains(b.Descriptor.WorkloadMethod.Name)));
}

var bdnArgs = options.BenchmarkDotNetArgs;
if (!bdnArgs.Contains("--filter"))
{
    bdnArgs = [.. bdnArgs, "--filter", "*"];
}

var summaries = BenchmarkSwitcher.FromTypes(options.Types).Run(bdnArgs, config).ToList();
var report = ResultsReport.Write(summaries, check, options, url);
if (scanMemory != null)
{
    report += Environment.NewLine + scanMemory;
    await File.AppendAllTextAsync(Path.Combine(options.ArtifactsPath, "results.md"), Environment.NewLine + scanMemory);
}

Console.WriteLine();
Console.WriteLine(report);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
