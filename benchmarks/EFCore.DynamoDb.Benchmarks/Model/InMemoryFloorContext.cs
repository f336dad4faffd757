using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EFCore.DynamoDb.Benchmarks.Model;

/// <summary>
///     <see cref="ForumThread" /> on EF's in-memory provider: the same query with no I/O and no DynamoDB work at all, so its
///     cost is EF Core's own floor for "new DbContext, LINQ query, one entity" on this machine.
/// </summary>
public sealed class InMemoryFloorContext(DbContextOptions<InMemoryFloorContext> options) : DbContext(options)
{
    public DbSet<ForumThread> Threads => Set<ForumThread>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<ForumThread>(b =>
        {
            b.HasKey(t => new { t.ForumName, t.Subject });

            // The in-memory provider has no sets; a joined string keeps the attribute stored (and materialized) as here.
            b.Property(t => t.Tags).HasConversion(
                tags => string.Join('\n', tags),
                text => text.Split('\n', StringSplitOptions.None).ToHashSet(),
                new ValueComparer<HashSet<string>>(
                    (a, b) => a!.SetEquals(b!),
                    tags => tags.Count,
                    tags => tags.ToHashSet()));
        });
}
