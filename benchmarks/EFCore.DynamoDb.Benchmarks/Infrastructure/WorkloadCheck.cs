using System.Text;
using EFCore.DynamoDb.Benchmarks.Model;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Benchmarks.Infrastructure;

/// <summary>
///     Runs every benchmark once before measuring: each read returns what the data set holds, each write succeeds, and
///     (in the recorded mode, whose transport logs every call) EF sends the same DynamoDB operations as the raw baseline.
///     EF write benchmarks are left out, with a note, when this build's SaveChangesAsync is not implemented yet.
/// </summary>
public sealed class WorkloadCheck
{
    /// <summary>Method name to the DynamoDB operations one call sent, e.g. "Query", "BatchWriteItem ×40".</summary>
    public Dictionary<string, string> Operations { get; } = new(StringComparer.Ordinal);

    public HashSet<string> SkippedMethods { get; } = new(StringComparer.Ordinal);

    public List<string> Notes { get; } = [];

    public Dictionary<string, string> EfQueryStrings { get; } = new(StringComparer.Ordinal);

    public static async Task<WorkloadCheck> RunAsync(IEnumerable<Type> types)
    {
        var check = new WorkloadCheck();
        foreach (var type in types)
        {
            var workloads = (Workloads)Activator.CreateInstance(type)!;
            await workloads.SetupAsync();
            try
            {
                await check.CheckAsync(type.Name, workloads);
            }
            finally
            {
                workloads.Cleanup();
            }
        }

        return check;
    }

    private async Task CheckAsync(string mode, Workloads workloads)
    {
        var handler = workloads.Layers.Handler;
        if (handler != null)
        {
            handler.LogOperations = true;
            handler.TakeLog();
        }

        foreach (var (name, run) in workloads.Benchmarks())
        {
            if (SkippedMethods.Contains(name))
            {
                continue;
            }

            int result;
            try
            {
                result = await run();
            }
            catch (Exception e) when (IsNotImplemented(e) && name.EndsWith("_Ef", StringComparison.Ordinal))
            {
                SkippedMethods.Add(name);
                Notes.Add($"{name} was not run: SaveChangesAsync is not implemented in this build of EFCore.DynamoDb.");
                continue;
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{mode}.{name} failed when run once before measuring.", e);
            }

            if (handler != null)
            {
                Operations[name] = Summarize(handler.TakeLog());
            }

            if (result <= 0)
            {
                throw new InvalidOperationException($"{mode}.{name} returned {result}.");
            }
        }

        if (handler != null)
        {
            handler.LogOperations = false;
            CompareWithBaseline(mode);
        }

        if (EfQueryStrings.Count == 0)
        {
            await using var context = new BenchContext(workloads.Layers.ReadOptions);
            string forum = DataSet.QueryForum, subject = DataSet.PointSubject;
            var minViews = DataSet.FilterMinViews;
            EfQueryStrings[Workloads.PointRead] = context.Threads.Where(t => t.ForumName == forum && t.Subject == subject).ToQueryString();
            EfQueryStrings[Workloads.Query100] = context.Threads.Where(t => t.ForumName == forum).ToQueryString();
            EfQueryStrings[Workloads.QueryFilter] = context.Threads.Where(t => t.ForumName == forum && t.Views >= minViews).ToQueryString();
            EfQueryStrings[Workloads.Scan1000] = context.Threads.ToQueryString();
        }
    }

    /// <summary>EF must send what the raw baseline sends (operation and count); DynamoDBContext is only reported.</summary>
    private void CompareWithBaseline(string mode)
    {
        foreach (var (name, operations) in Operations)
        {
            var category = Workloads.Category(name);
            if (!name.Contains("_Ef", StringComparison.Ordinal)
                || !Operations.TryGetValue(category + "_Raw", out var baseline))
            {
                continue;
            }

            if (operations != baseline)
            {
                Notes.Add($"{mode}: {name} sends {operations}, the raw baseline sends {baseline}.");
            }
        }
    }

    private static bool IsNotImplemented(Exception? e)
    {
        for (; e != null; e = e.InnerException)
        {
            if (e is NotImplementedException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Query", "Query", "Scan" becomes "Query ×2, Scan".</summary>
    private static string Summarize(List<string> operations)
    {
        var parts = new List<string>();
        for (var i = 0; i < operations.Count;)
        {
            var j = i;
            while (j < operations.Count && operations[j] == operations[i])
            {
                j++;
            }

            parts.Add(j - i == 1 ? operations[i] : $"{operations[i]} ×{j - i}");
            i = j;
        }

        return parts.Count == 0 ? "(none)" : string.Join(", ", parts);
    }

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine("// Each workload ran once: results as expected.");
        if (Operations.Count > 0)
        {
            text.AppendLine("// DynamoDB operations sent by one call:");
            foreach (var (name, operations) in Operations.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                text.AppendLine($"//   {name,-32} {operations}");
            }
        }

        foreach (var (category, query) in EfQueryStrings)
        {
            text.AppendLine($"// EF ToQueryString, {category}: {query.ReplaceLineEndings(" ")}");
        }

        foreach (var note in Notes)
        {
            text.AppendLine("// NOTE: " + note);
        }

        return text.ToString();
    }
}
