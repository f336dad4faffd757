using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Schema.TableDescriptions;

namespace EFCore.DynamoDb.FunctionalTests.Schema;

/// <summary>
///     The ways to declare keys and table names, checked on the tables DynamoDB ends up with: attributes, HasKey, the
///     fluent API in either order and through string overloads, attribute names, DbSet names and CLR type names.
/// </summary>
public class KeyConventionTableTests
{
    public class Reading
    {
        [PartitionKey]
        public string SensorId { get; set; } = null!;

        [SortKey]
        public long Timestamp { get; set; }

        public double Value { get; set; }
    }

    public class Measurement
    {
        public Guid Station { get; set; }
        public int Sequence { get; set; }
    }

    public class Account
    {
        public string Owner { get; set; } = null!;
        public string Number { get; set; } = null!;
        public byte[] Token { get; set; } = null!;
    }

    public class Profile
    {
        public string UserName { get; set; } = null!;
        public DateTime Created { get; set; }
    }

    public class Setting
    {
        public string Id { get; set; } = null!;
        public string Value { get; set; } = null!;
    }

    public class KeysContext(DbContextOptions<KeysContext> options) : DbContext(options)
    {
        public DbSet<Reading> SensorReadings => Set<Reading>();
        public DbSet<Account> Accounts => Set<Account>();
        public DbSet<Setting> Settings => Set<Setting>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            // [PartitionKey]/[SortKey] attributes only (table named after the DbSet).
            modelBuilder.Entity<Reading>();

            // HasKey(x => new { A, B }): A the partition key, B the sort key (no DbSet: table named after the CLR type).
            modelBuilder.Entity<Measurement>().HasKey(m => new { m.Station, m.Sequence });

            // Sort key before partition key, stored under other attribute names.
            modelBuilder.Entity<Account>(b =>
            {
                b.HasSortKey(a => a.Token);
                b.HasPartitionKey(a => a.Owner);
                b.Property(a => a.Owner).HasAttributeName("owner_id");
                b.Property(a => a.Token).HasAttributeName("tok");
            });

            // String overloads on the non-generic builder.
            var profile = modelBuilder.Entity(typeof(Profile));
            profile.ToTable("user-profiles");
            profile.HasSortKey("Created");
            profile.HasPartitionKey("UserName");

            // Plain EF key discovery: a property named Id.
            modelBuilder.Entity<Setting>();
        }
    }

    [Fact]
    public async Task Each_way_of_declaring_keys_creates_the_expected_key_schema()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(KeyConventionTableTests));
        await using var context = new KeysContext(await DynamoDbTestEnvironment.CreateOptionsAsync<KeysContext>(prefix));

        Assert.True(await context.Database.EnsureCreatedAsync());

        Assert.Equal(
            [prefix + "Accounts", prefix + "Measurement", prefix + "SensorReadings", prefix + "Settings", prefix + "user-profiles"],
            await ListTablesAsync(prefix));

        var readings = await DescribeAsync(prefix + "SensorReadings");
        Assert.Equal(["SensorId HASH", "Timestamp RANGE"], Keys(readings.KeySchema));
        Assert.Equal(["SensorId S", "Timestamp N"], Attributes(readings));

        var measurements = await DescribeAsync(prefix + "Measurement");
        Assert.Equal(["Station HASH", "Sequence RANGE"], Keys(measurements.KeySchema));
        Assert.Equal(["Sequence N", "Station S"], Attributes(measurements));

        var accounts = await DescribeAsync(prefix + "Accounts");
        Assert.Equal(["owner_id HASH", "tok RANGE"], Keys(accounts.KeySchema));
        Assert.Equal(["owner_id S", "tok B"], Attributes(accounts));

        var profiles = await DescribeAsync(prefix + "user-profiles");
        Assert.Equal(["UserName HASH", "Created RANGE"], Keys(profiles.KeySchema));
        Assert.Equal(["Created S", "UserName S"], Attributes(profiles));

        var settings = await DescribeAsync(prefix + "Settings");
        Assert.Equal(["Id HASH"], Keys(settings.KeySchema));
        Assert.Equal(["Id S"], Attributes(settings));

        Assert.True(await context.Database.EnsureDeletedAsync());
        Assert.Empty(await ListTablesAsync(prefix));
    }
}
