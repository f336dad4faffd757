using System.Collections.Concurrent;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;

namespace EFCore.DynamoDb.ChangeTracking.Internal;

/// <summary>
///     Value comparers for the CLR types whose instances are mutable: byte[] and the collections
///     stored as one attribute (lists, arrays, sets, string-keyed dictionaries).
/// </summary>
// Comparers are immutable and depend only on the type, so one per type is cached. Element
// comparers are built recursively, so List<List<int>> or Dictionary<string, byte[]> compare and
// snapshot deeply.
internal static class DynamoDbValueComparers
{
    private static readonly ConcurrentDictionary<Type, ValueComparer?> Cache = new();

    /// <summary>
    ///     The comparer for byte[] or a collection type; null for any other type, whose instances are
    ///     immutable and for which EF's default comparer is right.
    /// </summary>
    public static ValueComparer? Create(Type clrType)
        => Cache.GetOrAdd(clrType, static type => CreateCore(type));

    /// <summary>The comparer for a collection element: <see cref="Create" />, or EF's default for immutable types.</summary>
    // EF's default for double?, float? and DateTimeOffset? is its comparer of the underlying type (a ValueComparer<double>),
    // which the collection comparers, typed by their element (ValueComparer<double?>), cannot take; EF lifts it to the
    // nullable type the way it does for its own primitive collections.
    public static ValueComparer CreateForElement(Type elementType)
    {
        var comparer = Create(elementType) ?? ValueComparer.CreateDefault(elementType, favorStructuralComparisons: false);
        return comparer.Type == elementType ? comparer : comparer.ToNullableComparer(elementType)!;
    }

    private static ValueComparer? CreateCore(Type type)
    {
        if (type == typeof(byte[]))
        {
            return ByteArrayValueComparer.Instance;
        }

        var kind = CollectionShape.Classify(type, out var elementType);
        var definition = kind switch
        {
            CollectionKind.List => typeof(ListValueComparer<,>),
            CollectionKind.Set => typeof(SetValueComparer<,>),
            CollectionKind.Map => typeof(DictionaryValueComparer<,>),
            _ => null,
        };

        return definition is null
            ? null
            : (ValueComparer)Activator.CreateInstance(
                definition.MakeGenericType(type, elementType!),
                CreateForElement(elementType!))!;
    }
}
