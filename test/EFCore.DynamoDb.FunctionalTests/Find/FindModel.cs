using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Find;

/// <summary>A board's post: partition key and sort key (PynamoDB's hash and range key).</summary>
public class Post
{
    public string Board { get; set; } = null!;
    public string Slug { get; set; } = null!;
    public string Title { get; set; } = null!;
    public Author? Author { get; set; }
}

/// <summary>Owned by <see cref="Post" />: stored as a map inside the post's item, so it has no key of its own to find by.</summary>
public class Author
{
    public string Name { get; set; } = null!;
}

/// <summary>A key of a type DynamoDB does not store, mapped with a value converter.</summary>
public sealed record Sku(string Value);

public class Product
{
    public Sku Sku { get; set; } = null!;
    public string Name { get; set; } = null!;
}

/// <summary>A time series: the sort key is a DateTime, stored as fixed-width ISO-8601 UTC text.</summary>
public class Reading
{
    public string Sensor { get; set; } = null!;
    public DateTime At { get; set; }
    public double Value { get; set; }
}

public class FindContext(DbContextOptions<FindContext> options) : DbContext(options)
{
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Reading> Readings => Set<Reading>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Post>(b =>
        {
            b.HasPartitionKey(p => p.Board);
            b.HasSortKey(p => p.Slug);
            b.OwnsOne(p => p.Author);
        });
        modelBuilder.Entity<Product>(b =>
        {
            b.HasPartitionKey(p => p.Sku);
            b.Property(p => p.Sku).HasConversion(s => "sku#" + s.Value, v => new Sku(v.Substring(4)));
        });
        modelBuilder.Entity<Reading>(b =>
        {
            b.HasPartitionKey(r => r.Sensor);
            b.HasSortKey(r => r.At);
        });
    }
}
