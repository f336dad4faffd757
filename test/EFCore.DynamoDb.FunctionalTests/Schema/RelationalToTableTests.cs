extern alias Relational;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Relational::Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Schema.TableDescriptions;
using RelationalExtensions = Relational::Microsoft.EntityFrameworkCore.RelationalEntityTypeBuilderExtensions;

namespace EFCore.DynamoDb.FunctionalTests.Schema;

/// <summary>
///     An application that also references EF relational (which has its own <c>ToTable</c>) can call either: with relational's
///     extensions in scope an ordinary <c>b.ToTable("X")</c> still compiles (it binds to relational's), and the provider
///     honors relational's table name.
/// </summary>
public class RelationalToTableTests
{
    public class Thread
    {
        public string ForumName { get; set; } = null!;
        public string Subject { get; set; } = null!;
    }

    public class Forum
    {
        public string Name { get; set; } = null!;
    }

    public class Post
    {
        public string Id { get; set; } = null!;
    }

    public class MixedContext(DbContextOptions<MixedContext> options) : DbContext(options)
    {
        public DbSet<Thread> Threads => Set<Thread>();
        public DbSet<Forum> Forums => Set<Forum>();
        public DbSet<Post> Posts => Set<Post>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Thread>(b =>
            {
                // Relational's ToTable, called explicitly.
                RelationalExtensions.ToTable(b, "RelationalThreads");
                b.HasPartitionKey(t => t.ForumName);
                b.HasSortKey(t => t.Subject);
            });

            modelBuilder.Entity<Forum>(b =>
            {
                // Both packages' ToTable are in scope here; overload resolution picks relational's without ambiguity.
                b.ToTable("PlainForums");
                b.HasPartitionKey(f => f.Name);
            });

            modelBuilder.Entity<Post>(b =>
            {
                // Ours, reached through its extra parameter.
                b.ToTable("OurPosts", throughput: null);
                b.HasPartitionKey(p => p.Id);
            });
        }
    }

    [Fact]
    public async Task Relational_ToTable_names_the_created_table()
    {
        var prefix = DynamoDbTestEnvironment.NewTablePrefix(nameof(RelationalToTableTests));
        await using var context = new MixedContext(await DynamoDbTestEnvironment.CreateOptionsAsync<MixedContext>(prefix));

        var forum = context.Model.FindEntityType(typeof(Forum))!;
        Assert.Equal("PlainForums", forum["Relational:TableName"]);
        Assert.Null(forum["DynamoDb:TableName"]);
        Assert.Equal("RelationalThreads", context.Model.FindEntityType(typeof(Thread))!["Relational:TableName"]);
        Assert.Equal("OurPosts", context.Model.FindEntityType(typeof(Post))!["DynamoDb:TableName"]);

        Assert.True(await context.Database.EnsureCreatedAsync());

        Assert.Equal([prefix + "OurPosts", prefix + "PlainForums", prefix + "RelationalThreads"], await ListTablesAsync(prefix));
        Assert.Equal(["ForumName HASH", "Subject RANGE"], Keys((await DescribeAsync(prefix + "RelationalThreads")).KeySchema));

        Assert.True(await context.Database.EnsureDeletedAsync());
    }
}
