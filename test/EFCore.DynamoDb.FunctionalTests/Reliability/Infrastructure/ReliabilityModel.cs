using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Reliability.Infrastructure;

/// <summary>A versioned item in a partition: inserts, updates and deletes are conditional, reads are GetItem or Query.</summary>
public class Item
{
    public string Bucket { get; set; } = null!;

    public int Id { get; set; }

    public string? Name { get; set; }

    public long Amount { get; set; }

    public int Version { get; set; }
}

/// <summary>An account with a row version, for transactions.</summary>
public class Account
{
    public string Id { get; set; } = null!;

    public long Balance { get; set; }

    public int Version { get; set; }
}

/// <summary>An event without concurrency tokens: with AutoTransactionBehavior.Never its inserts go into BatchWriteItem.</summary>
public class Event
{
    public string Stream { get; set; } = null!;

    public int Seq { get; set; }

    public string Payload { get; set; } = "";
}

public class ReliabilityContext(DbContextOptions<ReliabilityContext> options) : DbContext(options)
{
    public DbSet<Item> Items => Set<Item>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Event> Events => Set<Event>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Item>(b =>
        {
            b.ToTable("Item");
            b.HasPartitionKey(i => i.Bucket);
            b.HasSortKey(i => i.Id);
            b.Property(i => i.Version).IsRowVersion();
        });

        modelBuilder.Entity<Account>(b =>
        {
            b.ToTable("Account");
            b.HasPartitionKey(a => a.Id);
            b.Property(a => a.Version).IsRowVersion();
        });

        modelBuilder.Entity<Event>(b =>
        {
            b.ToTable("Event");
            b.HasPartitionKey(e => e.Stream);
            b.HasSortKey(e => e.Seq);
        });
    }
}
