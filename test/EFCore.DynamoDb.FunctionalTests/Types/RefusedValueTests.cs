using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Types;

/// <summary>
///     Values DynamoDB cannot hold are refused before any request, with a message naming the entity (and key), the property
///     and the value (the test options enable sensitive data logging); a valid entity saved alongside is not written either.
///     Extends Update/ValidationTests (double NaN, 1E+200, string keys of a plain entity) to floats, the range edges, values
///     inside lists, maps, sets, owned and complex values, converted keys and binary keys.
/// </summary>
[Collection(TypesCollection.Name)]
public class RefusedValueTests(TypesFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    /// <summary>Compares DateTimes by ticks and Kind, as an application keeping local and UTC values apart might.</summary>
    private sealed class KindSensitiveComparer : IEqualityComparer<DateTime>
    {
        public bool Equals(DateTime x, DateTime y) => x.Ticks == y.Ticks && x.Kind == y.Kind;

        public int GetHashCode(DateTime value) => HashCode.Combine(value.Ticks, value.Kind);
    }

    private static Measurement Valid(string id) => new() { Id = id, Samples = [1], Named = new() { ["a"] = 1 }, Last = new Probe { Value = 1 } };

    /// <summary>Each case: how it spoils a valid measurement, and the message it must give (key and value shown).</summary>
    private static readonly Dictionary<string, (Action<Measurement> Spoil, string Message)> Measurements = new()
    {
        ["single-nan"] = (m => m.Single = float.NaN, "property 'Single' has the value NaN, which DynamoDB cannot store: NaN cannot be stored in a DynamoDB number."),
        ["single-infinity"] = (m => m.Single = float.PositiveInfinity, "property 'Single' has the value Infinity, which DynamoDB cannot store: Infinity cannot be stored in a DynamoDB number."),
        ["single-negative-infinity"] = (m => m.Single = float.NegativeInfinity, "property 'Single' has the value -Infinity, which DynamoDB cannot store: -Infinity cannot be stored in a DynamoDB number."),
        ["double-infinity"] = (m => m.Double = double.PositiveInfinity, "property 'Double' has the value Infinity, which DynamoDB cannot store: Infinity cannot be stored in a DynamoDB number."),
        ["double-negative-infinity"] = (m => m.Double = double.NegativeInfinity, "property 'Double' has the value -Infinity, which DynamoDB cannot store: -Infinity cannot be stored in a DynamoDB number."),
        ["double-max"] = (m => m.Double = double.MaxValue, "property 'Double' has the value 1.7976931348623157E+308, which DynamoDB cannot store: DynamoDB numbers range from 1E-130 to 9.9999999999999999999999999999999999999E+125 in magnitude."),
        ["double-min"] = (m => m.Double = double.MinValue, "property 'Double' has the value -1.7976931348623157E+308, which DynamoDB cannot store: DynamoDB numbers range from 1E-130"),
        ["double-above-range"] = (m => m.Double = Math.BitIncrement(AllTypesData.LargestStorableDouble), "property 'Double' has the value 1.0000000000000001E+126, which DynamoDB cannot store: DynamoDB numbers range"),
        ["double-epsilon"] = (m => m.Double = double.Epsilon, "property 'Double' has the value 5E-324, which DynamoDB cannot store: DynamoDB numbers range from 1E-130"),
        ["double-negative-epsilon"] = (m => m.Double = -double.Epsilon, "property 'Double' has the value -5E-324, which DynamoDB cannot store: DynamoDB numbers range from 1E-130"),
        ["double-below-range"] = (m => m.Double = Math.BitDecrement(AllTypesData.SmallestStorableDouble), "property 'Double' has the value 9.999999999999999E-131, which DynamoDB cannot store: DynamoDB numbers range from 1E-130"),
        ["list-element"] = (m => m.Samples = [1, double.NaN], "property 'Samples' has the value [1, NaN], which DynamoDB cannot store: NaN cannot be stored in a DynamoDB number (at [1])."),
        ["map-value"] = (m => m.Named = new() { ["ok"] = 1, ["bad"] = float.PositiveInfinity }, "property 'Named' has the value {'ok': 1, 'bad': Infinity}, which DynamoDB cannot store: Infinity cannot be stored in a DynamoDB number (at bad)."),
        ["map-empty-key"] = (m => m.Named = new() { [""] = 1 }, "property 'Named' has the value {'': 1}, which DynamoDB cannot store: a map key must not be empty."),
        ["owned"] = (m => m.Last = new Probe { Value = double.NaN }, "property 'Last.Value' has the value NaN, which DynamoDB cannot store: NaN cannot be stored in a DynamoDB number."),
        ["complex"] = (m => m.Range = new Bounds { High = double.MaxValue }, "property 'Range.High' has the value 1.7976931348623157E+308, which DynamoDB cannot store: DynamoDB numbers range"),
        // Built from code units: UTF-8 (DynamoDB's encoding) cannot hold a lone surrogate, and the SDK would send U+FFFD.
        ["lone-surrogate"] = (
            m => m.Label = "a" + (char)0xD83D + "b",
            "property 'Label' has the value 'a" + (char)0xD83D + "b', which DynamoDB cannot store: the text holds a lone surrogate "
            + "(U+D83D at index 1), which DynamoDB's UTF-8 cannot encode."),
        ["set-duplicates-after-conversion"] = (
            m => m.Moments = new HashSet<DateTime>(new KindSensitiveComparer())
            {
                new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
            },
            "property 'Moments' has the value [2024-01-01T00:00:00.0000000Z, 2024-01-01T00:00:00.0000000], which DynamoDB cannot store: "
            + "the set holds '2024-01-01T00:00:00.0000000Z' twice after conversion."),
    };

    public static TheoryData<string> MeasurementCases => [.. Measurements.Keys];

    private async Task<TException> AssertNothingWrittenAsync<TException>(TypesContext context, string table, Func<Dictionary<string, AttributeValue>, bool> isOurs)
        where TException : Exception
    {
        Store.Handler.Reset();
        var exception = await Assert.ThrowsAsync<TException>(() => context.SaveChangesAsync());
        Assert.Empty(Store.Handler.Operations);
        Assert.DoesNotContain(await Store.ScanAsync(table), i => isOurs(i));
        return exception;
    }

    [Theory]
    [MemberData(nameof(MeasurementCases))]
    public async Task An_unstorable_value_is_refused_naming_entity_property_and_value(string name)
    {
        var (spoil, message) = Measurements[name];
        await using var context = fixture.CreateContext();
        var bad = Valid(name);
        spoil(bad);
        context.Add(bad);
        context.Add(Valid(name + "-companion"));

        var exception = await AssertNothingWrittenAsync<DbUpdateException>(context, "Measurement", i => i["Id"].S.StartsWith(name, StringComparison.Ordinal));

        Assert.StartsWith($"Cannot save 'Measurement' with key (Id='{name}'): " + message, exception.Message);

        // The entry holding the value: the entity, or the owned object inside it.
        Assert.Same(name == "owned" ? bad.Last : bad, Assert.Single(exception.Entries).Entity);
    }

    [Theory]
    [MemberData(nameof(MeasurementCases))]
    public async Task An_unstorable_value_set_on_a_saved_entity_is_refused_and_the_item_kept(string name)
    {
        var (spoil, message) = Measurements[name];
        var id = "modified-" + name;
        await using (var setup = fixture.CreateContext())
        {
            setup.Add(Valid(id));
            await setup.SaveChangesAsync();
        }

        var before = await fixture.GetItemAsync("Measurement", ("Id", Deep.S(id)));
        await using var context = fixture.CreateContext();
        var entity = await context.Measurements.SingleAsync(m => m.Id == id);
        spoil(entity);
        Store.Handler.Reset();

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.StartsWith($"Cannot save 'Measurement' with key (Id='{id}'): " + message, exception.Message);
        Assert.Empty(Store.Handler.Operations);
        Deep.Item(before, await fixture.GetItemAsync("Measurement", ("Id", Deep.S(id))));
    }

    [Fact]
    public async Task Without_sensitive_data_logging_the_value_is_not_shown()
    {
        await using var context = fixture.CreateContext(sensitiveDataLogging: false);
        context.Add(new Measurement { Id = "secret-id", Samples = [double.NaN] });

        var exception = await AssertNothingWrittenAsync<DbUpdateException>(context, "Measurement", i => i["Id"].S == "secret-id");

        Assert.Contains("property 'Samples' has a value, which DynamoDB cannot store: NaN cannot be stored in a DynamoDB number (at [0])", exception.Message);
        Assert.DoesNotContain("secret-id", exception.Message);
        Assert.DoesNotContain("NaN]", exception.Message);
    }

    [Fact]
    public async Task An_empty_string_key_made_by_a_converter_is_refused()
    {
        await using var context = fixture.CreateContext();
        context.Add(new CodeKeyed { Id = new Code(""), Note = "bad" });
        context.Add(new CodeKeyed { Id = new Code("companion-empty"), Note = "ok" });

        var exception = await AssertNothingWrittenAsync<DbUpdateException>(context, "CodeKeyed", i => i["Id"].S is "" or "companion-empty");

        Assert.Equal(
            "Cannot save 'CodeKeyed' with key (Id=Code { Value =  }): its partition key 'Id' is an empty string. DynamoDB key attributes "
            + "cannot be empty strings or empty binary values.",
            exception.Message);
    }

    [Fact]
    public async Task A_null_key_made_by_a_converter_is_refused()
    {
        await using var context = fixture.CreateContext();
        context.Add(new CodeKeyed { Id = new Code(null!), Note = "bad" });
        context.Add(new CodeKeyed { Id = new Code("companion-null"), Note = "ok" });

        var exception = await AssertNothingWrittenAsync<DbUpdateException>(context, "CodeKeyed", i => i["Id"].S == "companion-null");

        Assert.StartsWith("Cannot save 'CodeKeyed' with key (Id=Code { Value =  }): its partition key 'Id' is null.", exception.Message);
    }

    [Fact]
    public async Task A_null_string_key_is_refused_by_EF_before_the_save()
    {
        await using var context = fixture.CreateContext();
        var exception = Assert.Throws<InvalidOperationException>(() => context.Add(new Measurement { Id = null! }));

        Assert.Contains("'Measurement'", exception.Message);
        Assert.Contains("'Id'", exception.Message);
        Store.Handler.Reset();
        Assert.Equal(0, await context.SaveChangesAsync());
        Assert.Empty(Store.Handler.Operations);
    }

    [Theory]
    [InlineData("partition key 'Pk'", true)]
    [InlineData("sort key 'Sk'", false)]
    public async Task An_empty_binary_key_is_refused(string role, bool emptyPartitionKey)
    {
        await using var context = fixture.CreateContext();
        var marker = new byte[] { 0xB0, (byte)(emptyPartitionKey ? 1 : 2) };
        context.Add(new BinaryKeyed { Pk = emptyPartitionKey ? [] : marker, Sk = emptyPartitionKey ? marker : [], Note = "bad" });
        context.Add(new BinaryKeyed { Pk = marker, Sk = [0xC0], Note = "companion" });

        var exception = await AssertNothingWrittenAsync<DbUpdateException>(
            context, "BinaryKeyed", i => i["Pk"].B.ToArray().AsSpan().SequenceEqual(marker) || i["Sk"].B.ToArray().AsSpan().SequenceEqual(marker));

        Assert.StartsWith("Cannot save 'BinaryKeyed' with key (Pk=0x", exception.Message);
        Assert.Contains($"its {role} is an empty byte array", exception.Message);
    }

    [Fact]
    public async Task Binary_keys_that_are_not_empty_round_trip()
    {
        await using (var context = fixture.CreateContext())
        {
            context.Add(new BinaryKeyed { Pk = [0x00, 0xFF], Sk = [0x01], Note = "ok" });
            await context.SaveChangesAsync();
        }

        await using (var context = fixture.CreateContext())
        {
            var read = await context.BinaryKeyed.FindAsync(new byte[] { 0x00, 0xFF }, new byte[] { 0x01 });
            Assert.Equal("ok", read!.Note);
        }
    }
}
