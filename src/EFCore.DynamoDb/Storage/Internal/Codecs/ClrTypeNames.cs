namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     Readable CLR type names for error messages: "HashSet&lt;String&gt;" rather than "HashSet`1".
/// </summary>
internal static class ClrTypeNames
{
    public static string Display(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Display(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Display(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`')];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Display))}>";
    }
}
