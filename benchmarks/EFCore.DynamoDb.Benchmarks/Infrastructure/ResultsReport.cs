using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace EFCore.DynamoDb.Benchmarks.Infrastructure;

/// <summary>
///     Turns BenchmarkDotNet's summaries into one markdown table per mode: per workload, each implementation's mean,
///     ratio to the raw baseline, allocated bytes and allocation ratio, and the DynamoDB operations it sends.
///     Written to <c>results.md</c> in the artifacts folder.
/// </summary>
public static class ResultsReport
{
    private static readonly string[] CategoryOrder =
        [.. Workloads.ReadCategories, .. Workloads.WriteCategories];

    private static readonly Dictionary<string, string> WorkloadTitles = new()
    {
        [Workloads.PointRead] = "Point read (GetItem)",
        [Workloads.Query100] = "Query, 100 items",
        [Workloads.QueryFilter] = "Query with filter, 50 of 100",
        [Workloads.Scan1000] = "Scan, 1,000 items",
        [Workloads.Count] = "Count, 100 items",
        [Workloads.Insert1] = "Insert 1",
        [Workloads.Insert1000] = "Insert 1,000",
        [Workloads.Update1] = "Update 1",
        [Workloads.Transaction10] = "Transaction, 10 writes",
    };

    private static readonly Dictionary<string, string> ImplementationTitles = new()
    {
        ["Raw"] = "Raw SDK (baseline)",
        ["DynamoDBContext"] = "DynamoDBContext",
        ["EfTracking"] = "EF tracking",
        ["EfFindPooled"] = "EF FindAsync, pooled context",
        ["EfNoTracking"] = "EF AsNoTracking",
        ["Ef"] = "EF",
    };

