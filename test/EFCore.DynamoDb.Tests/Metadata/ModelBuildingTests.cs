using Amazon.DynamoDBv2;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using static EFCore.DynamoDb.Tests.Metadata.ModelHelpers;

namespace EFCore.DynamoDb.Tests.Metadata;

/// <summary>The model-building API, the conventions and the metadata accessors, checked on models built without a server.</summary>
public class ModelBuildingTests
{
    public class Thread
    {
        public string ForumName { get; set; } = "";
        public string Subject { get; set; } = "";
        public int Views { get; set; }
        public string Category { get; set; } = "";
        public DateTime LastPostDateTime { get; set; }
        public string? Author { get; set; }
    }

    public class Annotated
    {
        [PartitionKey]
        public string Tenant { get; set; } = "";

        [SortKey]
        public long Sequence { get; set; }

        public string? Id { get; set; }
    }

    public class Device
    {
        [PartitionKey]
        public string Site { get; set; } = "";

        [SortKey]
        public string Serial { get; set; } = "";

        public string Model { get; set; } = "";
    }

    public class Sensor : Device
    {
        public string Kind { get; set; } = "";
    }

    public class Keyed
    {
        public string First { get; set; } = "";
        public int Second { get; set; }
        public string Other { get; set; } = "";
    }

    public class Session
    {
        public string Id { get; set; } = "";
        public DateTime ExpiresAt { get; set; }
        public DateTimeOffset? EndsAt { get; set; }
        public long ExpiresEpoch { get; set; }
    }

    public class Customer
    {
        public string Pk { get; set; } = "";
        public string Sk { get; set; } = "";
        public string Email { get; set; } = "";
    }

    public class Order
    {
        public string Pk { get; set; } = "";
        public string Sk { get; set; } = "";
        public decimal Total { get; set; }
        public string Email { get; set; } = "";
    }

