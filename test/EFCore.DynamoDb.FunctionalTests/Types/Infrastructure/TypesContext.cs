using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;

/// <summary>The model of the type tests: one table per concern, every mapping docs/design.md's type table lists.</summary>
public class TypesContext(DbContextOptions<TypesContext> options) : DbContext(options)
{
    public DbSet<AllTypes> AllTypes => Set<AllTypes>();

    public DbSet<Legacy> Legacy => Set<Legacy>();

    public DbSet<Shipment> Shipments => Set<Shipment>();

    public DbSet<Converted> Converted => Set<Converted>();

    public DbSet<NumberKeyed> NumberKeyed => Set<NumberKeyed>();

    public DbSet<GuidKeyed> GuidKeyed => Set<GuidKeyed>();

    public DbSet<Strict> Strict => Set<Strict>();

    public DbSet<BinaryKeyed> BinaryKeyed => Set<BinaryKeyed>();

    public DbSet<CodeKeyed> CodeKeyed => Set<CodeKeyed>();

    public DbSet<Measurement> Measurements => Set<Measurement>();

    public DbSet<DateTimeSorted> DateTimeSorted => Set<DateTimeSorted>();

    public DbSet<DateTimeOffsetSorted> DateTimeOffsetSorted => Set<DateTimeOffsetSorted>();

    public DbSet<DateOnlySorted> DateOnlySorted => Set<DateOnlySorted>();

    public DbSet<TimeOnlySorted> TimeOnlySorted => Set<TimeOnlySorted>();

    public DbSet<TimeSpanSorted> TimeSpanSorted => Set<TimeSpanSorted>();

    private static readonly JsonSerializerOptions Json = new();

    public static string ToJson(Settings settings) => JsonSerializer.Serialize(settings, Json);

    public static Settings FromJson(string json) => JsonSerializer.Deserialize<Settings>(json, Json)!;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AllTypes>(b =>
        {
            b.ToTable("AllTypes");
            b.HasPartitionKey(e => e.Id);
            b.Property(e => e.Mood).HasConversion<string>();
            b.Property(e => e.NullableMood).HasConversion<string>();
            b.Property(e => e.Temperature).HasConversion(v => v.Degrees, v => new Celsius(v));
            b.Property(e => e.NullableTemperature).HasConversion(v => v!.Value.Degrees, v => new Celsius(v));
            b.Property(e => e.Email).HasConversion(v => v!.Address, v => new Email(v));
            b.Property(e => e.Settings).HasConversion(
                v => ToJson(v!),
                v => FromJson(v),
                new ValueComparer<Settings?>(
                    (l, r) => (l == null ? null : ToJson(l)) == (r == null ? null : ToJson(r)),
                    v => v == null ? 0 : ToJson(v).GetHashCode(StringComparison.Ordinal),
                    v => v == null ? null : FromJson(ToJson(v))));
            b.OwnsOne(e => e.Profile, p => p.OwnsMany(x => x.Badges));
            b.OwnsMany(e => e.Lines);
            b.ComplexProperty(e => e.Dimensions, d =>
            {
                d.Property(x => x.Finish).HasConversion<string>();
                d.ComplexProperty(x => x.Unit);
            });
        });

        modelBuilder.Entity<Shipment>(b =>
        {
            b.ToTable("Shipment");
            b.HasPartitionKey(e => e.Id);
            b.OwnsMany(e => e.Parcels, p =>
            {
                p.OwnsMany(x => x.Contents);
                p.OwnsOne(x => x.Seal);
            });
        });

