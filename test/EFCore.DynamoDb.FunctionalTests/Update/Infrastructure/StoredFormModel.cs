using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;

/// <summary>An event of a stream, sorted by time: its sort key is a DateTime that other tools write in their own text forms.</summary>
public class StreamEvent
{
    public string Stream { get; set; } = null!;

    public DateTime At { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>Shares the events' table and key schema, with a plain string sort key.</summary>
public class StreamNote
{
    public string Stream { get; set; } = null!;

    public string Sk { get; set; } = null!;

    public string Text { get; set; } = "";
}

/// <summary>A visitor pass: its Guid sort key is what other tools write upper-case.</summary>
public class Pass
{
    public string Owner { get; set; } = null!;

    public Guid Id { get; set; }

    public string Label { get; set; } = "";
}

/// <summary>A DateTimeOffset sort key and a TimeSpan concurrency token, both in other tools' text forms.</summary>
public class Shift
{
    public string Site { get; set; } = null!;

    public DateTimeOffset Start { get; set; }

    public string Crew { get; set; } = "";

    [ConcurrencyCheck]
    public TimeSpan Length { get; set; }
}

/// <summary>Concurrency tokens of several types next to a row version.</summary>
public class Ledger
{
    public string Id { get; set; } = null!;

    public string Memo { get; set; } = "";

    [ConcurrencyCheck]
    public DateTime Stamp { get; set; }

    [ConcurrencyCheck]
    public Guid Tag { get; set; }

    public long Version { get; set; }
}

public class StoredFormContext(DbContextOptions<StoredFormContext> options) : DbContext(options)
{
    public DbSet<StreamEvent> Events => Set<StreamEvent>();

    public DbSet<StreamNote> Notes => Set<StreamNote>();

    public DbSet<Pass> Passes => Set<Pass>();

    public DbSet<Shift> Shifts => Set<Shift>();

    public DbSet<Ledger> Ledgers => Set<Ledger>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StreamEvent>(b =>
        {
            b.ToTable("Streams");
            b.HasPartitionKey(e => e.Stream);
            b.HasSortKey(e => e.At);
            b.Property(e => e.At).HasAttributeName("Sk");
        });

        modelBuilder.Entity<StreamNote>(b =>
        {
            b.ToTable("Streams");
            b.HasPartitionKey(e => e.Stream);
            b.HasSortKey(e => e.Sk);
        });

        modelBuilder.Entity<Pass>(b =>
        {
            b.ToTable("Passes");
            b.HasPartitionKey(e => e.Owner);
            b.HasSortKey(e => e.Id);
        });

        modelBuilder.Entity<Shift>(b =>
        {
            b.ToTable("Shifts");
            b.HasPartitionKey(e => e.Site);
            b.HasSortKey(e => e.Start);
        });

        modelBuilder.Entity<Ledger>(b =>
        {
            b.ToTable("Ledgers");
            b.HasPartitionKey(e => e.Id);
            b.Property(e => e.Version).IsRowVersion();
        });
    }
}
