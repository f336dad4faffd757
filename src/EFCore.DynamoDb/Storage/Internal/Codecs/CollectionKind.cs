namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>How a CLR collection type is stored: as L, as SS/NS/BS, as M, or not as a collection.</summary>
internal enum CollectionKind
{
    None,
    List,
    Set,
    Map,
}
