using Amazon.DynamoDBv2.Model;
using static EFCore.DynamoDb.FunctionalTests.Types.Infrastructure.Deep;

namespace EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;

/// <summary>
///     Two <see cref="AllTypes" /> entities with edge values, and the exact items DynamoDB must hold for them: "max" has the
///     largest values and every optional value set; "min" has the smallest values, nulls and empty collections.
/// </summary>
public static class AllTypesData
{
    /// <summary>The largest double DynamoDB holds: 1E+126 as a double is just below 10^126 and stored with 17 digits.</summary>
    public const double LargestStorableDouble = 1e126;

    /// <summary>The smallest positive double DynamoDB holds (1E-130 as a double is just above 10^-130).</summary>
    public const double SmallestStorableDouble = 1e-130;

    /// <summary>1E+126 as the provider sends it: 17 digits name the double without rounding to 10^126 (out of range).</summary>
    public const string LargestStorableDoubleText = "9.9999999999999992E+125";

    public const string SmallestStorableDoubleText = "1E-130";

    public const decimal Fraction28 = 0.1234567890123456789012345678m;

    public const string Unicode = "😀𝄞 ünïcödé";

    public static readonly Guid SomeGuid = Guid.Parse("0F8FAD5B-D9CB-469F-A165-70867728950E");

    public static readonly DateTimeOffset ShiftedOffset = new DateTimeOffset(2024, 2, 29, 5, 30, 0, TimeSpan.FromHours(5.5)).AddTicks(1234567);

    public static Settings SomeSettings() => new() { Theme = "dark", FontSize = 12, Plugins = ["a", "b"] };

