using Amazon.DynamoDBv2;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace EFCore.DynamoDb.FunctionalTests.TestUtilities;

/// <summary>
///     The DynamoDB Local instance shared by the whole test run (started on first use) and helpers to reach it: each test
///     class gets its own table name prefix so classes can run in parallel against one server.
/// </summary>
public static class DynamoDbTestEnvironment
{
    public static Task<string> GetServiceUrlAsync() => DynamoDbLocalServer.GetServiceUrlAsync();

    /// <summary>A prefix no other test class uses: tables of different classes never collide.</summary>
    public static string NewTablePrefix(string hint)
        => $"{new string(hint.Where(char.IsAsciiLetterOrDigit).Take(20).ToArray())}_{Guid.NewGuid().ToString("N")[..8]}_";

    /// <summary>A raw SDK client, to check with DescribeTable/Scan what the provider did.</summary>
    public static async Task<IAmazonDynamoDB> CreateRawClientAsync()
        => DynamoDbLocalServer.CreateClient(await GetServiceUrlAsync());

    /// <summary>Options for a context of type <typeparamref name="TContext" /> against the shared DynamoDB Local.</summary>
    public static async Task<DbContextOptions<TContext>> CreateOptionsAsync<TContext>(
        string tablePrefix,
        ILoggerFactory? loggerFactory = null,
        Action<DbContextOptionsBuilder<TContext>>? configure = null)
        where TContext : DbContext
    {
        var url = await GetServiceUrlAsync();
        var builder = new DbContextOptionsBuilder<TContext>()
            .UseDynamoDb(url, o => o.TableNamePrefix(tablePrefix))
            .EnableSensitiveDataLogging()
            .AllowManyServiceProviders();
        if (loggerFactory != null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        configure?.Invoke(builder);
        return builder.Options;
    }

    /// <summary>
    ///     Every distinct set of DynamoDB options (each table prefix, logger factory or client) gets its own EF internal service
    ///     provider by design, and EF turns its 21st into an error meant for applications that build options per context. A
    ///     test run makes one per test class, so the run allows many; every context a test builds should say so.
    /// </summary>
    public static TBuilder AllowManyServiceProviders<TBuilder>(this TBuilder builder)
        where TBuilder : DbContextOptionsBuilder
    {
        builder.ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning));
        return builder;
    }
}
