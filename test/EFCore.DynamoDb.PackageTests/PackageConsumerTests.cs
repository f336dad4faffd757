using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace EFCore.DynamoDb.PackageTests;

/// <summary>
///     An application's first steps with the installed package, against DynamoDB Local (DYNAMODB_SERVICE_URL, which
///     eng/test-package.sh sets): create the table, save, read back by key and by query, and print a query. The provider's
///     code is reached only through the namespaces the README shows (Microsoft.EntityFrameworkCore here).
/// </summary>
public class PackageConsumerTests
{
    [Fact]
    public void The_provider_is_the_package_just_packed()
    {
        var expected = typeof(PackageConsumerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "EFCoreDynamoDbPackageVersion").Value!;
        var provider = typeof(DynamoDbPage<>).Assembly;
        var version = provider.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal("EFCore.DynamoDb", provider.GetName().Name);
        Assert.Equal(expected, version.Split('+')[0]);

        // The host's dependency file says where the provider came from: a package (a project reference says "project").
        var deps = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EFCore.DynamoDb.PackageTests.deps.json"));
        Assert.Matches($@"""EFCore\.DynamoDb/{Regex.Escape(expected)}"": \{{\s*""type"": ""package""", deps);
    }

    [Fact]
    public async Task Create_save_and_query_against_DynamoDB_Local()
    {
        var prefix = $"Pkg_{Guid.NewGuid():N}"[..12] + "_";
        await using var context = new NotesContext(ServiceUrl(), prefix);
        Assert.True(await context.Database.EnsureCreatedAsync());

        try
        {
            context.Notes.AddRange(
                new Note { Owner = "ada", Id = 1, Text = "first", Tags = ["a"] },
                new Note { Owner = "ada", Id = 2, Text = "second", Tags = ["a", "b"] },
                new Note { Owner = "bob", Id = 1, Text = "other" });
            Assert.Equal(3, await context.SaveChangesAsync());
            context.ChangeTracker.Clear();

            var found = await context.Notes.FindAsync("ada", 2);
            Assert.Equal("second", found!.Text);
            Assert.Equal(["a", "b"], found.Tags.Order());

            var query = context.Notes.AsNoTracking().Where(n => n.Owner == "ada" && n.Id > 1).Select(n => n.Text);
            Assert.Equal(["second"], await query.ToListAsync());
            Assert.StartsWith($"Query {prefix}Notes\n", query.ToQueryString().ReplaceLineEndings("\n"), StringComparison.Ordinal);

            Assert.Equal(2, await context.Notes.CountAsync(n => n.Owner == "ada"));
        }
        finally
        {
            await context.Database.EnsureDeletedAsync();
        }
    }

    private static string ServiceUrl()
        => Environment.GetEnvironmentVariable("DYNAMODB_SERVICE_URL") is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException(
                "DYNAMODB_SERVICE_URL is not set: run eng/test-package.sh, which starts DynamoDB Local for this test.");
}

public class Note
{
    public string Owner { get; set; } = null!;
    public int Id { get; set; }
    public string Text { get; set; } = "";
    public HashSet<string> Tags { get; set; } = [];
}

public class NotesContext(string serviceUrl, string tablePrefix) : DbContext
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnConfiguring(DbContextOptionsBuilder options)
        => options.UseDynamoDb(serviceUrl, o => o.TableNamePrefix(tablePrefix));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<Note>(b =>
        {
            b.HasPartitionKey(n => n.Owner);
            b.HasSortKey(n => n.Id);
        });
}
