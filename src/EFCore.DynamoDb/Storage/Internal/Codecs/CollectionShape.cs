namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     Classifies the CLR collection types that are stored as one DynamoDB attribute.
/// </summary>
// The codec factory and the value comparer factory must agree exactly on which types are lists,
// sets and maps (and on their element types), so the classification lives in one place. Only
// types whose read-back instance (List<T>, T[], HashSet<T>, SortedSet<T>, Dictionary<string, T>)
// is assignable to them are included.
internal static class CollectionShape
{
    private static readonly HashSet<Type> SetDefinitions =
        [typeof(HashSet<>), typeof(ISet<>), typeof(IReadOnlySet<>), typeof(SortedSet<>)];

    private static readonly HashSet<Type> ListDefinitions =
    [
        typeof(List<>), typeof(IList<>), typeof(IReadOnlyList<>), typeof(ICollection<>),
        typeof(IReadOnlyCollection<>), typeof(IEnumerable<>),
    ];

    private static readonly HashSet<Type> MapDefinitions =
        [typeof(Dictionary<,>), typeof(IDictionary<,>), typeof(IReadOnlyDictionary<,>)];

    /// <summary>
    ///     The kind of collection and its element type (the value type for maps); byte[] is binary, not a list.
    /// </summary>
    public static CollectionKind Classify(Type type, out Type? elementType)
    {
        elementType = null;
        if (type.IsSZArray)
        {
            if (type == typeof(byte[]))
            {
                return CollectionKind.None;
            }

            elementType = type.GetElementType()!;
            return CollectionKind.List;
        }

        if (!type.IsGenericType)
        {
            return CollectionKind.None;
        }

        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        if (SetDefinitions.Contains(definition))
        {
            elementType = arguments[0];
            return CollectionKind.Set;
        }

        if (ListDefinitions.Contains(definition))
        {
            elementType = arguments[0];
            return CollectionKind.List;
        }

        // DynamoDB map keys are strings; other key types have no faithful M representation.
        if (MapDefinitions.Contains(definition) && arguments[0] == typeof(string))
        {
            elementType = arguments[1];
            return CollectionKind.Map;
        }

        return CollectionKind.None;
    }
}
