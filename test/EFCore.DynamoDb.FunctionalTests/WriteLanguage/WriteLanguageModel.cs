using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.WriteLanguage;

/// <summary>A counter without a row version: ExecuteUpdate's actions on every kind of attribute.</summary>
public class Counter
{
    public string Id { get; set; } = "";

    public long Views { get; set; }

    public int? Likes { get; set; }

    public string? Name { get; set; }

    public decimal Score { get; set; }

    public double Ratio { get; set; }

    public DateTime UpdatedAt { get; set; }

    public HashSet<string> Tags { get; set; } = [];

    public HashSet<int> Numbers { get; set; } = [];

    public List<string> History { get; set; } = [];

    public CounterInfo? Info { get; set; }
}

public class CounterInfo
{
    public string? Plot { get; set; }

    public int Rating { get; set; }
}

/// <summary>Items of one partition, sorted by number, with a row version: bulk writes over a Query.</summary>
public class Post
{
    public string Forum { get; set; } = "";

    public int Number { get; set; }

    public int Score { get; set; }

    public bool Touched { get; set; }

    public string? Category { get; set; }

    public int Version { get; set; }
}

/// <summary>A versioned account: save conditions, condition checks, upserts and skipped version checks.</summary>
public class Account
{
    public string Id { get; set; } = "";

    public decimal Balance { get; set; }

    public bool Active { get; set; }

    public string? Owner { get; set; }

    public int Version { get; set; }
}

public class WriteLanguageContext(DbContextOptions<WriteLanguageContext> options) : DbContext(options)
{
    public DbSet<Counter> Counters => Set<Counter>();

    public DbSet<Post> Posts => Set<Post>();

    public DbSet<Account> Accounts => Set<Account>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Counter>(b =>
        {
            b.ToTable("Counter");
            b.HasPartitionKey(c => c.Id);
            b.OwnsOne(c => c.Info);
        });
        modelBuilder.Entity<Post>(b =>
        {
            b.ToTable("Post");
            b.HasPartitionKey(p => p.Forum);
            b.HasSortKey(p => p.Number);
            b.Property(p => p.Version).IsRowVersion();
            b.HasIndex(p => new { p.Category, p.Number }, "ByCategory");
        });
        modelBuilder.Entity<Account>(b =>
        {
            b.ToTable("Account");
            b.HasPartitionKey(a => a.Id);
            b.Property(a => a.Version).IsRowVersion();
        });
    }
}