        modelBuilder.Entity<Converted>(b =>
        {
            b.ToTable("Converted");
            b.HasPartitionKey(e => e.Id);
            b.Property(e => e.Website).HasConversion<string>();
            b.Property(e => e.Flag).HasConversion<int>();
            b.Property(e => e.Ticks).HasConversion<long>();
            b.Property(e => e.GuidBytes).HasConversion<byte[]>();
            b.Property(e => e.GuidCode).HasConversion(v => Guid.Parse(v.Value), v => new Code(v.ToString("N")));
            b.Property(e => e.Csv).HasConversion(
                v => string.Join(',', v),
                v => v.Split(',', StringSplitOptions.None).ToList(),
                new ValueComparer<List<string>>((l, r) => l!.SequenceEqual(r!), v => v.Count, v => v.ToList()));
            b.Property(e => e.Distinct).HasConversion(
                v => new HashSet<int>(v),
                v => v.Order().ToArray(),
                new ValueComparer<int[]>((l, r) => l!.SequenceEqual(r!), v => v.Length, v => v.ToArray()));
            b.Property(e => e.Moods).HasConversion(
                v => v.Select(m => m.ToString()).ToList(),
                v => v.Select(Enum.Parse<Mood>).ToArray(),
                new ValueComparer<Mood[]>((l, r) => l!.SequenceEqual(r!), v => v.Length, v => v.ToArray()));
            b.Property(e => e.Binary).HasConversion<long>();
        });

        modelBuilder.Entity<NumberKeyed>(b =>
        {
            b.ToTable("NumberKeyed");
            b.HasPartitionKey(e => e.Pk);
            b.HasSortKey(e => e.Sk);
        });

        modelBuilder.Entity<GuidKeyed>(b =>
        {
            b.ToTable("GuidKeyed");
            b.HasPartitionKey(e => e.Id);
            b.HasSortKey(e => e.Kind);
            b.Property(e => e.Kind).HasConversion<string>();
        });

        modelBuilder.Entity<Legacy>(b =>
        {
            b.ToTable("Legacy");
            b.HasPartitionKey(e => e.Id);
            b.Property(e => e.Settings).HasConversion(
                v => ToJson(v!),
                v => FromJson(v),
                new ValueComparer<Settings?>(
                    (l, r) => (l == null ? null : ToJson(l)) == (r == null ? null : ToJson(r)),
                    v => v == null ? 0 : ToJson(v).GetHashCode(StringComparison.Ordinal),
                    v => v == null ? null : FromJson(ToJson(v))));
        });

        modelBuilder.Entity<Strict>(b =>
        {
            b.ToTable("Strict");
            b.HasPartitionKey(e => e.Pk);
            b.HasSortKey(e => e.Sk);
        });

        modelBuilder.Entity<BinaryKeyed>(b =>
        {
            b.ToTable("BinaryKeyed");
            b.HasPartitionKey(e => e.Pk);
            b.HasSortKey(e => e.Sk);
        });

        modelBuilder.Entity<CodeKeyed>(b =>
        {
            b.ToTable("CodeKeyed");
            b.HasPartitionKey(e => e.Id);
            b.Property(e => e.Id).HasConversion(v => v.Value, v => new Code(v));
        });

        modelBuilder.Entity<Measurement>(b =>
        {
            b.ToTable("Measurement");
            b.HasPartitionKey(e => e.Id);
            b.OwnsOne(e => e.Last);
            b.ComplexProperty(e => e.Range);
        });

        modelBuilder.Entity<DateTimeSorted>(b =>
        {
            b.ToTable("DateTimeSorted");
            b.HasPartitionKey(e => e.Pk);
            b.HasSortKey(e => e.Sk);
        });

        modelBuilder.Entity<DateTimeOffsetSorted>(b =>
        {
            b.ToTable("DateTimeOffsetSorted");
            b.HasPartitionKey(e => e.Pk);
            b.HasSortKey(e => e.Sk);
        });

        modelBuilder.Entity<DateOnlySorted>(b =>
        {
            b.ToTable("DateOnlySorted");
            b.HasPartitionKey(e => e.Pk);
            b.HasSortKey(e => e.Sk);
        });

        modelBuilder.Entity<TimeOnlySorted>(b =>
        {
            b.ToTable("TimeOnlySorted");
            b.HasPartitionKey(e => e.Pk);
            b.HasSortKey(e => e.Sk);
        });

        modelBuilder.Entity<TimeSpanSorted>(b =>
        {
            b.ToTable("TimeSpanSorted");
            b.HasPartitionKey(e => e.Pk);
            b.HasSortKey(e => e.Sk);
        });
    }
}
