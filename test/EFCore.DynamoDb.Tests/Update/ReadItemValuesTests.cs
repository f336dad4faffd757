using EFCore.DynamoDb.Update.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using static EFCore.DynamoDb.Tests.Metadata.ModelHelpers;

namespace EFCore.DynamoDb.Tests.Update;

/// <summary>
///     Which attributes tracking queries keep per entity (<see cref="ReadItemValues" />): the key and token attributes whose stored
///     text another writer may have written differently from the provider, and not plain strings, whose stored form is the
///     provider's own (keeping them would cost every tracked read a dictionary and give nothing back).
/// </summary>
public class ReadItemValuesTests
{
    public class Post
    {
        public string Forum { get; set; } = null!;
        public string Subject { get; set; } = null!;
        public string ETag { get; set; } = null!;
        public int Version { get; set; }
        public DateTime Posted { get; set; }
        public string Body { get; set; } = null!;
    }

    private static string[] Kept(Action<ModelBuilder> configure)
        => ReadItemValues.AttributeNames(BuildModel(configure).FindEntityType(typeof(Post))!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Plain_string_keys_and_tokens_are_not_kept()
        => Assert.Empty(Kept(m => m.Entity<Post>(b =>
        {
            b.HasPartitionKey(p => p.Forum);
            b.HasSortKey(p => p.Subject);
            b.Property(p => p.ETag).IsConcurrencyToken();
        })));

    [Fact]
    public void Plain_string_keys_and_tokens_read_only_S_so_that_their_stored_form_is_the_providers_own()
    {
        // Other strings read an N attribute as its text (as DynamoDBContext does); a key or token that did would be written back
        // as S, which would not address its item or match its condition, and they keep no stored text (the test above).
        var entityType = BuildModel(m => m.Entity<Post>(b =>
        {
            b.HasPartitionKey(p => p.Forum);
            b.HasSortKey(p => p.Subject);
            b.Property(p => p.ETag).IsConcurrencyToken();
        })).FindEntityType(typeof(Post))!;
        var number = new Amazon.DynamoDBv2.Model.AttributeValue { N = "5" };
        Assert.Equal("5", Codec(nameof(Post.Body)).Read(number));
        foreach (var name in new[] { nameof(Post.Forum), nameof(Post.Subject), nameof(Post.ETag) })
        {
            Assert.Throws<EFCore.DynamoDb.Storage.Internal.Codecs.AttributeTypeMismatchException>(() => Codec(name).Read(number));
        }

        EFCore.DynamoDb.Storage.Internal.Codecs.AttributeValueCodec<string> Codec(string property)
            => (EFCore.DynamoDb.Storage.Internal.Codecs.AttributeValueCodec<string>)
                ((EFCore.DynamoDb.Storage.Internal.DynamoDbTypeMapping)entityType.FindProperty(property)!.GetTypeMapping()).Codec;
    }

    [Fact]
    public void Keys_and_tokens_another_writer_may_store_in_another_form_are_kept()
    {
        // A DateTime sort key (milliseconds, "+00:00"), a number token ("1.0"), a string with a converter.
        Assert.Equal(["Posted", "Version"], Kept(m => m.Entity<Post>(b =>
        {
            b.HasPartitionKey(p => p.Forum);
            b.HasSortKey(p => p.Posted);
            b.Property(p => p.Version).IsConcurrencyToken();
        })));
        Assert.Equal(["Forum"], Kept(m => m.Entity<Post>(b =>
        {
            b.HasPartitionKey(p => p.Forum);
            b.HasSortKey(p => p.Subject);
            b.Property(p => p.Forum).HasConversion(v => v.ToUpperInvariant(), v => v);
        })));
    }

    [Fact]
    public void A_string_key_with_its_own_comparer_is_kept()
    {
        // A case-insensitive key takes "A" and "a" as one key: which of the two the item holds matters for its writes.
        var ignoreCase = new ValueComparer<string>((a, b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase), v => v.ToUpperInvariant().GetHashCode());
        Assert.Equal(["Subject"], Kept(m => m.Entity<Post>(b =>
        {
            b.HasPartitionKey(p => p.Forum);
            b.HasSortKey(p => p.Subject);
            b.Property(p => p.Subject).Metadata.SetValueComparer(ignoreCase);
        })));
    }

    [Fact]
    public void Key_template_attributes_are_kept()
        => Assert.Equal(["PK"], Kept(m => m.Entity<Post>(b =>
        {
            b.HasPartitionKey("PK", p => p.Forum, "FORUM#{0}");
            b.HasSortKey(p => p.Subject);
        })));
}
