using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query.LargeTables;

/// <summary>An event of a device: partition key Device, sort key Sequence.</summary>
public class DeviceEvent
{
    public string Device { get; set; } = null!;
    public int Sequence { get; set; }
    public string Kind { get; set; } = null!;
    public int Value { get; set; }
    public string Payload { get; set; } = null!;

    public override string ToString() => $"{Device}/{Sequence}";
}

public class LargeTableContext(DbContextOptions<LargeTableContext> options) : DbContext(options)
{
    public DbSet<DeviceEvent> Events => Set<DeviceEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<DeviceEvent>(b =>
        {
            b.HasPartitionKey(e => e.Device);
            b.HasSortKey(e => e.Sequence);
        });
}

/// <summary>2,000 events in 40 partitions, written once with the raw SDK; the same events as objects.</summary>
public class LargeTableFixture : IAsyncLifetime
{
    public const int EventCount = 2000;

    public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix("LargeTable");

    public TestLoggerFactory Logs { get; } = new();

    public DbContextOptions<LargeTableContext> Options { get; private set; } = null!;

    public IReadOnlyList<DeviceEvent> Events { get; } = Enumerable.Range(0, EventCount)
        .Select(i => new DeviceEvent
        {
            Device = "D" + (i % 40).ToString("00", CultureInfo.InvariantCulture),
            Sequence = i / 40,
            Kind = (i % 7) switch { 0 => "alarm", 1 or 2 => "warning", _ => "reading" },
            Value = i * 37 % 1000,
            Payload = new string('p', 200 + i % 50),
        })
        .ToList();

    public LargeTableContext CreateContext(Action<DbContextOptionsBuilder<LargeTableContext>>? configure = null)
    {
        if (configure == null)
        {
            return new LargeTableContext(Options);
        }

        var builder = new DbContextOptionsBuilder<LargeTableContext>(Options);
        configure(builder);
        return new LargeTableContext(builder.Options);
    }

    public async Task InitializeAsync()
    {
        Options = await DynamoDbTestEnvironment.CreateOptionsAsync<LargeTableContext>(Prefix, Logs);
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
        using var raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
        foreach (var chunk in Events.Chunk(25))
        {
            var response = await raw.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new()
                {
                    [Prefix + "Events"] = chunk.Select(e => new WriteRequest
                    {
                        PutRequest = new PutRequest
                        {
                            Item = new()
                            {
                                ["Device"] = new() { S = e.Device },
                                ["Sequence"] = new() { N = e.Sequence.ToString(CultureInfo.InvariantCulture) },
                                ["Kind"] = new() { S = e.Kind },
                                ["Value"] = new() { N = e.Value.ToString(CultureInfo.InvariantCulture) },
                                ["Payload"] = new() { S = e.Payload },
                            },
                        },
                    }).ToList(),
                },
            });
            Assert.Empty(response.UnprocessedItems ?? []);
        }

        Logs.Clear();
    }

    public async Task DisposeAsync()
    {
        await using var context = CreateContext();
        await context.Database.EnsureDeletedAsync();
    }
}
