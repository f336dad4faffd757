using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;

namespace EFCore.DynamoDb.Tests.Storage;

/// <summary>Typed access to the factory's codecs, so tests exercise exactly what the provider will use.</summary>
internal static class Codecs
{
    public static AttributeValueCodec<T> For<T>()
        => (AttributeValueCodec<T>)AttributeValueCodecFactory.Create(typeof(T));

    public static AttributeValueCodec<T> ForElement<T>()
        => AttributeValueCodecFactory.TryCreateForElement(typeof(T), out var codec)
            ? (AttributeValueCodec<T>)codec
            : throw new InvalidOperationException($"No element codec for {typeof(T)}.");
}
