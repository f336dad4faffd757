using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     Finds the codec for a provider CLR type, building collection codecs recursively from their element types.
/// </summary>
// Codecs are immutable and depend only on the type, so one instance per type is cached for the
// process. Top-level lookups accept only provider types (what EF hands over after the property's
// value converter); element lookups additionally apply DynamoDbDefaultValueConverters, because EF
// has no converter hook for the elements of a collection stored in one attribute.
internal static class AttributeValueCodecFactory
{
    private static readonly ConcurrentDictionary<Type, AttributeValueCodec?> ProviderCodecs = new();
    private static readonly ConcurrentDictionary<Type, AttributeValueCodec?> ElementCodecs = new();

    /// <summary>The codec for a provider CLR type, or false when DynamoDB has no mapping for it.</summary>
    public static bool TryCreate(Type providerClrType, [NotNullWhen(true)] out AttributeValueCodec? codec)
    {
        codec = ProviderCodecs.GetOrAdd(providerClrType, static type => CreateForProviderType(type));
        return codec is not null;
    }

    /// <summary>The codec for a provider CLR type; throws when there is none.</summary>
    public static AttributeValueCodec Create(Type providerClrType)
        => TryCreate(providerClrType, out var codec)
            ? codec
            : throw new InvalidOperationException($"DynamoDB has no attribute mapping for the CLR type '{providerClrType}'.");

    /// <summary>
    ///     The codec for an element of a list, set or map: like <see cref="TryCreate" />, plus model
    ///     types that are stored through a default converter (Guid, dates and times, char, enums).
    /// </summary>
    public static bool TryCreateForElement(Type elementClrType, [NotNullWhen(true)] out AttributeValueCodec? codec)
    {
        codec = ElementCodecs.GetOrAdd(elementClrType, static type => CreateForElementType(type));
        return codec is not null;
    }

    private static AttributeValueCodec? CreateForElementType(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TryCreateForElement(underlying, out var inner) ? CreateNullable(underlying, inner) : null;
        }

        if (DynamoDbDefaultValueConverters.Find(type) is { } converter)
        {
            return TryCreate(converter.ProviderClrType, out var providerCodec)
                ? Instantiate(typeof(ConvertingCodec<,>), [type, converter.ProviderClrType], converter, providerCodec)
                : null;
        }

        return TryCreate(type, out var codec) ? codec : null;
    }

    private static AttributeValueCodec? CreateForProviderType(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TryCreate(underlying, out var inner) ? CreateNullable(underlying, inner) : null;
        }

        if (CreateScalar(type) is { } scalar)
        {
            return scalar;
        }

        return CollectionShape.Classify(type, out var elementType) switch
        {
            CollectionKind.List => CreateList(type, elementType!),
            CollectionKind.Set => CreateSet(type, elementType!),
            CollectionKind.Map => CreateMap(type, elementType!),
            _ => null,
        };
    }

    private static AttributeValueCodec? CreateScalar(Type type)
        => type == typeof(string) ? StringCodec.Instance
            : type == typeof(bool) ? BooleanCodec.Instance
            : type == typeof(byte[]) ? BinaryCodec.Instance
            : type == typeof(byte) ? NumberCodec<byte>.Instance
            : type == typeof(sbyte) ? NumberCodec<sbyte>.Instance
            : type == typeof(short) ? NumberCodec<short>.Instance
            : type == typeof(ushort) ? NumberCodec<ushort>.Instance
            : type == typeof(int) ? NumberCodec<int>.Instance
            : type == typeof(uint) ? NumberCodec<uint>.Instance
            : type == typeof(long) ? NumberCodec<long>.Instance
            : type == typeof(ulong) ? NumberCodec<ulong>.Instance
            : type == typeof(float) ? NumberCodec<float>.Instance
            : type == typeof(double) ? NumberCodec<double>.Instance
            : type == typeof(decimal) ? NumberCodec<decimal>.Instance
            : null;

    private static AttributeValueCodec? CreateSet(Type setType, Type elementType)
    {
        // Set members can never be NULL in DynamoDB, so a set of a nullable value type has no
        // faithful mapping; refusing it here beats failing on the first null at SaveChanges.
        if (Nullable.GetUnderlyingType(elementType) is not null
            || !TryCreateForElement(elementType, out var elementCodec)
            || elementCodec.AttributeType is not (DynamoDbAttributeType.S or DynamoDbAttributeType.N or DynamoDbAttributeType.B))
        {
            return null;
        }

        return Instantiate(typeof(SetCodec<,>), [setType, elementType], elementCodec);
    }

    private static AttributeValueCodec? CreateList(Type listType, Type elementType)
        => TryCreateForElement(elementType, out var elementCodec)
            ? Instantiate(typeof(ListCodec<,>), [listType, elementType], elementCodec)
            : null;

    private static AttributeValueCodec? CreateMap(Type mapType, Type valueType)
        => TryCreateForElement(valueType, out var valueCodec)
            ? Instantiate(typeof(MapCodec<,>), [mapType, valueType], valueCodec)
            : null;

    private static AttributeValueCodec CreateNullable(Type underlying, AttributeValueCodec inner)
        => Instantiate(typeof(NullableCodec<>), [underlying], inner);

    private static AttributeValueCodec Instantiate(Type definition, Type[] typeArguments, params object[] arguments)
        => (AttributeValueCodec)Activator.CreateInstance(definition.MakeGenericType(typeArguments), arguments)!;
}
