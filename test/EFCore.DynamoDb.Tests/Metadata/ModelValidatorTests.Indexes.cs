using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.Tests.Metadata.ModelHelpers;

namespace EFCore.DynamoDb.Tests.Metadata;

// The validator's rules for secondary indexes.
public partial class ModelValidatorTests
{
    // ---- indexes ----

    [Fact]
    public void Index_key_that_is_not_S_N_or_B_is_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>(b =>
        {
            b.HasPartitionKey(f => f.Name);
            b.HasIndex(f => f.IsOpen, "ByOpen");
        }));
        Assert.Contains("partition key of index 'ByOpen' property 'Forum.IsOpen'", error.Message);
    }

    [Fact]
    public void Unique_index_is_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>(b =>
        {
            b.HasPartitionKey(f => f.Name);
            b.HasIndex(f => f.Category, "ByCategory").IsUnique();
        }));
        Assert.Contains("The index 'ByCategory' of 'Forum' on 'Category' is unique", error.Message);
    }

    [Fact]
    public void Index_with_three_properties_is_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>(b =>
        {
            b.HasPartitionKey(f => f.Name);
            b.HasIndex(f => new { f.Category, f.Threads, f.Description }, "ByThree");
        }));
        Assert.Contains("The index 'ByThree' of 'Forum' has 3 properties ('Category', 'Threads', 'Description')", error.Message);
    }

    [Fact]
    public void Index_on_an_owned_type_is_refused()
    {
        var error = AssertInvalid(mb =>
        {
            LetterKeys(mb);
            mb.Entity<Letter>().OwnsOne(l => l.Origin).HasIndex(a => a.City, "ByCity");
        });
        Assert.Contains("The index 'ByCity' is declared on the owned type 'Address'", error.Message);
    }

    [Fact]
    public void Local_index_whose_partition_key_is_not_the_tables_is_refused()
    {
        var error = AssertInvalid(mb =>
        {
            PostKeys(mb);
            mb.Entity<Post>().HasIndex(p => new { p.Author, p.Views }, "ByAuthorViews").IsLocalSecondaryIndex();
        });
        Assert.Contains("The local secondary index 'ByAuthorViews' of 'Post' has the partition key 'Author'", error.Message);
        Assert.Contains("the table's partition key 'ForumName'", error.Message);
    }

    [Fact]
    public void Local_index_on_a_table_without_sort_key_is_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>(b =>
        {
            b.HasPartitionKey(f => f.Name);
            b.HasIndex(f => f.Threads, "ByThreads").IsLocalSecondaryIndex();
        }));
        Assert.Contains("The local secondary index 'ByThreads' of 'Forum' is on a table without a sort key", error.Message);
    }

    [Fact]
    public void Local_index_sorted_by_the_tables_sort_key_is_refused()
    {
        var error = AssertInvalid(mb =>
        {
            PostKeys(mb);
            mb.Entity<Post>().HasIndex(p => p.Subject, "BySubject").IsLocalSecondaryIndex();
        });
        Assert.Contains("The local secondary index 'BySubject' of 'Post' has the sort key 'Subject', which is already the table's", error.Message);
    }

    [Fact]
    public void Local_index_with_its_own_throughput_is_refused()
    {
        var error = AssertInvalid(mb =>
        {
            PostKeys(mb);
            mb.Entity<Post>().HasProvisionedThroughput(5, 5);
            mb.Entity<Post>().HasIndex(p => p.Views, "ByViews").IsLocalSecondaryIndex().HasProvisionedThroughput(1, 1);
        });
        Assert.Contains("The local secondary index 'ByViews' of 'Post' configures provisioned throughput", error.Message);
    }

    [Fact]
    public void Index_throughput_on_an_on_demand_table_is_refused()
    {
        var error = AssertInvalid(mb =>
        {
            PostKeys(mb);
            mb.Entity<Post>().HasIndex(p => p.Author, "ByAuthor").HasProvisionedThroughput(1, 1);
        });
        Assert.Contains("The index 'ByAuthor' of 'Post' configures provisioned throughput, but the table 'Post' uses on-demand", error.Message);
    }

    [Fact]
    public void More_than_20_global_indexes_are_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>(b =>
        {
            b.HasPartitionKey(f => f.Name);
            for (var i = 0; i < 21; i++)
            {
                b.Property<string>("Gsi" + i);
                b.HasIndex(["Gsi" + i], "Index" + i);
            }
        }));
        Assert.Contains("The table 'Forum' ('Forum') has 21 global secondary indexes; DynamoDB allows at most 20", error.Message);
    }

    [Fact]
    public void Twenty_global_indexes_are_accepted()
    {
        var model = BuildModel(mb => mb.Entity<Forum>(b =>
        {
            b.HasPartitionKey(f => f.Name);
            for (var i = 0; i < 20; i++)
            {
                b.Property<string>("Gsi" + i);
                b.HasIndex(["Gsi" + i], "Index" + i);
            }
        }));
        Assert.Equal(20, model.FindEntityType(typeof(Forum))!.GetIndexes().Count());
    }

    [Fact]
    public void More_than_5_local_indexes_are_refused()
    {
        var error = AssertInvalid(mb =>
        {
            PostKeys(mb);
            mb.Entity<Post>(b =>
            {
                for (var i = 0; i < 6; i++)
                {
                    b.Property<int>("Lsi" + i);
                    b.HasIndex(["Lsi" + i], "Local" + i).IsLocalSecondaryIndex();
                }
            });
        });
        Assert.Contains("The table 'Post' ('Post') has 6 local secondary indexes; DynamoDB allows at most 5", error.Message);
    }

    [Fact]
    public void Index_including_a_property_of_another_entity_type_is_refused()
    {
        var error = AssertInvalid(mb =>
        {
            mb.Entity<Reply>().HasKey(r => new { r.ForumName, r.Number });
            mb.Entity<Forum>(b =>
            {
                b.HasPartitionKey(f => f.Name);
                b.HasIndex(f => f.Category, "ByCategory").IncludeProperties("Number");
            });
        });
        Assert.Contains("The index 'ByCategory' of 'Forum' includes the property 'Number', which is not a property of 'Forum'", error.Message);
        Assert.Contains("(it is a property of 'Reply')", error.Message);
    }

    [Fact]
    public void Index_including_a_property_that_does_not_exist_is_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>(b =>
        {
            b.HasPartitionKey(f => f.Name);
            b.HasIndex(f => f.Category, "ByCategory").IncludeProperties("Nope");
        }));
        Assert.Contains("The index 'ByCategory' of 'Forum' includes the property 'Nope', which is not a property of 'Forum'", error.Message);
    }

    [Fact]
    public void HasIndex_naming_a_property_of_another_entity_type_fails_in_EF_naming_type_and_property()
    {
        // EF itself refuses this while OnModelCreating runs, before our validator: the message names the type and property.
        var error = AssertInvalid(mb =>
        {
            mb.Entity<Reply>().HasKey(r => new { r.ForumName, r.Number });
            mb.Entity<Forum>(b =>
            {
                b.HasPartitionKey(f => f.Name);
                b.HasIndex(["Number"], "ByNumber");
            });
        });
        Assert.Contains("The property 'Number' cannot be added to the type 'Forum'", error.Message);
    }

    [Fact]
    public void Index_attribute_naming_a_missing_property_fails_in_EF_naming_index_type_and_property()
    {
        var error = AssertInvalid(mb => mb.Entity<Indexed>().HasPartitionKey(i => i.Key));
        Assert.Contains("An index 'ByMissing' specified via [Index] attribute on the entity type 'Indexed' references properties {'Missing'}", error.Message);
    }

    [Fact]
    public void Include_projection_without_properties_is_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>(b =>
        {
            b.HasPartitionKey(f => f.Name);
            b.HasIndex(f => f.Category, "ByCategory").HasProjection(DynamoDbIndexProjection.Include);
        }));
        Assert.Contains("The index 'ByCategory' of 'Forum' has an INCLUDE projection but includes no property", error.Message);
    }
}
