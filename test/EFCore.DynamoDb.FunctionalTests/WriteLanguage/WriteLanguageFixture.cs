using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.WriteLanguage;

/// <summary>The write language tests' tables, created once under a prefix of their own; each test uses keys of its own.</summary>
public sealed class WriteLanguageFixture : IAsyncLifetime
{
    private DbContextOptions<WriteLanguageContext>? _options;

    public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix("WriteLanguage");

    public TestLoggerFactory Log { get; } = new();

    public IAmazonDynamoDB Raw { get; private set; } = null!;

    public WriteLanguageContext CreateContext() => new(_options!);

    public string Table(string name) => Prefix + name;

    public async Task InitializeAsync()
    {
        Raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
        _options = await DynamoDbTestEnvironment.CreateOptionsAsync<WriteLanguageContext>(Prefix, Log);
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        Raw.Dispose();
        return Task.CompletedTask;
    }

    public Task<Dictionary<string, AttributeValue>?> GetAsync(string table, params (string Name, AttributeValue Value)[] key)
        => Raw.GetConsistentAsync(Table(table), key.ToDictionary(k => k.Name, k => k.Value));

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>The UpdateExpression / ConditionExpression lines of the requests logged since <see cref="TestLoggerFactory.Clear" />.</summary>
    public IReadOnlyList<string> Requests()
        => Log.Messages(Microsoft.EntityFrameworkCore.Diagnostics.DynamoDbEventId.ExecutedRequest);
}

[CollectionDefinition(Name)]
public class WriteLanguageCollection : ICollectionFixture<WriteLanguageFixture>
{
    public const string Name = "WriteLanguage";
}
