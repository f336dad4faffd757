using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     Booleans as DynamoDB BOOL, or as N 1/0 (<see cref="AsNumber" />: DynamoDBContext's form under its default conversion,
///     V1, and PynamoDB's LegacyBooleanAttribute's).
/// </summary>
// Reading accepts both forms whatever the model writes, since other tools sharing the table write the other one; only the
// numbers 1 and 0 are read (DynamoDB stores numbers normalized, so "1.0" comes back as "1"), anything else is refused
// rather than guessed at. A value read from the other form is rewritten in the model's form only when it changes: an
// update SETs only changed attributes.
internal sealed class BooleanCodec : AttributeValueCodec<bool>
{
    public static readonly BooleanCodec Instance = new(asNumber: false);

    public static readonly BooleanCodec AsNumber = new(asNumber: true);

    private readonly bool _asNumber;

    private BooleanCodec(bool asNumber) => _asNumber = asNumber;

    public override DynamoDbAttributeType AttributeType => _asNumber ? DynamoDbAttributeType.N : DynamoDbAttributeType.BOOL;

    public override AttributeValue Write(bool value) => _asNumber ? Number(value) : Bool(value);

    public override bool Read(AttributeValue value)
        => value.BOOL
            ?? value.N switch
            {
                "1" => true,
                "0" => false,
                _ => throw new AttributeTypeMismatchException(DescribeExpected(), value),
            };

    public override AttributeValue? AlternativeForm(AttributeValue written)
        => written.BOOL is { } b ? Number(b) : written.N is "1" or "0" ? Bool(written.N == "1") : null;

    public override string DescribeExpected() => "BOOL or N 1/0";

    private static AttributeValue Bool(bool value) => new() { BOOL = value };

    private static AttributeValue Number(bool value) => new() { N = value ? "1" : "0" };
}
