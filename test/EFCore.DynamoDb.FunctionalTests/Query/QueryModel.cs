using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Query;

public enum Status
{
    Draft = 0,
    Open = 1,
    Closed = 2,
}

/// <summary>An item with a numeric sort key and attributes of every kind, some of them missing in some items.</summary>
public class Record
{
    public string Pk { get; set; } = null!;
    public int Sk { get; set; }
    public string? Name { get; set; }
    public int? Score { get; set; }
    public int Rank { get; set; }
    public bool Flag { get; set; }
    public HashSet<string> Tags { get; set; } = [];
    public List<int>? Numbers { get; set; }
    public string? Category { get; set; }
    public DateTime Created { get; set; }
    public Status State { get; set; }
    public decimal Price { get; set; }
}

/// <summary>The PynamoDB tutorial's Thread: string partition and sort keys.</summary>
public class Thread
{
    public string ForumName { get; set; } = null!;
    public string Subject { get; set; } = null!;
    public int Views { get; set; }
    public int Replies { get; set; }
    public HashSet<string> Tags { get; set; } = [];
    public DateTime LastPostDateTime { get; set; }
}

public class QueryContext(DbContextOptions<QueryContext> options) : DbContext(options)
{
    public DbSet<Record> Records => Set<Record>();

    public DbSet<Thread> Threads => Set<Thread>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Record>(b =>
        {
            b.HasPartitionKey(r => r.Pk);
            b.HasSortKey(r => r.Sk);
            b.HasIndex(r => new { r.Category, r.Created }, "ByCategory");
            b.HasIndex(r => new { r.Pk, r.Rank }, "ByRank").IsLocalSecondaryIndex();
        });
        modelBuilder.Entity<Thread>(b =>
        {
            b.HasPartitionKey(t => t.ForumName);
            b.HasSortKey(t => t.Subject);
        });
    }
}
