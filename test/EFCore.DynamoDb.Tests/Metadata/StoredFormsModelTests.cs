using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using static EFCore.DynamoDb.Tests.Metadata.ModelHelpers;

namespace EFCore.DynamoDb.Tests.Metadata;

/// <summary>
///     Which stored form each property gets: HasDateTimeFormat (per property and model-wide), UseDynamoDbContextConventions,
///     row versions, and the naming convention; checked on the models' type mappings and attribute names, without a server.
/// </summary>
public class StoredFormsModelTests
{
    public class Post
    {
        public string Id { get; set; } = "";
        public DateTime ReplyDateTime { get; set; }
        public DateTime? EditedAt { get; set; }
        public DateTimeOffset PostedAt { get; set; }
        public DateTime? ExpiresAt { get; set; }
        public bool Flag { get; set; }
        public bool? Maybe { get; set; }
        public List<string> Names { get; set; } = [];
        public string[] Tags { get; set; } = [];
        public List<int> Counts { get; set; } = [];
        public IList<string> Other { get; set; } = [];
        public List<bool> Flags { get; set; } = [];
        public HashSet<string> Set { get; set; } = [];
        public long Version { get; set; }
        public int? NullableVersion { get; set; }
        public string? ForumName { get; set; }
        public Address? Home { get; set; }
    }

    public class Address
    {
        public string? StreetName { get; set; }
        public Geo? GeoPoint { get; set; }
    }

    public class Geo
    {
        public double Latitude { get; set; }
    }

    public class Reply
    {
        public string Id { get; set; } = "";
        public DateTime ReplyDateTime { get; set; }
        public string ThreadId { get; set; } = "";
        public string? ReplyBody { get; set; }
        public Dimensions Size { get; set; } = new();
    }

    public class Dimensions
    {
        public int WidthInPixels { get; set; }
    }

    private static DynamoDbTypeMapping Mapping(IModel model, string property)
        => (DynamoDbTypeMapping)model.FindEntityType(typeof(Post))!.FindProperty(property)!.GetTypeMapping();

    private static IModel PostModel(Action<ModelBuilder>? model = null, Action<Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Post>>? post = null)
        => BuildModel(b =>
        {
            model?.Invoke(b);
            b.Entity<Post>(e =>
            {
                e.HasPartitionKey(p => p.Id).HasSortKey(p => p.ReplyDateTime);
                e.Property(p => p.Version).IsRowVersion();
                e.HasTimeToLive(p => p.ExpiresAt);
                e.Ignore(p => p.Home);
                post?.Invoke(e);
            });
        });

    private static string Written(DynamoDbTypeMapping mapping, object value)
    {
        var attribute = mapping.ToAttributeValue(value)!;
        return attribute.S ?? attribute.N ?? (attribute.BOOL is { } b ? "BOOL " + b : attribute.IsSSSet ? "SS " + string.Join(",", attribute.SS)
            : attribute.IsNSSet ? "NS " + string.Join(",", attribute.NS) : attribute.IsLSet ? "L" : "?");
    }

    [Fact]
    public void Without_configuration_every_property_keeps_the_default_form()
    {
        var model = PostModel();
        Assert.Equal("2026-11-28T16:28:34.2520000Z", Written(Mapping(model, "ReplyDateTime"), new DateTime(2026, 11, 28, 16, 28, 34, 252, DateTimeKind.Utc)));
        Assert.Equal("BOOL True", Written(Mapping(model, "Flag"), true));
        Assert.Equal("L", Written(Mapping(model, "Names"), new List<string> { "a" }));
        Assert.Equal(1L, Mapping(model, "Version").MissingValue is long v ? v + 1 : -1);
    }

    [Fact]
    public void A_property_format_wins_over_the_model_default_which_covers_the_other_date_properties()
    {
        var model = PostModel(
            m => m.HasDateTimeFormat("yyyy-MM-ddTHH:mm:ssZ"),
            p => p.Property(x => x.ReplyDateTime).HasDateTimeFormat("yyyy-MM-ddTHH:mm:ss.fffZ"));
        var instant = new DateTime(2026, 11, 28, 16, 28, 34, DateTimeKind.Utc);
        Assert.Equal("2026-11-28T16:28:34.000Z", Written(Mapping(model, "ReplyDateTime"), instant));
        Assert.Equal("2026-11-28T16:28:34Z", Written(Mapping(model, "EditedAt"), instant));
        Assert.Equal("2026-11-28T16:28:34Z", Written(Mapping(model, "PostedAt"), new DateTimeOffset(instant)));

        // The time-to-live attribute keeps its epoch seconds.
        Assert.Equal("1795883314", Written(Mapping(model, "ExpiresAt"), instant));
    }

