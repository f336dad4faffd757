using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Storage.Internal.Codecs;

namespace EFCore.DynamoDb.Tests.Storage;

/// <summary>
///     Set members are written and read as bare text (<c>WriteSetMember</c>, <c>ReadSetMember</c>) instead of one attribute per
///     member; that direct path must give exactly what the general one (<c>Write</c>, <c>Read</c> of an S or N attribute) gives.
/// </summary>
public class SetMemberTextTests
{
    private static void AssertSameAsGeneral<T>(params T[] values)
    {
        var codec = Codecs.ForElement<T>();
        foreach (var value in values)
        {
            var attribute = codec.Write(value)!;
            var text = codec.AttributeType == DynamoDbAttributeType.S ? attribute.S : attribute.N;
            Assert.NotNull(text);
            Assert.Equal(text, codec.WriteSetMember(value));
            Assert.Equal(codec.Read(attribute), codec.ReadSetMember(text));
        }
    }

    [Fact]
    public void Member_text_is_the_text_of_the_written_attribute_and_reads_back_the_same()
    {
        AssertSameAsGeneral("a", "", "😀", "with \"quotes\", commas");
        AssertSameAsGeneral(0, -1, int.MaxValue, int.MinValue);
        AssertSameAsGeneral(1.50m, -0.0000001m, decimal.MaxValue);
        AssertSameAsGeneral(0.1, -1.5e125, 1e-100);
        AssertSameAsGeneral(ulong.MaxValue, 0UL);
        // Converted members: a DateTime becomes its ISO-8601 text, a Guid its "D" text, an enum its number.
        AssertSameAsGeneral(
            new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Local), DateTime.MinValue);
        AssertSameAsGeneral(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"));
        AssertSameAsGeneral(DayOfWeek.Friday);
    }

    [Fact]
    public void A_member_that_cannot_be_stored_or_read_fails_as_the_general_path_does()
    {
        var strings = Codecs.ForElement<string>();
        var lone = "a\ud800b";
        Assert.Equal(
            Assert.Throws<UnstorableValueException>(() => strings.Write(lone)).Message,
            Assert.Throws<UnstorableValueException>(() => strings.WriteSetMember(lone)).Message);

        var doubles = Codecs.ForElement<double>();
        Assert.Equal(
            Assert.Throws<UnstorableValueException>(() => doubles.Write(double.Epsilon)).Message,
            Assert.Throws<UnstorableValueException>(() => doubles.WriteSetMember(double.Epsilon)).Message);

        var numbers = Codecs.ForElement<int>();
        Assert.Equal(
            Assert.Throws<AttributeTypeMismatchException>(() => numbers.Read(new AttributeValue { N = "1.5" })).Message,
            Assert.Throws<AttributeTypeMismatchException>(() => numbers.ReadSetMember("1.5")).Message);

        var dates = Codecs.ForElement<DateTime>();
        Assert.Equal(
            Assert.Throws<AttributeTypeMismatchException>(() => dates.Read(new AttributeValue { S = "not a date" })).Message,
            Assert.Throws<AttributeTypeMismatchException>(() => dates.ReadSetMember("not a date")).Message);
    }

    [Fact]
    public void A_HashSet_of_strings_is_written_as_any_other_set_of_the_same_members()
    {
        string[] members = ["b", "a", "B", "", "😀"];
        var general = Codecs.For<SortedSet<string>>().Write(new SortedSet<string>(members, StringComparer.Ordinal))!.SS;
        foreach (var set in new[]
                 {
                     new HashSet<string>(members), new HashSet<string>(members, StringComparer.Ordinal),
                     new HashSet<string>(members, StringComparer.InvariantCulture),
                 })
        {
            Assert.Equal(general.Order(StringComparer.Ordinal), Codecs.For<HashSet<string>>().Write(set)!.SS.Order(StringComparer.Ordinal));
        }

        // A case-insensitive set holds one of "a" and "A": written as it is, without duplicates.
        var caseInsensitive = new HashSet<string>(["a", "A", "b"], StringComparer.OrdinalIgnoreCase);
        Assert.Equal(["a", "b"], Codecs.For<HashSet<string>>().Write(caseInsensitive)!.SS.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_HashSet_whose_equality_is_not_ordinal_text_is_still_checked_for_duplicates()
    {
        // Reference equality keeps two equal strings apart; DynamoDB would refuse the set, so the provider does first.
        var set = new HashSet<string>(ReferenceEqualityComparer.Instance) { "ab", string.Concat("a", "b") };
        Assert.Equal(2, set.Count);
        var e = Assert.Throws<UnstorableValueException>(() => Codecs.For<HashSet<string>>().Write(set));
        Assert.Equal("the set holds 'ab' twice after conversion", e.Message);
    }
}
