using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using static EFCore.DynamoDb.Tests.Metadata.ModelHelpers;

namespace EFCore.DynamoDb.Tests.Metadata;

/// <summary>One test per rule of the model validator; each checks that the message names the entity type and property.</summary>
public partial class ModelValidatorTests
{
    public class Forum
    {
        public string Name { get; set; } = "";
        public string Category { get; set; } = "";
        public int Threads { get; set; }
        public bool IsOpen { get; set; }
        public List<string> Moderators { get; set; } = [];
        public string? Description { get; set; }
    }

    public class Post
    {
        public string ForumName { get; set; } = "";
        public string Subject { get; set; } = "";
        public string Author { get; set; } = "";
        public int Views { get; set; }
        public DateTime Posted { get; set; }
        public string? Title { get; set; }
        public string Expires { get; set; } = "";
    }

    public class Letter
    {
        public string Id { get; set; } = "";
        public Address? Origin { get; set; }
    }

    public class Reply
    {
        public string ForumName { get; set; } = "";
        public int Number { get; set; }
        public string Author { get; set; } = "";
    }

    public class Address
    {
        public string City { get; set; } = "";
    }

    public class Animal
    {
        public string Tag { get; set; } = "";
        public string Name { get; set; } = "";
    }

    public class Dog : Animal
    {
        public string Breed { get; set; } = "";
    }

    public class Vehicle
    {
        public string Vin { get; set; } = "";
    }

    public class Truck : Vehicle
    {
        [PartitionKey]
        public string Plate { get; set; } = "";
    }

    [Index("Missing", Name = "ByMissing")]
    public class Indexed
    {
        public string Key { get; set; } = "";
    }

    private static void PostKeys(ModelBuilder mb)
        => mb.Entity<Post>(b =>
        {
            b.HasPartitionKey(p => p.ForumName);
            b.HasSortKey(p => p.Subject);
        });

    private static void LetterKeys(ModelBuilder mb) => mb.Entity<Letter>().HasPartitionKey(l => l.Id);

    /// <summary>Post and Reply in one table 'Posts' with the same key schema; each test adds what makes them disagree.</summary>
    private static void SharePostsTable(ModelBuilder mb, Action<EntityTypeBuilder<Post>> post, Action<EntityTypeBuilder<Reply>> reply)
    {
        mb.Entity<Post>(b =>
        {
            b.ToTable("Posts");
            b.HasPartitionKey(p => p.ForumName);
            b.HasSortKey(p => p.Subject);
            post(b);
        });
        mb.Entity<Reply>(b =>
        {
            b.ToTable("Posts");
            b.HasPartitionKey(r => r.ForumName);
            b.HasSortKey(r => r.Author).Property(r => r.Author).HasAttributeName("Subject");
            reply(b);
        });
    }

    // ---- keys ----

