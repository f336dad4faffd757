using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;

/// <summary>
///     The AWS getting-started Movies table: year and title as the key, the details in a nested map "info" that other clients
///     also write to (fields the model does not map live next to those it does). No row version: writers of different nested
///     fields must not clobber each other.
/// </summary>
public class Movie
{
    public int Year { get; set; }

    public string Title { get; set; } = null!;

    public MovieInfo? Info { get; set; }

    public List<Screening> Screenings { get; set; } = [];

    public Credits Credits { get; set; } = new();

    public Studio? Backer { get; set; }
}

/// <summary>The owned "info" map, with an owned map inside it.</summary>
public class MovieInfo
{
    public string? Plot { get; set; }

    public double? Rating { get; set; }

    public Cast? Cast { get; set; }
}

public class Cast
{
    public string? Lead { get; set; }

    public string? Support { get; set; }
}

/// <summary>An element of the owned collection "screenings" (a list of maps), with an owned map inside it.</summary>
public class Screening
{
    public string Cinema { get; set; } = "";

    public decimal Price { get; set; }

    public Seat? Seat { get; set; }
}

public class Seat
{
    public string Row { get; set; } = "";

    public int Number { get; set; }
}

/// <summary>A complex value (a map) with a complex value inside it.</summary>
public class Credits
{
    public string Director { get; set; } = "";

    public string? Writer { get; set; }

    public Studio Studio { get; set; } = new();
}

public class Studio
{
    public string Name { get; set; } = "";

    public string? Country { get; set; }
}

/// <summary>A versioned item with an owned map: a nested change still moves the version on and is checked against it.</summary>
public class Album
{
    public string Id { get; set; } = null!;

    public MovieInfo? Info { get; set; }

    public long Version { get; set; }
}

public class NestedContext(DbContextOptions<NestedContext> options) : DbContext(options)
{
    public DbSet<Movie> Movies => Set<Movie>();

    public DbSet<Album> Albums => Set<Album>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Movie>(b =>
        {
            b.ToTable("Movies");
            b.HasPartitionKey(m => m.Year);
            b.HasSortKey(m => m.Title);
            b.Property(m => m.Year).HasAttributeName("year");
            b.Property(m => m.Title).HasAttributeName("title");
            b.OwnsOne(m => m.Info, i =>
            {
                i.HasAttributeName("info");
                i.Property(x => x.Plot).HasAttributeName("plot");
                i.Property(x => x.Rating).HasAttributeName("rating");
                i.OwnsOne(x => x.Cast, c =>
                {
                    c.HasAttributeName("cast");
                    c.Property(x => x.Lead).HasAttributeName("lead");
                    c.Property(x => x.Support).HasAttributeName("support");
                });
            });
            b.OwnsMany(m => m.Screenings, s =>
            {
                s.HasAttributeName("screenings");
                s.Property(x => x.Cinema).HasAttributeName("cinema");
                s.Property(x => x.Price).HasAttributeName("price");
                s.OwnsOne(x => x.Seat, seat =>
                {
                    seat.HasAttributeName("seat");
                    seat.Property(x => x.Row).HasAttributeName("row");
                    seat.Property(x => x.Number).HasAttributeName("number");
                });
            });
            b.ComplexProperty(m => m.Credits, c =>
            {
                c.HasAttributeName("credits");
                c.ComplexProperty(x => x.Studio, s => s.HasAttributeName("studio"));
            });
            b.ComplexProperty(m => m.Backer);
        });

        modelBuilder.Entity<Album>(b =>
        {
            b.ToTable("Albums");
            b.HasPartitionKey(a => a.Id);
            b.Property(a => a.Version).IsRowVersion();
            b.OwnsOne(a => a.Info, i => i.OwnsOne(x => x.Cast));
        });
    }
}
