using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Benchmarks.Model;

/// <summary>The EF model of <see cref="ForumThread" />: partition key ForumName, sort key Subject.</summary>
public sealed class BenchContext(DbContextOptions<BenchContext> options) : DbContext(options)
{
    public DbSet<ForumThread> Threads => Set<ForumThread>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<ForumThread>(b =>
        {
            b.ToTable(ForumThread.TableName);
            b.HasPartitionKey(t => t.ForumName);
            b.HasSortKey(t => t.Subject);
        });
}
