using EFCore.DynamoDb.Metadata.Internal;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.Tests.Metadata.ModelHelpers;

namespace EFCore.DynamoDb.Tests.Metadata;

/// <summary>Key templates in the model: EF's key, the table they create, the validator's refusals.</summary>
public class KeyTemplateModelTests
{
    public class Account
    {
        public string Tenant { get; set; } = null!;
        public int Number { get; set; }
        public DateTime Opened { get; set; }
        public string? Note { get; set; }
        public Guid Code { get; set; }
    }

    public class Movement
    {
        public string Tenant { get; set; } = null!;
        public int Number { get; set; }
        public string Kind { get; set; } = null!;
    }

    private static void Accounts(ModelBuilder m, string sortKeyTemplate = "ACCOUNT#{0:D6}")
        => m.Entity<Account>(b =>
        {
            b.ToTable("Bank");
            b.HasPartitionKey("PK", a => a.Tenant, "TENANT#{0}");
            b.HasSortKey("SK", a => a.Number, sortKeyTemplate);
        });

    [Fact]
    public void EF_key_is_every_template_property_and_they_have_no_attributes_of_their_own()
    {
        var model = BuildModel(m => Accounts(m));
        var account = model.FindEntityType(typeof(Account))!;
        Assert.Equal(["Tenant", "Number"], account.FindPrimaryKey()!.Properties.Select(p => p.Name));
        Assert.Equal("PK", account.GetPartitionKeyAttributeName());
        Assert.Equal("SK", account.GetSortKeyAttributeName());
        Assert.Equal("TENANT#{0}", account.GetPartitionKeyTemplate());
        Assert.True(DynamoDbKeyParts.IsTemplateComponent(account.FindProperty("Number")!));
        Assert.False(DynamoDbKeyParts.IsTemplateComponent(account.FindProperty("Note")!));
    }

    [Fact]
    public void The_table_is_created_with_string_keys_PK_and_SK()
    {
        var table = TableDefinitions(m => Accounts(m))["Bank"];
        Assert.Equal(["PK HASH", "SK RANGE"], table.CreateTableRequest.KeySchema.Select(k => k.AttributeName + " " + k.KeyType.Value));
        Assert.All(table.CreateTableRequest.AttributeDefinitions, a => Assert.Equal("S", a.AttributeType.Value));
    }

    [Fact]
    public void A_template_that_does_not_use_each_property_once_is_refused()
    {
        var exception = Assert.Throws<ArgumentException>(
            () => BuildModel(m => m.Entity<Account>(b => b.HasPartitionKey("PK", a => new { a.Tenant, a.Number }, "T#{0}"))));
        Assert.Contains("exactly once", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Holes_without_a_separator_are_refused()
    {
        var exception = Assert.Throws<FormatException>(
            () => BuildModel(m => m.Entity<Account>(b => b.HasPartitionKey("PK", a => new { a.Tenant, a.Number }, "T#{0}{1}"))));
        Assert.Contains("no literal text between them", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_of_a_table_key_template_is_required_as_EF_key_properties_are()
    {
        var model = BuildModel(m => m.Entity<Account>(b =>
        {
            b.HasPartitionKey("PK", a => a.Tenant, "T#{0}");
            b.HasSortKey("SK", a => a.Note, "NOTE#{0}");
        }));
        Assert.False(model.FindEntityType(typeof(Account))!.FindProperty("Note")!.IsNullable);
    }

    [Fact]
    public void A_nullable_property_of_an_index_template_makes_a_sparse_index()
    {
        var model = BuildModel(m =>
        {
            Accounts(m);
            m.Entity<Account>().HasIndex(a => new { a.Note }, "ByNote").HasPartitionKey("GSI1PK", a => a.Note, "NOTE#{0}");
        });
        var index = model.FindEntityType(typeof(Account))!.GetIndexes().Single();
        Assert.Equal("GSI1PK", index.GetIndexPartitionKeyAttributeName());
    }

    [Fact]
    public void A_format_that_does_not_round_trip_is_refused_naming_it()
    {
        var exception = AssertInvalid(m => Accounts(m, "ACCOUNT#{0:yyyy-MM-dd}"));
        Assert.Contains("'yyyy-MM-dd'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Account.Number", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_prefixes_of_two_types_in_one_table_are_refused()
    {
        var exception = AssertInvalid(m =>
        {
            Accounts(m);
            m.Entity<Movement>(b =>
            {
                b.ToTable("Bank");
                b.HasPartitionKey("PK", x => x.Tenant, "TENANT#{0}");
                b.HasSortKey("SK", x => new { x.Number, x.Kind }, "ACCOUNT#{0:D6}#MOVE#{1}");
            });
        });
        Assert.Contains("'ACCOUNT#'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Movement", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Distinct_prefixes_share_a_table_without_a_discriminator()
    {
        var model = BuildModel(m =>
        {
            Accounts(m);
            m.Entity<Movement>(b =>
            {
                b.ToTable("Bank");
                b.HasPartitionKey("PK", x => x.Tenant, "TENANT#{0}");
                b.HasSortKey("SK", x => new { x.Number, x.Kind }, "MOVE#{0:D6}#{1}");
            });
        });
        Assert.All(model.GetEntityTypes(), e => Assert.Null(e.FindDiscriminatorProperty()));
    }

    [Fact]
    public void An_index_template_over_a_table_key_attribute_is_refused()
    {
        var exception = AssertInvalid(m =>
        {
            Accounts(m);
            m.Entity<Account>().HasIndex(a => new { a.Code }, "ByCode").HasPartitionKey("SK", a => a.Code, "CODE#{0}");
        });
        Assert.Contains("ByCode", exception.Message, StringComparison.Ordinal);
        Assert.Contains("key attribute of the table", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_format_and_parse_back()
    {
        var template = DynamoDbKeyTemplate.Parse("ORDER#{0:yyyy-MM-dd}#{1}");
        Assert.Equal(["ORDER#", "#", ""], template.Literals);
        Assert.Equal("ORDER#2026-01-05#42", template.Format(["2026-01-05", "42"]));
        Assert.Equal(["2026-01-05", "42"], template.TryParse("ORDER#2026-01-05#42")!);
        Assert.Null(template.TryParse("LINE#2026-01-05#42"));
        Assert.Equal("ORDER#2026-01-05#", template.PrefixThrough(1, ["2026-01-05", "?"]));
        Assert.Equal(["{", "}"], DynamoDbKeyTemplate.Parse("{{{0}}}").Literals);
    }
}