    [Fact]
    public void HasDateTimeFormat_is_refused_on_other_types_and_with_a_converter()
    {
        var other = Assert.Throws<InvalidOperationException>(() => PostModel(post: p => p.Property(x => x.ForumName).HasDateTimeFormat("yyyy")));
        Assert.Contains("'Post.ForumName' of type 'string'", other.Message);

        var conflict = AssertInvalid(b => b.Entity<Post>(e =>
        {
            e.HasPartitionKey(p => p.Id);
            e.Ignore(p => p.Home);
            e.Property(p => p.EditedAt).HasDateTimeFormat("yyyy-MM-dd").HasConversion<long>();
        }));
        Assert.Contains("'Post.EditedAt' has the date and time format 'yyyy-MM-dd' and a value converter", conflict.Message);

        Assert.Throws<ArgumentException>(() => PostModel(m => m.HasDateTimeFormat("yyyy-MM-ddTHH:mm:sszzz")));
    }

    [Fact]
    public void DynamoDBContext_conventions_V1_store_bool_as_numbers_lists_and_arrays_as_sets_and_dates_with_milliseconds()
    {
        var model = PostModel(m => m.UseDynamoDbContextConventions());
        Assert.Equal("1", Written(Mapping(model, "Flag"), true));
        Assert.Equal("0", Written(Mapping(model, "Maybe"), false));
        Assert.Equal("SS b,a", Written(Mapping(model, "Names"), new List<string> { "b", "a" }));
        Assert.Equal("SS x", Written(Mapping(model, "Tags"), new[] { "x" }));
        Assert.Equal("NS 3,1", Written(Mapping(model, "Counts"), new List<int> { 3, 1 }));
        Assert.Equal("2026-11-28T16:28:34.252Z", Written(Mapping(model, "ReplyDateTime"), new DateTime(2026, 11, 28, 16, 28, 34, 252, DateTimeKind.Utc)));

        // Where DynamoDBContext writes a list, or the provider's mapping is already DynamoDBContext's, nothing changes.
        Assert.Equal("L", Written(Mapping(model, "Other"), new List<string> { "a" }));
        Assert.Equal("L", Written(Mapping(model, "Flags"), new List<bool> { true, true }));
        Assert.Equal("SS a", Written(Mapping(model, "Set"), new HashSet<string> { "a" }));

        // An empty list is no attribute there, and a missing one reads as empty.
        Assert.Null(Mapping(model, "Names").ToAttributeValue(new List<string>()));
        Assert.Equal(new List<string>(), Mapping(model, "Names").MissingValue);
    }