    [Fact]
    public void Entity_type_without_a_key_is_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>());
        Assert.Contains("'Forum' has no partition key", error.Message);
        Assert.Contains("HasPartitionKey", error.Message);
    }

    [Fact]
    public void Keyless_entity_type_is_refused_with_our_message()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>().HasNoKey());
        Assert.Contains("'Forum' is keyless", error.Message);
        Assert.Contains("every DynamoDB item has a key", error.Message);
    }

    [Fact]
    public void Partition_key_that_is_not_S_N_or_B_is_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>().HasPartitionKey(f => f.IsOpen));
        Assert.Contains("partition key property 'Forum.IsOpen'", error.Message);
        Assert.Contains("BOOL", error.Message);
    }

    [Fact]
    public void Sort_key_that_is_not_S_N_or_B_is_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>(b =>
        {
            b.HasPartitionKey(f => f.Name);
            b.HasSortKey(f => f.Moderators);
        }));
        Assert.Contains("sort key property 'Forum.Moderators'", error.Message);
        Assert.Contains("type L", error.Message);
    }

    [Fact]
    public void Sort_key_without_a_partition_key_is_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>().HasSortKey(f => f.Category));
        Assert.Contains("'Forum' has the sort key 'Category' but no partition key", error.Message);
    }

    [Fact]
    public void Key_with_more_than_two_properties_is_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>().HasKey(f => new { f.Name, f.Category, f.Threads }));
        Assert.Contains("The key of 'Forum' has 3 properties ('Name', 'Category', 'Threads')", error.Message);
    }

    [Fact]
    public void HasKey_conflicting_with_HasPartitionKey_is_refused_naming_both()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>(b =>
        {
            b.HasPartitionKey(f => f.Name);
            b.HasKey(f => f.Category);
        }));
        Assert.Contains("The DynamoDB key of 'Forum' (partition key 'Name', no sort key) does not match its EF key ('Category')", error.Message);
    }

    [Fact]
    public void Same_property_as_partition_and_sort_key_is_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>(b =>
        {
            b.HasKey(f => f.Name);
            b.HasSortKey(f => f.Name);
        }));
        Assert.Contains("'Forum.Name' cannot be both the partition key and the sort key", error.Message);
    }

    // ---- table-level settings in the wrong place ----

    [Fact]
    public void ToTable_on_a_derived_type_is_refused()
    {
        var error = AssertInvalid(mb =>
        {
            mb.Entity<Animal>().HasPartitionKey(a => a.Tag);
            mb.Entity<Dog>().ToTable("Dogs");
        });
        Assert.Contains("derived entity type 'Dog' is mapped to the table 'Dogs'", error.Message);
        Assert.Contains("root 'Animal' ('Animal')", error.Message);
    }

    [Fact]
    public void HasPartitionKey_on_a_derived_type_is_refused()
    {
        var error = AssertInvalid(mb =>
        {
            mb.Entity<Animal>().HasPartitionKey(a => a.Tag);
            mb.Entity<Dog>().HasPartitionKey(d => d.Breed);
        });
        Assert.Contains("'HasPartitionKey/[PartitionKey]' is configured on the derived entity type 'Dog' for the property 'Breed'", error.Message);
        Assert.Contains("root entity type 'Animal'", error.Message);
    }

    [Fact]
    public void PartitionKey_attribute_on_a_property_of_a_derived_type_is_refused()
    {
        // Whichever type EF discovers first, the message points at the derived type's key property.
        var derivedFirst = AssertInvalid(mb =>
        {
            mb.Entity<Truck>();
            mb.Entity<Vehicle>();
        });
        Assert.Contains("configured on the derived entity type 'Truck' for the property 'Plate'", derivedFirst.Message);

        var baseFirst = AssertInvalid(mb =>
        {
            mb.Entity<Vehicle>();
            mb.Entity<Truck>();
        });
        Assert.Contains("The partition key of 'Vehicle' is configured as 'Plate', which is not a property of 'Vehicle'", baseFirst.Message);
    }

    [Fact]
    public void HasTimeToLive_on_an_owned_type_is_refused()
    {
        var error = AssertInvalid(mb =>
        {
            LetterKeys(mb);
            mb.Entity<Letter>().OwnsOne(l => l.Origin).OwnedEntityType.SetAnnotation(
                EFCore.DynamoDb.Metadata.Internal.DynamoDbAnnotationNames.TimeToLiveProperty, "City");
        });
        Assert.Contains("'HasTimeToLive' is configured on the owned entity type 'Address'", error.Message);
        Assert.Contains("Configure it on 'Letter'", error.Message);
    }

    [Fact]
    public void Table_on_an_owned_type_is_refused()
    {
        var error = AssertInvalid(mb =>
        {
            LetterKeys(mb);
            mb.Entity<Letter>().OwnsOne(l => l.Origin).OwnedEntityType.SetAnnotation(
                EFCore.DynamoDb.Metadata.Internal.DynamoDbAnnotationNames.TableName, "Addresses");
        });
        Assert.Contains("The owned entity type 'Address' is mapped to the table 'Addresses'", error.Message);
        Assert.Contains("stored inside their owner's item (in 'Letter')", error.Message);
    }

    // ---- names ----

    [Fact]
    public void Table_name_with_invalid_characters_is_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>(b =>
        {
            b.HasPartitionKey(f => f.Name);
            b.ToTable("Forum Table!");
        }));
        Assert.Contains("The table name 'Forum Table!' of entity type 'Forum'", error.Message);
    }

    [Fact]
    public void Table_name_longer_than_255_characters_is_refused()
    {
        var name = new string('t', 256);
        var error = AssertInvalid(mb => mb.Entity<Forum>(b =>
        {
            b.HasPartitionKey(f => f.Name);
            b.ToTable(name);
        }));
        Assert.Contains($"The table name '{name}' of entity type 'Forum'", error.Message);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("By Category")]
    public void Invalid_index_name_is_refused(string indexName)
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>(b =>
        {
            b.HasPartitionKey(f => f.Name);
            b.HasIndex(f => f.Category, indexName);
        }));
        Assert.Contains($"The index name '{indexName}' of 'Forum' (on 'Category')", error.Message);
    }

    // ---- time to live ----

    [Fact]
    public void Time_to_live_on_a_string_property_is_refused()
    {
        var error = AssertInvalid(mb =>
        {
            PostKeys(mb);
            mb.Entity<Post>().HasTimeToLive(p => p.Expires);
        });
        Assert.Contains("The time-to-live property 'Post.Expires' is of type 'string'", error.Message);
    }

    [Fact]
    public void Time_to_live_with_a_converter_to_text_is_refused()
    {
        var error = AssertInvalid(mb =>
        {
            PostKeys(mb);
            mb.Entity<Post>().HasTimeToLive(p => p.Posted);
            mb.Entity<Post>().Property(p => p.Posted).HasConversion<string>();
        });
        Assert.Contains("The time-to-live property 'Post.Posted' has a value converter that stores it as DynamoDB type S", error.Message);
    }

    // ---- shared tables ----

    [Fact]
    public void Types_sharing_a_table_with_different_key_schemas_are_refused()
    {
        var error = AssertInvalid(mb =>
        {
            mb.Entity<Forum>(b =>
            {
                b.ToTable("Forums");
                b.HasPartitionKey(f => f.Name);
            });
            mb.Entity<Reply>(b =>
            {
                b.ToTable("Forums");
                b.HasPartitionKey(r => r.ForumName);
                b.HasSortKey(r => r.Number);
            });
        });
        Assert.Contains("'Forum' and 'Reply' share the table 'Forums' but have different key schemas", error.Message);
        Assert.Contains("partition key Name (S), no sort key vs partition key ForumName (S), sort key Number (N)", error.Message);
    }

    [Fact]
    public void Types_sharing_a_table_with_different_throughput_are_refused()
    {
        var error = AssertInvalid(mb => SharePostsTable(
            mb,
            b => b.HasProvisionedThroughput(1, 1),
            b => b.HasProvisionedThroughput(2, 2)));
        Assert.Contains("'Post' and 'Reply' share the table 'Posts' but configure different provisioned throughput", error.Message);
    }

    [Fact]
    public void Types_sharing_a_table_with_the_same_discriminator_value_are_refused()
    {
        var error = AssertInvalid(mb => SharePostsTable(
            mb,
            b => b.HasDiscriminator<string>("Discriminator").HasValue("Item"),
            b => b.HasDiscriminator<string>("Discriminator").HasValue("Item")));
        Assert.Contains("'Post' and 'Reply' share the table 'Posts' and have the same discriminator value 'Item'", error.Message);
    }

    [Fact]
    public void Types_sharing_a_table_with_different_discriminator_attributes_are_refused()
    {
        var error = AssertInvalid(mb => SharePostsTable(
            mb,
            b => b.HasDiscriminator<string>("Kind").HasValue("Post"),
            _ => { }));
        Assert.Contains("'Post' and 'Reply' share the table 'Posts' but store their discriminators in different attributes ('Kind' and 'Discriminator')", error.Message);
    }

    [Fact]
    public void Key_attribute_stored_with_another_type_by_a_type_sharing_the_table_is_refused()
    {
        var error = AssertInvalid(mb =>
        {
            mb.Entity<Post>(b =>
            {
                b.ToTable("Posts");
                b.HasPartitionKey(p => p.ForumName);
                b.HasSortKey(p => p.Subject);
                b.HasIndex(p => p.Author, "ByAuthor");
            });
            mb.Entity<Forum>(b =>
            {
                b.ToTable("Posts");
                b.HasPartitionKey(f => f.Name).Property(f => f.Name).HasAttributeName("ForumName");
                b.HasSortKey(f => f.Category).Property(f => f.Category).HasAttributeName("Subject");
                b.Property(f => f.Threads).HasAttributeName("Author");
            });
        });
        Assert.Contains("'Forum.Threads' is stored in the attribute 'Author' as N", error.Message);
        Assert.Contains("partition key of index 'ByAuthor' as S (from 'Post.Author')", error.Message);
    }

    [Fact]
    public void Same_index_name_with_different_keys_in_a_shared_table_is_refused()
    {
        var error = AssertInvalid(mb => SharePostsTable(
            mb,
            b => b.HasIndex(p => p.Author, "ByAuthor"),
            b =>
            {
                b.Property<string>("Writer");
                b.HasIndex(["Writer"], "ByAuthor");
            }));
        Assert.Contains("The index 'ByAuthor' of table 'Posts' is declared on 'Post' and 'Reply' with different definitions", error.Message);
    }

    // ---- attribute names ----

    [Fact]
    public void Two_properties_in_one_attribute_are_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Forum>(b =>
        {
            b.HasPartitionKey(f => f.Name);
            b.Property(f => f.Category).HasAttributeName("Description");
        }));
        Assert.Contains("'Forum.Description' and 'Forum.Category' are both stored in the attribute 'Description'", error.Message);
    }

    public class Tagged
    {
        public string Id { get; set; } = null!;
        public List<int> Scores { get; set; } = [];
    }

    [Fact]
    public void Element_value_converters_are_refused()
    {
        var error = AssertInvalid(mb => mb.Entity<Tagged>(b =>
        {
            b.HasPartitionKey(t => t.Id);
            b.PrimitiveCollection(t => t.Scores).ElementType().HasConversion<string>();
        }));
        Assert.Contains("The elements of 'Tagged.Scores' have a value converter", error.Message);
    }
}
