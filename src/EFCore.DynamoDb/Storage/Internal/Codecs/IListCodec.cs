namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>A codec of a list or array, which may also be stored as a set (DynamoDBContext's form).</summary>
internal interface IListCodec
{
    /// <summary>The same list stored as a set of its elements; null when the elements are not stored as S, N or B.</summary>
    AttributeValueCodec? AsSet();
}