    [Fact]
    public void DynamoDBContext_conventions_V2_keep_BOOL_and_L_and_use_the_sdk_date_text()
    {
        var model = PostModel(m => m.UseDynamoDbContextConventions(ConversionSchema.V2));
        Assert.Equal("BOOL True", Written(Mapping(model, "Flag"), true));
        Assert.Equal("L", Written(Mapping(model, "Names"), new List<string> { "a" }));
        Assert.Equal("2026-11-28T16:28:34.252Z", Written(Mapping(model, "ReplyDateTime"), new DateTime(2026, 11, 28, 16, 28, 34, 252, DateTimeKind.Utc)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PostModel(m => m.UseDynamoDbContextConventions(ConversionSchema.Unset)));
    }

    [Fact]
    public void Row_versions_start_at_1_or_at_0_under_DynamoDBContext_conventions_and_a_missing_one_reads_as_0()
    {
        var model = PostModel(post: p => p.Property(x => x.NullableVersion).IsRowVersion());
        var version = model.FindEntityType(typeof(Post))!.FindProperty("Version")!;
        var nullable = model.FindEntityType(typeof(Post))!.FindProperty("NullableVersion")!;
        Assert.Equal(0L, Mapping(model, "Version").MissingValue);
        Assert.Null(Mapping(model, "NullableVersion").MissingValue);
        Assert.Equal(1, DynamoDbStoredForms.NextRowVersion(version, null));
        Assert.Equal(8, DynamoDbStoredForms.NextRowVersion(version, 7L));
        Assert.True(DynamoDbStoredForms.MayBeUnversioned(version, 0L));
        Assert.False(DynamoDbStoredForms.MayBeUnversioned(version, 1L));
        Assert.False(DynamoDbStoredForms.MayBeUnversioned(nullable, null));

        var sdk = PostModel(m => m.UseDynamoDbContextConventions());
        Assert.Equal(0, DynamoDbStoredForms.NextRowVersion(sdk.FindEntityType(typeof(Post))!.FindProperty("Version")!, null));
    }

    [Fact]
    public void Ranges_on_a_format_that_does_not_sort_are_known_to_the_value_mapping_with_the_reason()
    {
        var model = PostModel(post: p => p.Property(x => x.EditedAt).HasDateTimeFormat("dd/MM/yyyy HH:mm:ss"));
        var mapping = DynamoDbValueMapping.ForProperty(model.FindEntityType(typeof(Post))!.FindProperty("EditedAt")!);
        Assert.False(mapping.PreservesOrder);
        Assert.Contains("'dd/MM/yyyy HH:mm:ss' does not sort like time", mapping.UnorderedReason);

        var sortable = DynamoDbValueMapping.ForProperty(model.FindEntityType(typeof(Post))!.FindProperty("ReplyDateTime")!);
        Assert.True(sortable.PreservesOrder);
        Assert.Null(sortable.UnorderedReason);
    }

    [Fact]
    public void Bool_values_compared_in_queries_have_both_forms()
    {
        var model = PostModel();
        var mapping = DynamoDbValueMapping.ForProperty(model.FindEntityType(typeof(Post))!.FindProperty("Flag")!);
        var written = mapping.ToAttributeValue(true)!;
        Assert.True(written.BOOL);
        Assert.Equal("1", mapping.AlternativeForm(written)!.N);
        Assert.Null(DynamoDbValueMapping.ForProperty(model.FindEntityType(typeof(Post))!.FindProperty("ForumName")!)
            .AlternativeForm(new AttributeValue { S = "x" }));
    }

    [Fact]
    public void Snake_case_names_properties_keys_owned_and_complex_members_and_the_discriminator()
    {
        var model = BuildModel(b =>
        {
            b.HasAttributeNamingConvention(DynamoDbNamingConvention.SnakeCase);
            b.Entity<Post>(e =>
            {
                e.ToTable("Forum");
                e.HasPartitionKey(p => p.Id).HasSortKey(p => p.ReplyDateTime);
                e.Property(p => p.Version).IsRowVersion();
                e.Property(p => p.ForumName).HasAttributeName("forum");
                e.HasIndex(p => new { p.ForumName, p.EditedAt }, "ByForum");
                e.OwnsOne(p => p.Home, h => h.OwnsOne(a => a.GeoPoint));
            });
            b.Entity<Reply>(e =>
            {
                e.ToTable("Forum");
                e.HasPartitionKey(r => r.Id).HasSortKey(r => r.ReplyDateTime);
                e.ComplexProperty(r => r.Size);
            });
        });

        var post = model.FindEntityType(typeof(Post))!;
        Assert.Equal("reply_date_time", post.FindProperty("ReplyDateTime")!.GetAttributeName());
        Assert.Equal("id", post.FindProperty("Id")!.GetAttributeName());
        Assert.Equal("forum", post.FindProperty("ForumName")!.GetAttributeName());
        Assert.Equal("discriminator", post.FindProperty("Discriminator")!.GetAttributeName());
        var home = model.FindEntityType(typeof(Address))!;
        Assert.Equal("home", home.GetContainingAttributeName());
        Assert.Equal("street_name", home.FindProperty("StreetName")!.GetAttributeName());
        var geo = model.FindEntityType(typeof(Geo))!;
        Assert.Equal("geo_point", geo.GetContainingAttributeName());
        Assert.Equal("latitude", geo.FindProperty("Latitude")!.GetAttributeName());

        var reply = model.FindEntityType(typeof(Reply))!;
        var size = reply.FindComplexProperty("Size")!;
        Assert.Equal("size", size.GetAttributeName());
        Assert.Equal("width_in_pixels", size.ComplexType.FindProperty("WidthInPixels")!.GetAttributeName());
        Assert.Equal("thread_id", reply.FindProperty("ThreadId")!.GetAttributeName());

        // The table's key schema and the index key schema use the names.
        var table = TableDefinitions(b =>
        {
            b.HasAttributeNamingConvention(DynamoDbNamingConvention.SnakeCase);
            b.Entity<Post>(e =>
            {
                e.HasPartitionKey(p => p.Id).HasSortKey(p => p.ReplyDateTime);
                e.Property(p => p.Version).IsRowVersion();
                e.HasIndex(p => new { p.ForumName, p.EditedAt }, "ByForum");
                e.Ignore(p => p.Home);
            });
        }).Values.Single();
        Assert.Equal(["id", "reply_date_time"], table.KeySchema.Select(k => k.AttributeName));
        Assert.Equal(["forum_name", "edited_at"], table.CreateTableRequest.GlobalSecondaryIndexes.Single().KeySchema.Select(k => k.AttributeName));
    }

    [Theory]
    [InlineData(DynamoDbNamingConvention.None, "LastPostDateTime")]
    [InlineData(DynamoDbNamingConvention.SnakeCase, "last_post_date_time")]
    [InlineData(DynamoDbNamingConvention.CamelCase, "lastPostDateTime")]
    [InlineData(DynamoDbNamingConvention.LowerCase, "lastpostdatetime")]
    [InlineData(DynamoDbNamingConvention.UpperSnakeCase, "LAST_POST_DATE_TIME")]
    public void Each_convention_names_a_property(DynamoDbNamingConvention convention, string expected)
        => Assert.Equal(expected, EFCore.DynamoDb.Metadata.Conventions.DynamoDbAttributeNamingConvention.Apply(convention, "LastPostDateTime"));

    [Fact]
    public void Camel_case_lowers_a_leading_acronym_whole()
    {
        Assert.Equal("id", EFCore.DynamoDb.Metadata.Conventions.DynamoDbAttributeNamingConvention.Apply(DynamoDbNamingConvention.CamelCase, "ID"));
        Assert.Equal("urlValue", EFCore.DynamoDb.Metadata.Conventions.DynamoDbAttributeNamingConvention.Apply(DynamoDbNamingConvention.CamelCase, "URLValue"));
    }
}
