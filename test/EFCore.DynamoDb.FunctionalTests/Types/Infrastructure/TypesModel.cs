namespace EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;

/// <summary>Stored as its number (N).</summary>
public enum Color : short
{
    Red = -1,
    Green = 0,
    Blue = short.MaxValue,
}

/// <summary>Stored as its name (S) through HasConversion&lt;string&gt;().</summary>
public enum Mood
{
    Happy,
    Grumpy,
    Sleepy,
}

/// <summary>A flags enum over ulong: its number can be ulong.MaxValue.</summary>
[Flags]
public enum Access : ulong
{
    None = 0,
    Read = 1,
    Write = 2,
    All = ulong.MaxValue,
}

/// <summary>A value type stored through a user converter (to N).</summary>
public readonly record struct Celsius(decimal Degrees);

/// <summary>A reference type stored through a user converter (to S).</summary>
public sealed record Email(string Address);

/// <summary>Stored as an S of JSON through a user converter (PynamoDB's JSONAttribute).</summary>
public sealed class Settings
{
    public string Theme { get; set; } = "";

    public int FontSize { get; set; }

    public List<string> Plugins { get; set; } = [];
}

/// <summary>Every CLR type and collection shape of docs/design.md's type table, as properties of one entity.</summary>
public class AllTypes
{
    public string Id { get; set; } = null!;

    // Integers and their nullable forms.
    public byte Byte { get; set; }
    public sbyte SByte { get; set; }
    public short Short { get; set; }
    public ushort UShort { get; set; }
    public int Int { get; set; }
    public uint UInt { get; set; }
    public long Long { get; set; }
    public ulong ULong { get; set; }
    public byte? NullableByte { get; set; }
    public sbyte? NullableSByte { get; set; }
    public short? NullableShort { get; set; }
    public ushort? NullableUShort { get; set; }
    public int? NullableInt { get; set; }
    public uint? NullableUInt { get; set; }
    public long? NullableLong { get; set; }
    public ulong? NullableULong { get; set; }

    // Floating point and decimal.
    public float Float { get; set; }
    public double Double { get; set; }
    public decimal Decimal { get; set; }
    public float? NullableFloat { get; set; }
    public double? NullableDouble { get; set; }
    public decimal? NullableDecimal { get; set; }

    // Bool, strings, chars, Guids, bytes.
    public bool Bool { get; set; }
    public bool? NullableBool { get; set; }
    public string String { get; set; } = "";
    public string? NullableString { get; set; }
    public char Char { get; set; }
    public char? NullableChar { get; set; }
    public Guid Guid { get; set; }
    public Guid? NullableGuid { get; set; }
    public byte[] Bytes { get; set; } = [];
    public byte[]? NullableBytes { get; set; }

    // Dates and times.
    public DateTime DateTime { get; set; }
    public DateTime? NullableDateTime { get; set; }
    public DateTimeOffset DateTimeOffset { get; set; }
    public DateTimeOffset? NullableDateTimeOffset { get; set; }
    public DateOnly DateOnly { get; set; }
    public DateOnly? NullableDateOnly { get; set; }
    public TimeOnly TimeOnly { get; set; }
    public TimeOnly? NullableTimeOnly { get; set; }
    public TimeSpan TimeSpan { get; set; }
    public TimeSpan? NullableTimeSpan { get; set; }

    // Enums: numeric, string-converted, flags over ulong.
    public Color Color { get; set; }
    public Color? NullableColor { get; set; }
    public Mood Mood { get; set; }
    public Mood? NullableMood { get; set; }
    public Access Access { get; set; }

    // User converters.
    public Celsius Temperature { get; set; }
    public Celsius? NullableTemperature { get; set; }
    public Email? Email { get; set; }
    public Settings? Settings { get; set; }