    public static string Write(IReadOnlyList<Summary> summaries, WorkloadCheck check, HostOptions options, string url)
    {
        var text = new StringBuilder();
        text.AppendLine("# EFCore.DynamoDb benchmarks");
        text.AppendLine();
        var first = summaries.FirstOrDefault();
        text.AppendLine($"Job: {(options.Short ? "ShortRun (quick, less precise)" : "BenchmarkDotNet default")}"
            + $"{(options.InProcess ? ", in process" : "")}. Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        if (first != null)
        {
            text.AppendLine("Host: " + string.Join("; ", first.HostEnvironmentInfo.ToFormattedString().Take(3)).Replace("\n", " ")
                + $"; {Environment.ProcessorCount} logical cores.");
        }

        text.AppendLine("Ratio (of means) and alloc ratio are to the raw SDK baseline of the same workload (lower is better); "
            + "EF creates and disposes a DbContext per operation, which the baseline does not. Allocated bytes are exact; "
            + "times move with whatever else runs on the machine (a wide StdDev, or a median far from the mean, says it did).");
        text.AppendLine();

        // Joined summary (ConfigOptions.JoinSummary) or one per type: take every report.
        var reports = summaries.SelectMany(s => s.Reports.Select(r => (Summary: s, Report: r))).ToList();
        foreach (var mode in reports.Select(r => r.Report.BenchmarkCase.Descriptor.Type).Distinct())
        {
            if (!mode.IsSubclassOf(typeof(Workloads)))
            {
                AppendPlainTable(text, mode, reports.Where(r => r.Report.BenchmarkCase.Descriptor.Type == mode).Select(r => r.Report).ToList());
                continue;
            }

            text.AppendLine(mode == typeof(RecordedResponses)
                ? "## Recorded responses (in-process transport: client-side CPU and allocations only)"
                : "## Over DynamoDB Local (HTTP to a local server: end to end)");
            text.AppendLine();
            text.AppendLine("| Workload | Implementation | Mean | StdDev | Median | Ratio | Allocated | Alloc ratio | DynamoDB calls |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
            var ofMode = reports.Where(r => r.Report.BenchmarkCase.Descriptor.Type == mode).ToList();
            foreach (var category in CategoryOrder)
            {
                var rows = ofMode
                    .Where(r => Workloads.Category(r.Report.BenchmarkCase.Descriptor.WorkloadMethod.Name) == category)
                    .ToList();
                if (rows.Count == 0)
                {
                    continue;
                }

                var baseline = rows.FirstOrDefault(r => r.Report.BenchmarkCase.Descriptor.Baseline);
                var baseMean = baseline.Report?.ResultStatistics?.Mean;
                var baseAlloc = baseline.Report == null ? null : Allocated(baseline.Report);
                foreach (var (_, report) in rows)
                {
                    var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
                    var implementation = name[(name.IndexOf('_') + 1)..];
                    var mean = report.ResultStatistics?.Mean;
                    var allocated = Allocated(report);
                    text.Append($"| {WorkloadTitles.GetValueOrDefault(category, category)} ");
                    text.Append($"| {ImplementationTitles.GetValueOrDefault(implementation, implementation)} ");
                    text.Append($"| {(mean is { } m ? FormatTime(m) : "failed")} ");
                    text.Append($"| {(report.ResultStatistics?.StandardDeviation is { } sd ? FormatTime(sd) : "-")} ");
                    text.Append($"| {(report.ResultStatistics?.Median is { } med ? FormatTime(med) : "-")} ");
                    text.Append($"| {Ratio(mean, baseMean)} ");
                    text.Append($"| {(allocated is { } a ? FormatBytes(a) : "?")} ");
                    text.Append($"| {Ratio(allocated, baseAlloc)} ");
                    text.AppendLine($"| {check.Operations.GetValueOrDefault(name, "")} |");
                }
            }

            text.AppendLine();
        }

        foreach (var note in check.Notes)
        {
            text.AppendLine("- " + note);
        }

        Directory.CreateDirectory(options.ArtifactsPath);
        var markdown = text.ToString();
        File.WriteAllText(Path.Combine(options.ArtifactsPath, "results.md"), markdown);
        return markdown;
    }

    private static void AppendPlainTable(StringBuilder text, Type type, List<BenchmarkReport> reports)
    {
        text.AppendLine($"## {type.Name}");
        text.AppendLine();
        text.AppendLine("| Method | Mean | Ratio | Allocated | Alloc ratio |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var group in reports.GroupBy(r => r.BenchmarkCase.Parameters.DisplayInfo))
        {
            var baseline = group.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline);
            foreach (var report in group)
            {
                var mean = report.ResultStatistics?.Mean;
                var allocated = Allocated(report);
                var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name
                    + (report.BenchmarkCase.HasParameters ? $" ({report.BenchmarkCase.Parameters.DisplayInfo})" : "");
                text.AppendLine($"| {name} | {(mean is { } m ? FormatTime(m) : "failed")} "
                    + $"| {Ratio(mean, baseline?.ResultStatistics?.Mean)} | {(allocated is { } a ? FormatBytes(a) : "?")} "
                    + $"| {Ratio(allocated, baseline == null ? null : Allocated(baseline))} |");
            }
        }

        text.AppendLine();
    }

    private static double? Allocated(BenchmarkReport report)
        => report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } bytes ? bytes : null;

    private static string Ratio(double? value, double? baseline)
        => value is { } v && baseline is > 0 ? (v / baseline.Value).ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string FormatTime(double nanoseconds)
        => nanoseconds switch
        {
            >= 1_000_000 => (nanoseconds / 1_000_000).ToString("0.000", CultureInfo.InvariantCulture) + " ms",
            >= 1_000 => (nanoseconds / 1_000).ToString("0.00", CultureInfo.InvariantCulture) + " μs",
            _ => nanoseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ns",
        };

    private static string FormatBytes(double bytes)
        => bytes switch
        {
            >= 1024 * 1024 => (bytes / (1024 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + " MB",
            >= 1024 => (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
            _ => bytes.ToString("0", CultureInfo.InvariantCulture) + " B",
        };
}
