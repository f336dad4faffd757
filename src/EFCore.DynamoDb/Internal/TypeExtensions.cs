namespace EFCore.DynamoDb.Internal;

/// <summary>Small reflection helpers EF keeps internal to its own assemblies.</summary>
internal static class TypeExtensions
{
    public static Type UnwrapNullableType(this Type type) => Nullable.GetUnderlyingType(type) ?? type;

    public static bool IsNullableValueType(this Type type) => Nullable.GetUnderlyingType(type) != null;

    public static bool IsNullableType(this Type type) => !type.IsValueType || type.IsNullableValueType();

    public static Type MakeNullable(this Type type)
        => type.IsValueType && !type.IsNullableValueType() ? typeof(Nullable<>).MakeGenericType(type) : type;
}