    // Sets (SS, NS, BS; converted elements).
    public HashSet<string> StringSet { get; set; } = [];
    public ISet<int> IntSet { get; set; } = new HashSet<int>();
    public IReadOnlySet<ulong> ULongSet { get; set; } = new HashSet<ulong>();
    public HashSet<decimal> DecimalSet { get; set; } = [];
    public HashSet<double> DoubleSet { get; set; } = [];
    public ISet<byte[]> BinarySet { get; set; } = new HashSet<byte[]>();
    public HashSet<Guid> GuidSet { get; set; } = [];
    public HashSet<DateTime> DateTimeSet { get; set; } = [];

    // Lists (L).
    public List<string> StringList { get; set; } = [];
    public int[] IntArray { get; set; } = [];
    public IList<double?> NullableDoubleList { get; set; } = new List<double?>();
    public IReadOnlyList<DateTime> DateTimeList { get; set; } = [];
    public List<byte[]> BytesList { get; set; } = [];
    public List<List<int>> NestedList { get; set; } = [];
    public List<Mood> EnumList { get; set; } = [];
    public List<string>? NullableList { get; set; }

    // Maps (M).
    public Dictionary<string, int> IntMap { get; set; } = [];
    public IDictionary<string, string?> StringMap { get; set; } = new Dictionary<string, string?>();
    public IReadOnlyDictionary<string, List<decimal>> ListMap { get; set; } = new Dictionary<string, List<decimal>>();
    public Dictionary<string, HashSet<string>> SetMap { get; set; } = [];
    public Dictionary<string, Dictionary<string, bool>> NestedMap { get; set; } = [];
    public Dictionary<string, int>? NullableMap { get; set; }

    // Owned and complex types.
    public Profile? Profile { get; set; }
    public List<Line> Lines { get; set; } = [];
    public Dimensions Dimensions { get; set; } = new();
}

/// <summary>Owned reference holding an owned collection (nested M holding an L of M).</summary>
public class Profile
{
    public string DisplayName { get; set; } = "";

    public DateTime? Since { get; set; }

    public List<Badge> Badges { get; set; } = [];
}

public class Badge
{
    public string Name { get; set; } = "";

    public int Level { get; set; }

    public HashSet<string> Tags { get; set; } = [];
}

/// <summary>Owned collection element (L of M).</summary>
public class Line
{
    public string Sku { get; set; } = "";

    public decimal Price { get; set; }

    public DateTimeOffset? ShippedAt { get; set; }
}

/// <summary>Complex type with a nested complex type (M in M).</summary>
public class Dimensions
{
    public double Width { get; set; }

    public double Height { get; set; }

    public Mood Finish { get; set; }

    public Unit Unit { get; set; } = new();
}

public class Unit
{
    public string Name { get; set; } = "";

    public decimal Factor { get; set; }
}

/// <summary>An owned collection whose elements own a collection and a reference (L of M holding L of M and M).</summary>
public class Shipment
{
    public string Id { get; set; } = null!;

    public List<Parcel> Parcels { get; set; } = [];
}

public class Parcel
{
    public string Code { get; set; } = "";

    public List<Content> Contents { get; set; } = [];

    public Seal? Seal { get; set; }
}

public class Content
{
    public string Name { get; set; } = "";

    public int Quantity { get; set; }

    public HashSet<string> Flags { get; set; } = [];
}

public class Seal
{
    public string Number { get; set; } = "";

    public DateTimeOffset? SealedAt { get; set; }
}

/// <summary>Properties stored through user converters, EF's built-in ones and converters composed with the provider's.</summary>
public class Converted
{
    public string Id { get; set; } = null!;

    public Uri? Website { get; set; }

    public bool Flag { get; set; }

    public DateTime Ticks { get; set; }

    public Guid GuidBytes { get; set; }

    public Code GuidCode { get; set; }

    public List<string> Csv { get; set; } = [];

    public int[] Distinct { get; set; } = [];

    public Mood[] Moods { get; set; } = [];

    public DateTimeOffset Binary { get; set; }
}

