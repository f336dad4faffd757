using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Tests.Documentation;

/// <summary>
///     Every ```csharp block of README.md compiles against the provider. Blocks that declare types are compiled at namespace
///     level together; every other block is compiled as the body of an async method that has a <c>context</c> (the
///     README's ForumContext), <c>options</c> (a DbContextOptionsBuilder), <c>modelBuilder</c>, <c>services</c> and
///     <c>cancellationToken</c> in scope. The only usings are the SDK's implicit ones and the <c>using</c> lines the blocks
///     show (hoisted to the top), so the README shows every namespace its code needs.
/// </summary>
public partial class ReadmeSnippetTests
{
    /// <summary>The usings every .NET project has (the SDK's implicit usings); everything else the README must show.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Fact]
    public void Readme_has_code_blocks()
        => Assert.True(Blocks().Count >= 10, "README.md should show the API with C# examples.");

    [Fact]
    public void Every_readme_code_block_compiles()
    {
        var blocks = Blocks();
        var shownUsings = blocks.SelectMany(b => UsingPattern().Matches(b.Code)).Select(m => "global " + m.Value.Trim()).Distinct();
        blocks = blocks.Select(b => (b.Line, UsingPattern().Replace(b.Code, ""))).ToList();
        var declarations = blocks.Where(IsDeclaration).ToList();
        var statements = blocks.Where(b => !IsDeclaration(b)).ToList();
        var methods = string.Join(
            Environment.NewLine,
            statements.Select((block, i) => $$"""
                #line 1 "README block {{block.Line}}"
                    public static async Task Snippet{{i}}(ForumContext context, global::Microsoft.EntityFrameworkCore.DbContextOptionsBuilder options, global::Microsoft.EntityFrameworkCore.ModelBuilder modelBuilder, global::Microsoft.Extensions.DependencyInjection.IServiceCollection services, CancellationToken cancellationToken)
                    {
                {{block.Code}}
                        await Task.CompletedTask;
                    }
                """));
        var sources = new List<string> { ImplicitUsings, string.Join(Environment.NewLine, shownUsings), "namespace ReadmeSnippets;\npublic static class Snippets\n{\n" + methods + "\n}\n" };
        sources.AddRange(declarations.Select(d => $"#line 1 \"README block {d.Line}\"\nnamespace ReadmeSnippets;\n{d.Code}"));

        var compilation = CSharpCompilation.Create(
            "ReadmeSnippets",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Location.GetMappedLineSpan().Path}:{d.Location.GetMappedLineSpan().StartLinePosition.Line + 1}: {d.GetMessage()}")
            .ToList();
        Assert.True(errors.Count == 0, "README code blocks do not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
    }

    private static bool IsDeclaration((int Line, string Code) block)
        => DeclarationPattern().IsMatch(block.Code);

    private static List<(int Line, string Code)> Blocks()
    {
        var readme = File.ReadAllText(FindReadme());
        return FencePattern().Matches(readme)
            .Select(m => (readme[..m.Index].Count(c => c == '\n') + 2, m.Groups[1].Value))
            .ToList();
    }

    private static string FindReadme()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "README.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "EFCore.DynamoDb.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("README.md next to EFCore.DynamoDb.sln was not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<MetadataReference> References()
    {
        // Everything the test host can load: the framework, EF Core, the AWS SDK and the provider.
        _ = typeof(DbContext).Assembly;
        _ = typeof(Amazon.DynamoDBv2.AmazonDynamoDBClient).Assembly;
        _ = typeof(Microsoft.Extensions.DependencyInjection.ServiceCollection).Assembly;
        _ = typeof(Microsoft.Extensions.Logging.ILogger).Assembly;
        _ = Assembly.Load("EFCore.DynamoDb");
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => a.Location);
        return platform.Concat(loaded).Distinct().Select(p => MetadataReference.CreateFromFile(p));
    }

    [Fact]
    public void Readme_shows_the_usings_its_code_needs()
    {
        // The blocks compile with the SDK's implicit usings and the using lines the README itself shows, nothing else: a
        // reader who copies them has what the code needs. These are the namespaces the provider's public types live in.
        var shown = Blocks().SelectMany(b => UsingPattern().Matches(b.Code)).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains("Microsoft.EntityFrameworkCore", shown);
        Assert.Contains("Microsoft.EntityFrameworkCore.Diagnostics", shown);
        Assert.DoesNotContain(shown, u => u.StartsWith("EFCore.DynamoDb", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^using ([A-Za-z0-9_.]+);\r?$\n?", RegexOptions.Multiline)]
    private static partial Regex UsingPattern();

    [GeneratedRegex(@"```csharp\r?\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencePattern();

    [GeneratedRegex(@"^\s*(\[[^\]]+\]\s*)*(public |internal )?(sealed |abstract |static |partial )*(class|record|enum|interface|struct) ", RegexOptions.Multiline)]
    private static partial Regex DeclarationPattern();
}
