using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EFCore.DynamoDb.FunctionalTests.Samples;

/// <summary>
///     samples/Forum/CompiledModels is what `dotnet ef dbcontext optimize` generates from the Forum model today, with the
///     provider's design-time services: a change to the model or to the provider's annotations that is not regenerated shows
///     here. Runs the dotnet-ef tool of the repository's tool manifest (dotnet-tools.json) on the Forum build this test
///     project already made (--no-build), into a temporary folder.
/// </summary>
public partial class CompiledModelRegenerationTests
{
    // Not committed: it would make EF use the compiled model for every ForumContext; the sample opts in with UseModel.
    private const string AssemblyAttributesFile = "ForumContextAssemblyAttributes.cs";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task Regenerating_the_Forum_compiled_model_changes_nothing()
    {
        var root = RepositoryRoot();
        var committed = Path.Combine(root, "samples", "Forum", "CompiledModels");
        var generated = Directory.CreateTempSubdirectory("forum-compiled-model-").FullName;
        try
        {
            await RunAsync(root, "tool", "restore");
            await RunAsync(
                root, "tool", "run", "dotnet-ef", "--", "dbcontext", "optimize", "--no-build", "--configuration", Configuration,
                "--project", "samples/Forum", "--startup-project", "samples/Forum", "--output-dir", generated,
                "--namespace", "Forum.CompiledModels");

            var files = Directory.GetFiles(generated, "*.cs").Select(Path.GetFileName).Where(f => f != AssemblyAttributesFile).Order().ToList();
            Assert.Equal(Directory.GetFiles(committed, "*.cs").Select(Path.GetFileName).Order(), files);
            foreach (var file in files)
            {
                Assert.True(
                    Normalize(File.ReadAllText(Path.Combine(committed, file!))) == Normalize(File.ReadAllText(Path.Combine(generated, file!))),
                    $"samples/Forum/CompiledModels/{file} differs from what `dotnet ef dbcontext optimize` generates now: regenerate it "
                    + "(dotnet tool restore; cd samples/Forum; dotnet ef dbcontext optimize -o CompiledModels -n Forum.CompiledModels; "
                    + $"rm CompiledModels/{AssemblyAttributesFile}).");
            }
        }
        finally
        {
            Directory.Delete(generated, recursive: true);
        }
    }

    /// <summary>The model id is a new GUID on every generation; everything else must be the same.</summary>
    private static string Normalize(string code) => ModelId().Replace(code.ReplaceLineEndings("\n"), "modelId: new Guid(\"*\")");

    private static async Task RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A guard against a hung tool, not a timing assertion.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(guard.Token);
        Assert.True(
            process.ExitCode == 0,
            $"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EFCore.DynamoDb.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("EFCore.DynamoDb.sln was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""modelId: new Guid\("[0-9a-f-]+"\)""")]
    private static partial Regex ModelId();
}