/// <summary>Number keys: a ulong partition key and a decimal sort key (N).</summary>
public class NumberKeyed
{
    public ulong Pk { get; set; }

    public decimal Sk { get; set; }

    public string? Note { get; set; }
}

/// <summary>Converted keys: a Guid partition key (S) and a string-converted enum sort key (S).</summary>
public class GuidKeyed
{
    public Guid Id { get; set; }

    public Mood Kind { get; set; }

    public string? Note { get; set; }
}

/// <summary>Items as other tools write them (PynamoDB, scripts): read through the same mappings.</summary>
public class Legacy
{
    public string Id { get; set; } = null!;

    public DateTime? Created { get; set; }
    public DateTimeOffset? CreatedOffset { get; set; }
    public HashSet<int> Numbers { get; set; } = [];
    public HashSet<decimal> Decimals { get; set; } = [];
    public HashSet<string> Names { get; set; } = [];
    public byte[]? Data { get; set; }
    public bool? Flag { get; set; }
    public Dictionary<string, string>? Attributes { get; set; }
    public List<int>? Scores { get; set; }
    public Settings? Settings { get; set; }
    public int? Count { get; set; }
    public decimal? Amount { get; set; }
    public double? Ratio { get; set; }
    public ulong? Big { get; set; }
    public long? Whole { get; set; }
    public Guid? Reference { get; set; }
    public TimeSpan? Duration { get; set; }
    public TimeOnly? At { get; set; }
    public DateOnly? Day { get; set; }
    public string? Note { get; set; }
    public List<string?>? Mixed { get; set; }
    public Dictionary<string, int?>? Sparse { get; set; }
}

/// <summary>A non-nullable property that another tool may leave out.</summary>
public class Strict
{
    public string Pk { get; set; } = null!;

    public string Sk { get; set; } = null!;

    public int Count { get; set; }

    public DateTime When { get; set; }

    public string? Note { get; set; }
}

/// <summary>Binary keys.</summary>
public class BinaryKeyed
{
    public byte[] Pk { get; set; } = null!;

    public byte[] Sk { get; set; } = null!;

    public string? Note { get; set; }
}

/// <summary>A strongly typed id stored as S through a user converter.</summary>
public readonly record struct Code(string Value);

public class CodeKeyed
{
    public Code Id { get; set; }

    public string? Note { get; set; }
}

/// <summary>Entities holding values DynamoDB refuses.</summary>
public class Measurement
{
    public string Id { get; set; } = null!;

    public float Single { get; set; }

    public double Double { get; set; }

    public string? Label { get; set; }

    public List<double> Samples { get; set; } = [];

    public Dictionary<string, float> Named { get; set; } = [];

    public HashSet<DateTime> Moments { get; set; } = [];

    public Probe? Last { get; set; }

    public Bounds Range { get; set; } = new();
}

public class Probe
{
    public double Value { get; set; }
}

public class Bounds
{
    public double Low { get; set; }

    public double High { get; set; }
}

/// <summary>One table per sort key type, for order-preservation queries.</summary>
public interface ISorted<TKey>
{
    string Pk { get; set; }

    TKey Sk { get; set; }
}

public class DateTimeSorted : ISorted<DateTime>
{
    public string Pk { get; set; } = null!;

    public DateTime Sk { get; set; }
}

public class DateTimeOffsetSorted : ISorted<DateTimeOffset>
{
    public string Pk { get; set; } = null!;

    public DateTimeOffset Sk { get; set; }
}

public class DateOnlySorted : ISorted<DateOnly>
{
    public string Pk { get; set; } = null!;

    public DateOnly Sk { get; set; }
}

public class TimeOnlySorted : ISorted<TimeOnly>
{
    public string Pk { get; set; } = null!;

    public TimeOnly Sk { get; set; }
}

public class TimeSpanSorted : ISorted<TimeSpan>
{
    public string Pk { get; set; } = null!;

    public TimeSpan Sk { get; set; }
}
