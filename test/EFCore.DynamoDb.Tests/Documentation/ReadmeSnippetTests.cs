using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Tests.Documentation;

/// <summary>
///     Every ```csharp block of README.md and of the package's README compiles against the provider. Blocks that declare types are compiled at namespace
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

    /// <summary>The repository's README, whose statement blocks see the parameters below.</summary>
    private const string Readme = "README.md";

    /// <summary>The package's README (nuget.org shows it), whose blocks are a complete program with no outside names.</summary>
    private const string PackageReadme = "src/EFCore.DynamoDb/PACKAGE.md";

    private const string ReadmeParameters
        = "ForumContext context, global::Microsoft.EntityFrameworkCore.DbContextOptionsBuilder options, "
        + "global::Microsoft.EntityFrameworkCore.ModelBuilder modelBuilder, "
        + "global::Microsoft.Extensions.DependencyInjection.IServiceCollection services, CancellationToken cancellationToken";

    [Fact]
    public void Readme_has_code_blocks()
        => Assert.True(Blocks(Readme).Count >= 5, "README.md should show the API with C# examples.");

    [Theory]
    [InlineData(Readme, ReadmeParameters)]
    [InlineData(PackageReadme, "")]
    public void Every_code_block_compiles(string document, string parameters)
        => AssertBlocksCompile(document, parameters, Blocks(document));

    /// <summary>The guides in docs/: their blocks see the README's parameters and the README's types they do not declare themselves.</summary>
    public static TheoryData<string> Guides()
        => new(Directory.GetFiles(Path.Combine(RepositoryRoot(), "docs"), "*.md")
            .Select(p => "docs/" + Path.GetFileName(p))
            .Where(d => Blocks(d).Count > 0)
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Guides))]
    public void Every_code_block_of_a_guide_compiles(string document)
    {
        var blocks = Blocks(document);
        var declared = blocks.Where(IsDeclaration).SelectMany(b => DeclaredNamePattern().Matches(b.Code)).Select(m => m.Groups[1].Value).ToHashSet();
        var readmeTypes = Blocks(Readme).Where(IsDeclaration)
            .Where(b => !DeclaredNamePattern().Matches(b.Code).Any(m => declared.Contains(m.Groups[1].Value)));
        AssertBlocksCompile(document, ReadmeParameters, [.. blocks, .. readmeTypes]);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Links_into_the_repository_resolve(string document)
    {
        // Relative links (and their #anchors) must name a file of the repository and a heading of it: docs that stand alone.
        var root = RepositoryRoot();
        var text = File.ReadAllText(Path.Combine(root, document));
        var broken = new List<string>();
        foreach (var target in LinkPattern().Matches(text).Select(m => m.Groups[1].Value).Where(t => t.Length > 0 && !t.Contains("://", StringComparison.Ordinal)))
        {
            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var file = hash < 0 ? target : target[..hash];
            var path = file.Length == 0 ? Path.Combine(root, document) : Path.GetFullPath(Path.Combine(root, Path.GetDirectoryName(document)!, file));
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                broken.Add(target + " (no such file)");
            }
            else if (hash >= 0 && File.Exists(path) && !HeadingAnchors(File.ReadAllText(path)).Contains(target[(hash + 1)..]))
            {
                broken.Add(target + " (no such heading)");
            }
        }

        Assert.True(broken.Count == 0, document + " has broken links: " + string.Join(", ", broken));
    }

    public static TheoryData<string> Documents()
        => new(new[] { Readme, "CHANGELOG.md" }.Concat(Directory.GetFiles(Path.Combine(RepositoryRoot(), "docs"), "*.md")
            .Select(p => "docs/" + Path.GetFileName(p)).Order(StringComparer.Ordinal)));

    /// <summary>GitHub's anchors of a document's headings: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> HeadingAnchors(string text)
        => HeadingPattern().Matches(text)
            .Select(m => new string(m.Groups[1].Value.Trim().ToLowerInvariant()
                .Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').ToArray()).Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    private static void AssertBlocksCompile(string document, string parameters, List<(int Line, string Code)> blocks)
    {
        Assert.NotEmpty(blocks);
        var shownUsings = blocks.SelectMany(b => UsingPattern().Matches(b.Code)).Select(m => "global " + m.Value.Trim()).Distinct();
        blocks = blocks.Select(b => (b.Line, UsingPattern().Replace(b.Code, ""))).ToList();
        var declarations = blocks.Where(IsDeclaration).ToList();
        var statements = blocks.Where(b => !IsDeclaration(b)).ToList();
        var methods = string.Join(
            Environment.NewLine,
            statements.Select((block, i) => $$"""
                #line 1 "{{document}} block {{block.Line}}"
                    public static async Task Snippet{{i}}({{parameters}})
                    {
                {{block.Code}}
                        await Task.CompletedTask;
                    }
                """));
        var sources = new List<string>
        {
            ImplicitUsings,
            string.Join(Environment.NewLine, shownUsings),
            "namespace ReadmeSnippets;\npublic static class Snippets\n{\n" + methods + "\n}\n",
        };
        sources.AddRange(declarations.Select(d => $"#line 1 \"{document} block {d.Line}\"\nnamespace ReadmeSnippets;\n{d.Code}"));

        var compilation = CSharpCompilation.Create(
            "ReadmeSnippets",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Location.GetMappedLineSpan().Path}:{d.Location.GetMappedLineSpan().StartLinePosition.Line + 1}: {d.GetMessage()}")
            .ToList();
        Assert.True(errors.Count == 0, document + " code blocks do not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
    }

    [Theory]
    [InlineData(Readme)]
    [InlineData(PackageReadme)]
    public void Shows_the_usings_its_code_needs(string document)
    {
        // The blocks compile with the SDK's implicit usings and the using lines the document itself shows, nothing else: a
        // reader who copies them has what the code needs. These are the namespaces the provider's public types live in.
        var shown = Blocks(document).SelectMany(b => UsingPattern().Matches(b.Code)).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains("Microsoft.EntityFrameworkCore", shown);
        Assert.DoesNotContain(shown, u => u.StartsWith("EFCore.DynamoDb", StringComparison.Ordinal));
    }

    [Fact]
    public void Package_readme_links_only_to_absolute_urls()
    {
        // nuget.org renders the package README without the repository around it: a relative link would point nowhere.
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), PackageReadme));
        var targets = LinkPattern().Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
        Assert.NotEmpty(targets);
        Assert.All(targets, t => Assert.StartsWith("https://", t, StringComparison.Ordinal));
    }

    private static bool IsDeclaration((int Line, string Code) block)
        => DeclarationPattern().IsMatch(block.Code);

    private static List<(int Line, string Code)> Blocks(string document)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), document));
        return FencePattern().Matches(text)
            .Select(m => (text[..m.Index].Count(c => c == '\n') + 2, m.Groups[1].Value))
            .ToList();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "README.md"))
                && File.Exists(Path.Combine(directory.FullName, "EFCore.DynamoDb.sln")))
            {
                return directory.FullName;
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

    [GeneratedRegex(@"^using ([A-Za-z0-9_.]+);\r?$\n?", RegexOptions.Multiline)]
    private static partial Regex UsingPattern();

    /// <summary>Markdown links and autolinks: <c>[text](target)</c>, <c>&lt;https://...&gt;</c>.</summary>
    [GeneratedRegex(@"\]\(([^)\s]+)[^)]*\)|<(https?://[^>]+)>")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^#{1,6} (.+?)\r?$", RegexOptions.Multiline)]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"\b(?:class|record|enum|interface|struct) ([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex DeclaredNamePattern();

    [GeneratedRegex(@"```csharp\r?\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencePattern();

    [GeneratedRegex(@"^\s*(\[[^\]]+\]\s*)*(public |internal )?(sealed |abstract |static |partial )*(class|record|enum|interface|struct) ", RegexOptions.Multiline)]
    private static partial Regex DeclarationPattern();
}
