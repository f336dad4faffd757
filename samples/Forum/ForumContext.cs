using Microsoft.EntityFrameworkCore;

namespace Forum;

public class ForumContext(DbContextOptions<ForumContext> options) : DbContext(options)
{
    public DbSet<Thread> Threads => Set<Thread>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<Thread>(b =>
        {
            b.ToTable("Thread");
            b.HasPartitionKey(t => t.ForumName);
            b.HasSortKey(t => t.Subject);
            b.HasProvisionedThroughput(readCapacityUnits: 1, writeCapacityUnits: 1);

            // A global secondary index: threads of a category across forums, newest first.
            b.HasIndex(t => new { t.Category, t.LastPostDateTime }, "ByCategory");

            // A local secondary index: threads of one forum by views.
            b.HasIndex(t => new { t.ForumName, t.Views }, "ByViews").IsLocalSecondaryIndex();

            b.Property(t => t.Version).IsRowVersion();
        });
}
