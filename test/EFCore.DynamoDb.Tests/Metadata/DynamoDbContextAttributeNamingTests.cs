using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using static EFCore.DynamoDb.Tests.Metadata.ModelHelpers;

namespace EFCore.DynamoDb.Tests.Metadata;

/// <summary>
///     The attribute names EF gives classes that carry DynamoDBContext's attributes are the names DynamoDBContext itself writes
///     (its <c>ToDocument</c>, no server): explicit names, the table's casing at the item's level and inside nested maps.
/// </summary>
public class DynamoDbContextAttributeNamingTests
{
    [Owned]
    public class Address
    {
        public string StreetName { get; set; } = "";

        [DynamoDBProperty("ZIP")]
        public string PostalCode { get; set; } = "";
    }

    [DynamoDBTable("CamelPeople", CaseMode.CamelCase)]
    public class CamelPerson
    {
        [DynamoDBHashKey("PersonID")]
        public string Id { get; set; } = "";

        public string URLValue { get; set; } = "";

        [DynamoDBProperty("Explicit_Name")]
        public string Named { get; set; } = "";

        [DynamoDBVersion("Ver")]
        public int? Version { get; set; }

        public Address Home { get; set; } = new();
    }

#pragma warning disable CS0618 // LowerCamelCaseProperties is obsolete in the SDK, but tables were written with it.
    [DynamoDBTable("LegacyPeople", true)]
#pragma warning restore CS0618
    public class LegacyPerson
    {
        [DynamoDBHashKey]
        public string PersonId { get; set; } = "";

        public string URLValue { get; set; } = "";

        [DynamoDBProperty("Explicit_Name")]
        public string Named { get; set; } = "";

        public Address Home { get; set; } = new();
    }

    [DynamoDBTable("PlainPeople")]
    public class PlainPerson
    {
        [DynamoDBHashKey]
        public string PersonId { get; set; } = "";

        [DynamoDBProperty("full_name")]
        public string Name { get; set; } = "";

        public Address Home { get; set; } = new();
    }

    private static readonly IDynamoDBContext Sdk = new DynamoDBContextBuilder()
        .WithDynamoDBClient(() => new AmazonDynamoDBClient(
            new Amazon.Runtime.BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig { ServiceURL = NoServer }))
        .ConfigureContext(c => c.DisableFetchingTableMetadata = true)
        .Build();

    /// <summary>The item-level names and the names inside the nested map "Home" (under its own name), EF's and the SDK's.</summary>
    private static void AssertSameNames<T>(T value)
        where T : class
    {
        var document = Sdk.ToDocument(value);
        var entityType = BuildModel(m => m.Entity<T>()).FindEntityType(typeof(T))!;
        Assert.Equal(document.Keys.Order(StringComparer.Ordinal), ItemNames(entityType).Order(StringComparer.Ordinal));

        var owned = entityType.GetNavigations().Single(n => n.TargetEntityType.IsOwned()).TargetEntityType;
        var homeName = owned.GetContainingAttributeName();
        Assert.NotNull(homeName);
        var nested = document[homeName].AsDocument();
        Assert.Equal(nested.Keys.Order(StringComparer.Ordinal), owned.GetProperties().Where(p => !p.IsShadowProperty()).Select(p => p.GetAttributeName()).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> ItemNames(IEntityType entityType)
        => entityType.GetProperties().Select(p => p.GetAttributeName())
            .Concat(entityType.GetNavigations().Where(n => n.TargetEntityType.IsOwned()).Select(n => n.TargetEntityType.GetContainingAttributeName()!));

    [Fact]
    public void CamelCase_lowers_the_first_letter_of_every_name_at_every_level()
        => AssertSameNames(new CamelPerson { Id = "p", URLValue = "u", Named = "n", Version = 1, Home = new Address { StreetName = "s", PostalCode = "z" } });

    [Fact]
    public void Legacy_lower_camel_case_cases_the_item_level_names_only()
        => AssertSameNames(new LegacyPerson { PersonId = "p", URLValue = "u", Named = "n", Home = new Address { StreetName = "s", PostalCode = "z" } });

    [Fact]
    public void Without_a_casing_the_names_are_the_members_and_the_attributes_names()
        => AssertSameNames(new PlainPerson { PersonId = "p", Name = "n", Home = new Address { StreetName = "s", PostalCode = "z" } });

    [Fact]
    public void An_explicit_HasAttributeName_is_kept_as_it_is()
    {
        var entityType = BuildModel(m => m.Entity<CamelPerson>().Property(p => p.URLValue).HasAttributeName("Url"))
            .FindEntityType(typeof(CamelPerson))!;
        Assert.Equal("Url", entityType.FindProperty(nameof(CamelPerson.URLValue))!.GetAttributeName());
        Assert.Equal("explicit_Name", entityType.FindProperty(nameof(CamelPerson.Named))!.GetAttributeName());
    }
}
