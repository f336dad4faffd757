namespace EFCore.DynamoDb.FunctionalTests.Query;

/// <summary>Compares records by every property, so query results are checked value by value.</summary>
public sealed record RecordSnapshot(
    string Pk, int Sk, string? Name, int? Score, int Rank, bool Flag, string Tags, string? Numbers, string? Category, DateTime Created,
    Status State, decimal Price)
{
    public static RecordSnapshot Of(Record r)
        => new(
            r.Pk, r.Sk, r.Name, r.Score, r.Rank, r.Flag, string.Join(",", r.Tags.Order(StringComparer.Ordinal)),
            r.Numbers == null ? null : string.Join(",", r.Numbers), r.Category, r.Created, r.State, r.Price);

    public override string ToString() => $"{Pk}/{Sk:D5}";
}