    public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
    {
        public DbSet<Customer> Clients => Set<Customer>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Customer>().HasKey(c => new { c.Pk, c.Sk });
            modelBuilder.Entity<Order>().HasKey(o => new { o.Pk, o.Sk });
        }
    }

    private static IEntityType Entity<T>(IModel model) => model.FindEntityType(typeof(T))!;

    private static void ThreadModel(ModelBuilder mb)
        => mb.Entity<Thread>(b =>
        {
            b.ToTable("Thread");
            b.HasPartitionKey(t => t.ForumName);
            b.HasSortKey(t => t.Subject);
        });

    [Fact]
    public void HasPartitionKey_and_HasSortKey_define_the_EF_key()
    {
        var thread = Entity<Thread>(BuildModel(ThreadModel));

        Assert.Equal("ForumName", thread.GetPartitionKeyProperty()!.Name);
        Assert.Equal("Subject", thread.GetSortKeyProperty()!.Name);
        Assert.Equal(["ForumName", "Subject"], thread.FindPrimaryKey()!.Properties.Select(p => p.Name));
        Assert.Equal("Thread", thread.GetTableName());
    }

    [Fact]
    public void HasSortKey_before_HasPartitionKey_works()
    {
        var thread = Entity<Thread>(BuildModel(mb => mb.Entity<Thread>(b =>
        {
            b.HasSortKey(t => t.Subject);
            b.HasPartitionKey(t => t.ForumName);
        })));

        Assert.Equal(["ForumName", "Subject"], thread.FindPrimaryKey()!.Properties.Select(p => p.Name));
        Assert.Equal("Subject", thread.GetSortKeyProperty()!.Name);
    }

    [Fact]
    public void String_overloads_on_the_non_generic_builder_work()
    {
        var thread = Entity<Thread>(BuildModel(mb =>
        {
            var b = mb.Entity(typeof(Thread));
            b.ToTable("Threads");
            b.HasSortKey("Subject");
            b.HasPartitionKey("ForumName");
            b.HasTimeToLive("LastPostDateTime");
            b.HasProvisionedThroughput(3, 4);
            b.HasIndex(["Category", "Views"], "ByCategory").IncludeProperties("Author");
        }));

        Assert.Equal("Threads", thread.GetTableName());
        Assert.Equal(["ForumName", "Subject"], thread.FindPrimaryKey()!.Properties.Select(p => p.Name));
        Assert.Equal("LastPostDateTime", thread.GetTimeToLiveProperty()!.Name);
        Assert.Equal(new ProvisionedThroughput(3, 4), thread.GetProvisionedThroughput());
        var index = thread.GetIndexes().Single();
        Assert.Equal("ByCategory", index.GetIndexName());
        Assert.Equal(DynamoDbIndexProjection.Include, index.GetProjection());
        Assert.Equal(["Author"], index.GetIncludedProperties());
    }

    [Fact]
    public void PartitionKey_and_SortKey_attributes_define_the_key()
    {
        var annotated = Entity<Annotated>(BuildModel(mb => mb.Entity<Annotated>()));

        Assert.Equal("Tenant", annotated.GetPartitionKeyProperty()!.Name);
        Assert.Equal("Sequence", annotated.GetSortKeyProperty()!.Name);
        Assert.Equal(["Tenant", "Sequence"], annotated.FindPrimaryKey()!.Properties.Select(p => p.Name));
    }

    [Fact]
    public void Key_attributes_on_a_base_class_key_the_hierarchy_whichever_type_is_configured_first()
    {
        foreach (var derivedFirst in new[] { true, false })
        {
            var model = BuildModel(mb =>
            {
                if (derivedFirst)
                {
                    mb.Entity<Sensor>();
                }

                mb.Entity<Device>();
                mb.Entity<Sensor>();
            });

            var sensor = Entity<Sensor>(model);
            Assert.Equal(["Site", "Serial"], Entity<Device>(model).FindPrimaryKey()!.Properties.Select(p => p.Name));
            Assert.Equal("Site", sensor.GetPartitionKeyProperty()!.Name);
            Assert.Equal("Serial", sensor.GetSortKeyProperty()!.Name);
            Assert.Equal("Device", sensor.GetTableName());
        }
    }

    [Fact]
    public void Indexes_declared_on_derived_types_belong_to_the_hierarchys_table_and_project_its_discriminator()
    {
        var tables = TableDefinitions(mb =>
        {
            mb.Entity<Device>().HasIndex(d => d.Model, "ByModel");
            mb.Entity<Sensor>(b =>
            {
                b.HasIndex(s => new { s.Kind, s.Model }, "ByKind").HasProjection(DynamoDbIndexProjection.KeysOnly);
                b.HasIndex(s => new { s.Site, s.Kind }, "BySiteKind").IsLocalSecondaryIndex().IncludeProperties(s => s.Model);
            });
        });

        var request = Assert.Single(tables).Value.CreateTableRequest;
        Assert.Equal("Device", request.TableName);
        Assert.Equal(["ByKind", "ByModel"], request.GlobalSecondaryIndexes.Select(i => i.IndexName));
        var byKind = request.GlobalSecondaryIndexes[0];
        Assert.Equal(["Kind HASH", "Model RANGE"], byKind.KeySchema.Select(k => k.AttributeName + " " + k.KeyType.Value));
        Assert.Equal(ProjectionType.INCLUDE, byKind.Projection.ProjectionType);
        Assert.Equal(["Discriminator"], byKind.Projection.NonKeyAttributes);
        Assert.Equal(ProjectionType.ALL, request.GlobalSecondaryIndexes[1].Projection.ProjectionType);
        var lsi = Assert.Single(request.LocalSecondaryIndexes);
        Assert.Equal(["Site HASH", "Kind RANGE"], lsi.KeySchema.Select(k => k.AttributeName + " " + k.KeyType.Value));
        Assert.Equal(["Model", "Discriminator"], lsi.Projection.NonKeyAttributes);
        Assert.Equal(
            ["Kind S", "Model S", "Serial S", "Site S"],
            request.AttributeDefinitions.Select(a => a.AttributeName + " " + a.AttributeType.Value).Order());
    }

    [Fact]
    public void Fluent_HasKey_after_key_attributes_is_a_conflict_the_validator_names()
    {
        var error = AssertInvalid(mb => mb.Entity<Annotated>().HasKey(a => a.Id));
        Assert.Contains("The DynamoDB key of 'Annotated' (partition key 'Tenant', sort key 'Sequence') does not match its EF key ('Id')", error.Message);
    }

    [Fact]
    public void Composite_HasKey_maps_first_property_to_partition_key_and_second_to_sort_key()
    {
        var keyed = Entity<Keyed>(BuildModel(mb => mb.Entity<Keyed>().HasKey(k => new { k.First, k.Second })));

        Assert.Equal("First", keyed.GetPartitionKeyProperty()!.Name);
        Assert.Equal("Second", keyed.GetSortKeyProperty()!.Name);
    }

    [Fact]
    public void HasPartitionKey_after_a_composite_HasKey_keeps_its_sort_key()
    {
        var keyed = Entity<Keyed>(BuildModel(mb => mb.Entity<Keyed>(b =>
        {
            b.HasKey(k => new { k.First, k.Second });
            b.HasPartitionKey(k => k.Other);
        })));

        Assert.Equal(["Other", "Second"], keyed.FindPrimaryKey()!.Properties.Select(p => p.Name));
        Assert.Equal("Second", keyed.GetSortKeyProperty()!.Name);
    }

    [Fact]
    public void Single_property_HasKey_is_the_partition_key_without_sort_key()
    {
        var keyed = Entity<Keyed>(BuildModel(mb => mb.Entity<Keyed>().HasKey(k => k.Other)));

        Assert.Equal("Other", keyed.GetPartitionKeyProperty()!.Name);
        Assert.Null(keyed.GetSortKeyProperty());
    }

    [Fact]
    public void HasAttributeName_renames_the_stored_attribute_and_the_key_schema()
    {
        var tables = TableDefinitions(mb => mb.Entity<Thread>(b =>
        {
            b.ToTable("Thread");
            b.HasPartitionKey(t => t.ForumName).Property(t => t.ForumName).HasAttributeName("forum_name");
            b.HasSortKey(t => t.Subject).Property(t => t.Subject).HasAttributeName("subject");
        }));

        var request = tables["Thread"].CreateTableRequest;
        Assert.Equal(["forum_name HASH", "subject RANGE"], request.KeySchema.Select(k => k.AttributeName + " " + k.KeyType.Value));
        Assert.Equal(["forum_name S", "subject S"], request.AttributeDefinitions.Select(a => a.AttributeName + " " + a.AttributeType.Value).Order());
    }

    [Fact]
    public void Table_name_is_the_DbSet_name_else_the_CLR_type_name()
    {
        using var context = new ShopContext(new DbContextOptionsBuilder<ShopContext>().UseDynamoDb(NoServer).Options);

        Assert.Equal("Clients", Entity<Customer>(context.Model).GetTableName());
        Assert.Equal("Order", Entity<Order>(context.Model).GetTableName());
    }

    [Fact]
    public void ToTable_wins_over_the_DbSet_name_and_can_set_throughput()
    {
        var thread = Entity<Thread>(BuildModel(mb => mb.Entity<Thread>(b =>
        {
            b.ToTable("Forum.Threads", new ProvisionedThroughput(2, 3));
            b.HasPartitionKey(t => t.ForumName);
        })));

        Assert.Equal("Forum.Threads", thread.GetTableName());
        Assert.Equal(new ProvisionedThroughput(2, 3), thread.GetProvisionedThroughput());
    }

    [Fact]
    public void Relational_table_name_annotation_is_honored()
    {
        // What EF relational's ToTable stores; the functional tests call relational's ToTable itself.
        var thread = Entity<Thread>(BuildModel(mb => mb.Entity<Thread>(b =>
        {
            b.HasAnnotation("Relational:TableName", "FromRelational");
            b.HasPartitionKey(t => t.ForumName);
        })));

        Assert.Equal("FromRelational", thread.GetTableName());
    }

    [Fact]
    public void Time_to_live_dates_are_stored_as_epoch_seconds_and_integers_as_they_are()
    {
        var model = BuildModel(mb =>
        {
            mb.Entity<Session>().HasTimeToLive(s => s.ExpiresAt);
            mb.Entity<Session>().Property(s => s.ExpiresAt).HasAttributeName("ttl");
        });
        var session = Entity<Session>(model);

        Assert.IsType<DateTimeToEpochSecondsConverter>(session.FindProperty("ExpiresAt")!.GetValueConverter());
        Assert.Equal("N", ((DynamoDbTypeMapping)session.FindProperty("ExpiresAt")!.GetTypeMapping()).StoreType);
        Assert.Equal("ttl", session.GetTimeToLiveProperty()!.GetAttributeName());

        var nullableOffset = Entity<Session>(BuildModel(mb => mb.Entity<Session>().HasTimeToLive(s => s.EndsAt)));
        Assert.IsType<DateTimeOffsetToEpochSecondsConverter>(nullableOffset.FindProperty("EndsAt")!.GetValueConverter());

        var integer = Entity<Session>(BuildModel(mb => mb.Entity<Session>().HasTimeToLive(s => s.ExpiresEpoch)));
        Assert.Null(integer.FindProperty("ExpiresEpoch")!.GetValueConverter());

        // Without HasTimeToLive a DateTime keeps its sortable text form.
        Assert.Equal("S", ((DynamoDbTypeMapping)integer.FindProperty("ExpiresAt")!.GetTypeMapping()).StoreType);
    }

    [Fact]
    public void Time_to_live_keeps_a_converter_the_application_configured()
    {
        var session = Entity<Session>(BuildModel(mb =>
        {
            mb.Entity<Session>().HasTimeToLive(s => s.ExpiresAt);
            mb.Entity<Session>().Property(s => s.ExpiresAt).HasConversion(d => d.Ticks / 10_000_000 - 62_135_596_800, s => DateTime.UnixEpoch.AddSeconds(s));
        }));

        var converter = session.FindProperty("ExpiresAt")!.GetValueConverter();
        Assert.NotNull(converter);
        Assert.IsNotType<DateTimeToEpochSecondsConverter>(converter);
    }

    [Fact]
    public void Index_accessors_describe_global_and_local_indexes()
    {
        var thread = Entity<Thread>(BuildModel(mb =>
        {
            ThreadModel(mb);
            mb.Entity<Thread>(b =>
            {
                b.HasProvisionedThroughput(5, 5);
                b.HasIndex(t => new { t.Category, t.LastPostDateTime }, "ByCategory").HasProvisionedThroughput(2, 1);
                b.HasIndex(t => t.Views, "ByViews").IsLocalSecondaryIndex().HasProjection(DynamoDbIndexProjection.KeysOnly);
                b.HasIndex(t => t.Author);
            });
        }));

        var byCategory = thread.GetIndexes().Single(i => i.GetIndexName() == "ByCategory");
        Assert.False(byCategory.IsLocalSecondaryIndex());
        Assert.Equal("Category", byCategory.GetIndexPartitionKeyProperty()!.Name);
        Assert.Equal("LastPostDateTime", byCategory.GetIndexSortKeyProperty()!.Name);
        Assert.Equal(DynamoDbIndexProjection.All, byCategory.GetProjection());
        Assert.Equal(new ProvisionedThroughput(2, 1), byCategory.GetProvisionedThroughput());

        var byViews = thread.GetIndexes().Single(i => i.GetIndexName() == "ByViews");
        Assert.True(byViews.IsLocalSecondaryIndex());
        Assert.Equal("ForumName", byViews.GetIndexPartitionKeyProperty()!.Name);
        Assert.Equal("Views", byViews.GetIndexSortKeyProperty()!.Name);
        Assert.Equal(DynamoDbIndexProjection.KeysOnly, byViews.GetProjection());
        Assert.Empty(byViews.GetIncludedProperties());

        var unnamed = thread.GetIndexes().Single(i => i.Name == null);
        Assert.Equal("IX_Thread_Author", unnamed.GetIndexName());
        Assert.Null(unnamed.GetIndexSortKeyProperty());
        Assert.Equal(new ProvisionedThroughput(5, 5), unnamed.GetProvisionedThroughput());
    }

    [Fact]
    public void HasProjection_all_forgets_included_properties()
    {
        var thread = Entity<Thread>(BuildModel(mb =>
        {
            ThreadModel(mb);
            mb.Entity<Thread>().HasIndex(t => t.Category, "ByCategory").IncludeProperties(t => new { t.Views, t.Author })
                .HasProjection(DynamoDbIndexProjection.All);
        }));

        var index = thread.GetIndexes().Single();
        Assert.Equal(DynamoDbIndexProjection.All, index.GetProjection());
        Assert.Empty(index.GetIncludedProperties());
    }

    [Fact]
    public void Types_sharing_a_table_get_discriminators_and_their_indexes_project_it()
    {
        var tables = TableDefinitions(mb =>
        {
            mb.Entity<Customer>(b =>
            {
                b.ToTable("Shop");
                b.HasKey(c => new { c.Pk, c.Sk });
                b.HasIndex(c => c.Email, "ByEmail").HasProjection(DynamoDbIndexProjection.KeysOnly);
            });
            mb.Entity<Order>(b =>
            {
                b.ToTable("Shop");
                b.HasKey(o => new { o.Pk, o.Sk });
                b.HasIndex(o => o.Email, "ByEmail").HasProjection(DynamoDbIndexProjection.KeysOnly);
                b.HasIndex(o => o.Total, "ByTotal").IncludeProperties(o => o.Email);
            });
        }, prefix: "test_");

        var table = Assert.Single(tables).Value;
        Assert.Equal("test_Shop", table.TableName);
        Assert.Equal(["Customer", "Order"], table.EntityTypes.Select(e => e.ShortName()).Order());
        foreach (var entityType in table.EntityTypes)
        {
            var discriminator = entityType.FindDiscriminatorProperty();
            Assert.NotNull(discriminator);
            Assert.Equal("Discriminator", discriminator.GetAttributeName());
            Assert.Equal(entityType.ShortName(), entityType.GetDiscriminatorValue());
        }

        var byEmail = table.CreateTableRequest.GlobalSecondaryIndexes.Single(i => i.IndexName == "ByEmail");
        Assert.Equal(ProjectionType.INCLUDE, byEmail.Projection.ProjectionType);
        Assert.Equal(["Discriminator"], byEmail.Projection.NonKeyAttributes);
        var byTotal = table.CreateTableRequest.GlobalSecondaryIndexes.Single(i => i.IndexName == "ByTotal");
        Assert.Equal(["Email", "Discriminator"], byTotal.Projection.NonKeyAttributes);
        var orderByEmail = Entity<Order>(table.EntityTypes[0].Model).GetIndexes().Single(i => i.GetIndexName() == "ByEmail");
        Assert.Equal(DynamoDbIndexProjection.Include, orderByEmail.GetProjection());
        Assert.Equal(["Discriminator"], orderByEmail.GetIncludedProperties());
    }

    [Fact]
    public void A_type_alone_in_its_table_gets_no_discriminator()
    {
        var thread = Entity<Thread>(BuildModel(ThreadModel));

        Assert.Null(thread.FindDiscriminatorProperty());
    }

    [Fact]
    public void Table_definition_declares_only_key_attributes_and_keeps_keys_out_of_included_attributes()
    {
        var tables = TableDefinitions(mb =>
        {
            ThreadModel(mb);
            mb.Entity<Thread>(b =>
            {
                b.HasIndex(t => new { t.Category, t.Views }, "ByCategory").IncludeProperties(t => new { t.Views, t.Subject, t.Author });
                b.HasIndex(t => t.LastPostDateTime, "ByLastPost").IsLocalSecondaryIndex();
            });
        });

        var request = tables["Thread"].CreateTableRequest;
        Assert.Equal(BillingMode.PAY_PER_REQUEST, request.BillingMode);
        Assert.Null(request.ProvisionedThroughput);
        Assert.Equal(
            ["Category S", "ForumName S", "LastPostDateTime S", "Subject S", "Views N"],
            request.AttributeDefinitions.Select(a => a.AttributeName + " " + a.AttributeType.Value).Order());
        var gsi = Assert.Single(request.GlobalSecondaryIndexes);
        Assert.Equal(["Author"], gsi.Projection.NonKeyAttributes);
        Assert.Null(gsi.ProvisionedThroughput);
        var lsi = Assert.Single(request.LocalSecondaryIndexes);
        Assert.Equal(["ForumName HASH", "LastPostDateTime RANGE"], lsi.KeySchema.Select(k => k.AttributeName + " " + k.KeyType.Value));
    }

    [Fact]
    public void Table_throughput_set_by_one_of_the_types_sharing_the_table_applies_to_its_indexes()
    {
        var tables = TableDefinitions(mb =>
        {
            mb.Entity<Customer>(b =>
            {
                b.ToTable("Shop");
                b.HasKey(c => new { c.Pk, c.Sk });
                b.HasIndex(c => c.Email, "ByEmail");
            });
            mb.Entity<Order>(b =>
            {
                b.ToTable("Shop");
                b.HasKey(o => new { o.Pk, o.Sk });
                b.HasProvisionedThroughput(4, 2);
            });
        });

        var request = tables["Shop"].CreateTableRequest;
        Assert.Equal(BillingMode.PROVISIONED, request.BillingMode);
        Assert.Equal(4, request.ProvisionedThroughput.ReadCapacityUnits);
        var gsi = Assert.Single(request.GlobalSecondaryIndexes);
        Assert.Equal(4, gsi.ProvisionedThroughput.ReadCapacityUnits);
        Assert.Equal(2, gsi.ProvisionedThroughput.WriteCapacityUnits);
    }

    [Fact]
    public void Table_name_prefix_is_applied_and_the_full_name_checked()
    {
        Assert.Equal("dev_Thread", Assert.Single(TableDefinitions(ThreadModel, prefix: "dev_")).Key);

        var error = Assert.Throws<InvalidOperationException>(() => TableDefinitions(mb => mb.Entity<Thread>(b =>
        {
            b.ToTable("T");
            b.HasPartitionKey(t => t.ForumName);
        })));
        Assert.Contains("The table name 'T' is not a valid DynamoDB table name: it has 1 characters", error.Message);
        Assert.Contains("It is the table of 'Thread'", error.Message);

        var longPrefix = new string('p', 250);
        var tooLong = Assert.Throws<InvalidOperationException>(() => TableDefinitions(ThreadModel, prefix: longPrefix));
        Assert.Contains($"(the TableNamePrefix '{longPrefix}' followed by the model's table name 'Thread')", tooLong.Message);

        // Short model names are fine once the prefix makes them long enough.
        Assert.Equal("dev_T", Assert.Single(TableDefinitions(mb => mb.Entity<Thread>(b =>
        {
            b.ToTable("T");
            b.HasPartitionKey(t => t.ForumName);
        }), prefix: "dev_")).Key);
    }
}
