namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     The data types of a DynamoDB attribute, named as they appear on the wire.
/// </summary>
// The wire names are kept (rather than .NET-style names) so that error messages and
// diagnostics read exactly like the DynamoDB documentation and the JSON the service returns.
internal enum DynamoDbAttributeType
{
    S,
    N,
    B,
    BOOL,
    SS,
    NS,
    BS,
    L,
    M,
    NULL,
}
