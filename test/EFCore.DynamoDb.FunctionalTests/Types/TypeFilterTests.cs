using System.Linq.Expressions;
using EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Types;

/// <summary>
///     Every type compared in a filter (and every collection shape in Contains and Count) converts the compared value exactly
///     as SaveChanges stored it, so the "max" and "min" rows match as LINQ-to-Objects says they do.
/// </summary>
[Collection(TypesCollection.Name)]
public class TypeFilterTests(TypesFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private static readonly DateTime UtcMin = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
    private static readonly byte[] MaxBytes = [0x00, 0xFF, 0x10];
    private static readonly byte[] NoBytes = [];

    /// <summary>Each predicate, and whether LINQ-to-Objects can check it too (byte[] compares by reference in C#, by content in EF).</summary>
    private static readonly Dictionary<string, (Expression<Func<AllTypes, bool>> Predicate, string[] Expected, bool Linq)> Cases = new()
    {
        ["string-set-contains"] = (e => e.StringSet.Contains("😀𝄞"), ["max"], true),
        ["string-set-contains-empty-string"] = (e => e.StringSet.Contains(""), ["max"], true),
        ["int-set-contains"] = (e => e.IntSet.Contains(int.MinValue), ["max"], true),
        ["ulong-set-contains"] = (e => e.ULongSet.Contains(ulong.MaxValue), ["max"], true),
        ["decimal-set-contains-other-scale"] = (e => e.DecimalSet.Contains(-1.50m), ["max"], true),
        ["double-set-contains"] = (e => e.DoubleSet.Contains(0.1), ["max"], true),
        ["binary-set-contains"] = (e => e.BinarySet.Contains(new byte[] { 255 }), ["max"], false),
        ["guid-set-contains"] = (e => e.GuidSet.Contains(Guid.Empty), ["max"], true),
        ["datetime-set-contains"] = (e => e.DateTimeSet.Contains(UtcMin), ["max"], true),
        ["list-contains"] = (e => e.StringList.Contains("a"), ["max"], true),
        ["array-contains"] = (e => e.IntArray.Contains(-1), ["max"], true),
        ["enum-list-contains"] = (e => e.EnumList.Contains(Mood.Sleepy), ["max"], true),
        ["nullable-list-contains"] = (e => e.NullableDoubleList.Contains(1.5), ["max"], true),
        ["datetime-list-contains"] = (e => e.DateTimeList.Contains(UtcMin), ["max"], true),
        ["set-count"] = (e => e.StringSet.Count == 3, ["max"], true),
        ["empty-set-count"] = (e => e.StringSet.Count == 0, ["min"], true),
        ["array-length"] = (e => e.IntArray.Length == 3, ["max"], true),
        ["string-enum"] = (e => e.Mood == Mood.Sleepy, ["max"], true),
        ["string-enum-not-equal"] = (e => e.Mood != Mood.Sleepy, ["min"], true),
        ["nullable-string-enum-null"] = (e => e.NullableMood == null, ["min"], true),
        ["enum"] = (e => e.Color == Color.Green, ["min"], true),
        ["nullable-enum"] = (e => e.NullableColor == Color.Red, ["max"], true),
        ["enum-order"] = (e => e.Color < Color.Blue, ["min"], true),
        ["ulong-enum"] = (e => e.Access == Access.All, ["max"], true),
        ["char"] = (e => e.Char == char.MaxValue, ["max"], true),
        ["char-order"] = (e => e.Char > 'a', ["max"], true),
        ["user-converted-struct"] = (e => e.Temperature == new Celsius(-273.15m), ["max"], true),
        ["user-converted-class"] = (e => e.Email == new Email("ada@example.com"), ["max"], true),
        ["nullable-user-converted"] = (e => e.NullableTemperature == new Celsius(1.5m), ["max"], true),
        ["decimal-max"] = (e => e.Decimal == decimal.MaxValue, ["max"], true),
        ["decimal-order"] = (e => e.Decimal < 0, ["min"], true),
        ["ulong-above-long"] = (e => e.ULong > 9223372036854775807UL, ["max"], true),
        ["long-order"] = (e => e.Long < 0, ["min"], true),
        ["negative-zero"] = (e => e.Double == -0.0, ["min"], true),
        ["double-order"] = (e => e.Double > 1e125, ["max"], true),
        ["float-max"] = (e => e.Float == float.MaxValue, ["max"], true),
        ["float-epsilon"] = (e => e.NullableFloat == float.Epsilon, ["max"], true),
        ["bytes"] = (e => e.Bytes == MaxBytes, ["max"], false),
        ["empty-bytes"] = (e => e.Bytes == NoBytes, ["min"], false),
        ["guid"] = (e => e.Guid == AllTypesData.SomeGuid, ["max"], true),
        ["datetimeoffset-same-instant-other-offset"] = (e => e.DateTimeOffset == AllTypesData.ShiftedOffset.ToOffset(TimeSpan.FromHours(-3)), ["max"], true),
        ["datetime-max"] = (e => e.DateTime == DateTime.MaxValue, ["max"], true),
        ["timespan-negative"] = (e => e.TimeSpan < TimeSpan.Zero, ["min"], true),
        ["nullable-timespan-negative"] = (e => e.NullableTimeSpan < TimeSpan.Zero, ["max"], true),
        ["nullable-null"] = (e => e.NullableTimeSpan == null, ["min"], true),
        ["nullable-not-null"] = (e => e.NullableTimeSpan != null, ["max"], true),
        ["timeonly"] = (e => e.TimeOnly == TimeOnly.MaxValue, ["max"], true),
        ["dateonly-order"] = (e => e.DateOnly > new DateOnly(2000, 1, 1), ["max"], true),
        ["empty-string"] = (e => e.String == "", ["min"], true),
        ["nullable-empty-string"] = (e => e.NullableString == "", ["max"], true),
        ["string-prefix-outside-bmp"] = (e => e.String.StartsWith("😀"), ["max"], true),
        ["bool"] = (e => e.Bool, ["max"], true),
        ["nullable-bool-false"] = (e => e.NullableBool == false, ["max"], true),
        ["nullable-bool-not-true"] = (e => e.NullableBool != true, ["max", "min"], true),
        ["owned-null"] = (e => e.Profile == null, ["min"], true),
        ["owned-property"] = (e => e.Profile != null && e.Profile.DisplayName == "Ada 😀", ["max"], true),
        ["owned-collection-count"] = (e => e.Lines.Count == 2, ["max"], true),
        ["complex-nested"] = (e => e.Dimensions.Unit.Factor == 0.001m, ["max"], true),
        ["complex-string-enum"] = (e => e.Dimensions.Finish == Mood.Grumpy, ["max"], true),
        ["json-null"] = (e => e.Settings == null, ["min"], true),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_filter_on_a_type_matches_what_LINQ_to_Objects_matches(string name)
    {
        var (predicate, expected, linq) = Cases[name];
        var prefix = "filter-" + name + "|";
        var rows = new[] { AllTypesData.Max(prefix + "max"), AllTypesData.Min(prefix + "min") };
        await using (var context = fixture.CreateContext())
        {
            context.AddRange(AllTypesData.Max(prefix + "max"), AllTypesData.Min(prefix + "min"));
            await context.SaveChangesAsync();
        }

        if (linq)
        {
            Assert.Equal(expected, rows.Where(predicate.Compile()).Select(e => e.Id[prefix.Length..]).Order());
        }

        await using var query = fixture.CreateContext();
        var matching = query.AllTypes.Where(e => e.Id.StartsWith(prefix)).Where(predicate);
        Assert.DoesNotContain("Checked on the client", matching.ToQueryString());
        Assert.Equal(expected, (await matching.Select(e => e.Id).ToListAsync()).Select(id => id[prefix.Length..]).Order());
    }
}
