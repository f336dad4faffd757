using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Diagnostics;

public class Note
{
    public string Owner { get; set; } = null!;
    public int Id { get; set; }
    public string Text { get; set; } = "";
}

public class TelemetryContext(DbContextOptions<TelemetryContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<Note>(b =>
        {
            b.HasPartitionKey(n => n.Owner);
            b.HasSortKey(n => n.Id);
        });
}
