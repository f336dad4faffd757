using Amazon.DynamoDBv2.DataModel;

namespace EFCore.DynamoDb.Benchmarks.Model;

/// <summary>
///     The item every layer reads and writes: PynamoDB's Thread example. The same CLR class is mapped three
///     ways: by hand (<see cref="RawMapping" />), by DynamoDBContext (the attributes below) and by EF
///     (<see cref="BenchContext" />).
/// </summary>
[DynamoDBTable(TableName)]
public sealed class ForumThread
{
    /// <summary>The table name without prefix; each data set has its own prefix (see <see cref="DataSet" />).</summary>
    public const string TableName = "Threads";

    [DynamoDBHashKey]
    public string ForumName { get; set; } = null!;

    [DynamoDBRangeKey]
    public string Subject { get; set; } = null!;

    public int Views { get; set; }

    public int Replies { get; set; }

    public HashSet<string> Tags { get; set; } = [];

    /// <summary>Stored as ISO-8601 UTC text with 7 fraction digits, the provider's format.</summary>
    public DateTime LastPostDateTime { get; set; }

    public string Message { get; set; } = null!;
}