    public static AllTypes Max(string id)
        => new()
        {
            Id = id,
            Byte = byte.MaxValue,
            SByte = sbyte.MaxValue,
            Short = short.MaxValue,
            UShort = ushort.MaxValue,
            Int = int.MaxValue,
            UInt = uint.MaxValue,
            Long = long.MaxValue,
            ULong = ulong.MaxValue,
            NullableByte = byte.MaxValue,
            NullableSByte = sbyte.MinValue,
            NullableShort = short.MinValue,
            NullableUShort = ushort.MaxValue,
            NullableInt = int.MinValue,
            NullableUInt = uint.MaxValue,
            NullableLong = long.MinValue,
            NullableULong = ulong.MaxValue,
            Float = float.MaxValue,
            Double = LargestStorableDouble,
            Decimal = decimal.MaxValue,
            NullableFloat = float.Epsilon,
            NullableDouble = SmallestStorableDouble,
            NullableDecimal = Fraction28,
            Bool = true,
            NullableBool = false,
            String = Unicode,
            NullableString = "",
            Char = char.MaxValue,
            NullableChar = 'é',
            Guid = SomeGuid,
            NullableGuid = Guid.AllBitsSet,
            Bytes = [0x00, 0xFF, 0x10],
            NullableBytes = [],
            DateTime = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
            NullableDateTime = new DateTime(2024, 2, 29, 23, 59, 59, 999, DateTimeKind.Unspecified).AddTicks(1),
            DateTimeOffset = ShiftedOffset,
            NullableDateTimeOffset = DateTimeOffset.MaxValue,
            DateOnly = DateOnly.MaxValue,
            NullableDateOnly = new DateOnly(2024, 2, 29),
            TimeOnly = TimeOnly.MaxValue,
            NullableTimeOnly = TimeOnly.MinValue,
            TimeSpan = TimeSpan.MaxValue,
            NullableTimeSpan = TimeSpan.FromTicks(-1),
            Color = Color.Blue,
            NullableColor = Color.Red,
            Mood = Mood.Sleepy,
            NullableMood = Mood.Grumpy,
            Access = Access.All,
            Temperature = new Celsius(-273.15m),
            NullableTemperature = new Celsius(1.50m),
            Email = new Email("ada@example.com"),
            Settings = SomeSettings(),
            StringSet = ["a", "😀𝄞", ""],
            IntSet = new HashSet<int> { int.MinValue, 0, int.MaxValue },
            ULongSet = new HashSet<ulong> { 0, ulong.MaxValue },
            DecimalSet = [decimal.MaxValue, Fraction28, -1.50m],
            DoubleSet = [LargestStorableDouble, -SmallestStorableDouble, 0.1],
            BinarySet = new HashSet<byte[]> { new byte[] { 1, 2 }, new byte[] { 255 } },
            GuidSet = [Guid.Empty, Guid.AllBitsSet],
            DateTimeSet = [DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc)],
            StringList = ["b", "a", "b", ""],
            IntArray = [3, -1, 3],
            NullableDoubleList = new List<double?> { null, 1.5, -0.0 },
            DateTimeList = [DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc)],
            BytesList = [[1], []],
            NestedList = [[1, 2], [], [3]],
            EnumList = [Mood.Sleepy, Mood.Happy, Mood.Sleepy],
            NullableList = ["x"],
            IntMap = new() { ["a"] = 1, ["😀"] = -2 },
            StringMap = new Dictionary<string, string?> { ["k"] = null, ["e"] = "" },
            ListMap = new Dictionary<string, List<decimal>> { ["x"] = [1.50m, -2m], ["empty"] = [] },
            SetMap = new() { ["s"] = ["a", "b"], ["none"] = [] },
            NestedMap = new() { ["outer"] = new() { ["t"] = true, ["f"] = false }, ["empty"] = new() },
            NullableMap = new(),
            Profile = new Profile
            {
                DisplayName = "Ada 😀",
                Since = null,
                Badges =
                [
                    new Badge { Name = "gold", Level = 3, Tags = ["x", "y"] },
                    new Badge { Name = "", Level = int.MinValue, Tags = [] },
                ],
            },
            Lines =
            [
                new Line { Sku = "A", Price = Fraction28, ShippedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(-8)) },
                new Line { Sku = "B", Price = decimal.MinValue, ShippedAt = null },
            ],
            Dimensions = new Dimensions
            {
                Width = -LargestStorableDouble,
                Height = 0.5,
                Finish = Mood.Grumpy,
                Unit = new Unit { Name = "mm", Factor = 0.001m },
            },
        };

    public static Dictionary<string, AttributeValue> MaxItem(string id)
        => new()
        {
            ["Id"] = S(id),
            ["Byte"] = N("255"),
            ["SByte"] = N("127"),
            ["Short"] = N("32767"),
            ["UShort"] = N("65535"),
            ["Int"] = N("2147483647"),
            ["UInt"] = N("4294967295"),
            ["Long"] = N("9223372036854775807"),
            ["ULong"] = N("18446744073709551615"),
            ["NullableByte"] = N("255"),
            ["NullableSByte"] = N("-128"),
            ["NullableShort"] = N("-32768"),
            ["NullableUShort"] = N("65535"),
            ["NullableInt"] = N("-2147483648"),
            ["NullableUInt"] = N("4294967295"),
            ["NullableLong"] = N("-9223372036854775808"),
            ["NullableULong"] = N("18446744073709551615"),
            ["Float"] = N("3.4028235E+38"),
            ["Double"] = N(LargestStorableDoubleText),
            ["Decimal"] = N("79228162514264337593543950335"),
            ["NullableFloat"] = N("1E-45"),
            ["NullableDouble"] = N(SmallestStorableDoubleText),
            ["NullableDecimal"] = N("0.1234567890123456789012345678"),
            ["Bool"] = Bool(true),
            ["NullableBool"] = Bool(false),
            ["String"] = S(Unicode),
            ["NullableString"] = S(""),
            ["Char"] = S("\uffff"),
            ["NullableChar"] = S("é"),
            ["Guid"] = S("0f8fad5b-d9cb-469f-a165-70867728950e"),
            ["NullableGuid"] = S("ffffffff-ffff-ffff-ffff-ffffffffffff"),
            ["Bytes"] = B(0x00, 0xFF, 0x10),
            ["NullableBytes"] = B(),
            ["DateTime"] = S("9999-12-31T23:59:59.9999999Z"),
            ["NullableDateTime"] = S("2024-02-29T23:59:59.9990001Z"),
            ["DateTimeOffset"] = S("2024-02-29T00:00:00.1234567+00:00"),
            ["NullableDateTimeOffset"] = S("9999-12-31T23:59:59.9999999+00:00"),
            ["DateOnly"] = S("9999-12-31"),
            ["NullableDateOnly"] = S("2024-02-29"),
            ["TimeOnly"] = S("23:59:59.9999999"),
            ["NullableTimeOnly"] = S("00:00:00.0000000"),
            ["TimeSpan"] = S("10675199.02:48:05.4775807"),
            ["NullableTimeSpan"] = S("-10675199.02:48:05.4775807"),
            ["Color"] = N("32767"),
            ["NullableColor"] = N("-1"),
            ["Mood"] = S("Sleepy"),
            ["NullableMood"] = S("Grumpy"),
            ["Access"] = N("18446744073709551615"),
            ["Temperature"] = N("-273.15"),
            ["NullableTemperature"] = N("1.5"),
            ["Email"] = S("ada@example.com"),
            ["Settings"] = S("{\"Theme\":\"dark\",\"FontSize\":12,\"Plugins\":[\"a\",\"b\"]}"),
            ["StringSet"] = SS("", "a", "😀𝄞"),
            ["IntSet"] = NS("-2147483648", "0", "2147483647"),
            ["ULongSet"] = NS("0", "18446744073709551615"),
            ["DecimalSet"] = NS("-1.5", "0.1234567890123456789012345678", "79228162514264337593543950335"),
            ["DoubleSet"] = NS("-" + SmallestStorableDoubleText, "0.1", LargestStorableDoubleText),
            ["BinarySet"] = BS([1, 2], [255]),
            ["GuidSet"] = SS("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"),
            ["DateTimeSet"] = SS("0001-01-01T00:00:00.0000000Z", "9999-12-31T23:59:59.9999999Z"),
            ["StringList"] = L(S("b"), S("a"), S("b"), S("")),
            ["IntArray"] = L(N("3"), N("-1"), N("3")),
            ["NullableDoubleList"] = L(Null(), N("1.5"), N("0")),
            ["DateTimeList"] = L(S("0001-01-01T00:00:00.0000000Z")),
            ["BytesList"] = L(B(1), B()),
            ["NestedList"] = L(L(N("1"), N("2")), L(), L(N("3"))),
            ["EnumList"] = L(N("2"), N("0"), N("2")),
            ["NullableList"] = L(S("x")),
            ["IntMap"] = M(("a", N("1")), ("😀", N("-2"))),
            ["StringMap"] = M(("k", Null()), ("e", S(""))),
            ["ListMap"] = M(("x", L(N("1.5"), N("-2"))), ("empty", L())),
            ["SetMap"] = M(("s", SS("a", "b")), ("none", Null())),
            ["NestedMap"] = M(("outer", M(("t", Bool(true)), ("f", Bool(false)))), ("empty", M())),
            ["NullableMap"] = M(),
            ["Profile"] = M(
                ("DisplayName", S("Ada 😀")),
                ("Badges", L(
                    M(("Name", S("gold")), ("Level", N("3")), ("Tags", SS("x", "y"))),
                    M(("Name", S("")), ("Level", N("-2147483648")))))),
            ["Lines"] = L(
                M(("Sku", S("A")), ("Price", N("0.1234567890123456789012345678")), ("ShippedAt", S("2024-01-01T08:00:00.0000000+00:00"))),
                M(("Sku", S("B")), ("Price", N("-79228162514264337593543950335")))),
            ["Dimensions"] = M(
                ("Width", N("-" + LargestStorableDoubleText)),
                ("Height", N("0.5")),
                ("Finish", S("Grumpy")),
                ("Unit", M(("Name", S("mm")), ("Factor", N("0.001"))))),
        };

    public static AllTypes Min(string id)
        => new()
        {
            Id = id,
            Byte = byte.MinValue,
            SByte = sbyte.MinValue,
            Short = short.MinValue,
            UShort = ushort.MinValue,
            Int = int.MinValue,
            UInt = uint.MinValue,
            Long = long.MinValue,
            ULong = ulong.MinValue,
            Float = -0.0f,
            Double = -0.0,
            Decimal = decimal.MinValue,
            Bool = false,
            String = "",
            Char = '\0',
            Guid = Guid.Empty,
            Bytes = [],
            DateTime = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
            DateTimeOffset = DateTimeOffset.MinValue,
            DateOnly = DateOnly.MinValue,
            TimeOnly = TimeOnly.MinValue,
            TimeSpan = TimeSpan.MinValue,
            Color = Color.Green,
            Mood = Mood.Happy,
            Access = Access.None,
            Temperature = default,
            Profile = null,
            Lines = [],
            Dimensions = new Dimensions { Width = 0, Height = -0.0, Finish = Mood.Happy, Unit = new Unit { Name = "", Factor = 0m } },
        };

    public static Dictionary<string, AttributeValue> MinItem(string id)
        => new()
        {
            ["Id"] = S(id),
            ["Byte"] = N("0"),
            ["SByte"] = N("-128"),
            ["Short"] = N("-32768"),
            ["UShort"] = N("0"),
            ["Int"] = N("-2147483648"),
            ["UInt"] = N("0"),
            ["Long"] = N("-9223372036854775808"),
            ["ULong"] = N("0"),
            ["Float"] = N("0"),
            ["Double"] = N("0"),
            ["Decimal"] = N("-79228162514264337593543950335"),
            ["Bool"] = Bool(false),
            ["String"] = S(""),
            ["Char"] = S("\0"),
            ["Guid"] = S("00000000-0000-0000-0000-000000000000"),
            ["Bytes"] = B(),
            ["DateTime"] = S("0001-01-01T00:00:00.0000000Z"),
            ["DateTimeOffset"] = S("0001-01-01T00:00:00.0000000+00:00"),
            ["DateOnly"] = S("0001-01-01"),
            ["TimeOnly"] = S("00:00:00.0000000"),
            ["TimeSpan"] = S("-00000000.00:00:00.0000000"),
            ["Color"] = N("0"),
            ["Mood"] = S("Happy"),
            ["Access"] = N("0"),
            ["Temperature"] = N("0"),
            ["StringList"] = L(),
            ["IntArray"] = L(),
            ["NullableDoubleList"] = L(),
            ["DateTimeList"] = L(),
            ["BytesList"] = L(),
            ["NestedList"] = L(),
            ["EnumList"] = L(),
            ["IntMap"] = M(),
            ["StringMap"] = M(),
            ["ListMap"] = M(),
            ["SetMap"] = M(),
            ["NestedMap"] = M(),
            ["Lines"] = L(),
            ["Dimensions"] = M(("Width", N("0")), ("Height", N("0")), ("Finish", S("Happy")), ("Unit", M(("Name", S("")), ("Factor", N("0"))))),
        };
}
