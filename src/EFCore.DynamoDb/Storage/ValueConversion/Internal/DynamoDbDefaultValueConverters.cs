using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Storage.ValueConversion.Internal;

/// <summary>
///     The converter that stores a CLR type with no native DynamoDB codec (Guid, char, dates and
///     times, enums), or null when the type needs none or is not supported.
/// </summary>
// Property type mappings and collection elements must agree on these choices, otherwise a
// DateTime inside a List<DateTime> would compare differently from a DateTime property; both ask
// here. Enums are stored as their underlying number, as EF does by default in other providers.
internal static class DynamoDbDefaultValueConverters
{
    private static readonly ConcurrentDictionary<Type, ValueConverter?> Cache = new();

    public static ValueConverter? Find(Type modelClrType)
        => Cache.GetOrAdd(modelClrType, static type => Create(type));

    private static ValueConverter? Create(Type type)
    {
        if (type == typeof(Guid))
        {
            return new GuidToLowercaseStringConverter();
        }

        if (type == typeof(char))
        {
            return new CharToStringConverter();
        }

        if (type == typeof(DateTime))
        {
            return new DateTimeToSortableStringConverter();
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffsetToSortableStringConverter();
        }

        if (type == typeof(DateOnly))
        {
            return new DateOnlyToSortableStringConverter();
        }

        if (type == typeof(TimeOnly))
        {
            return new TimeOnlyToSortableStringConverter();
        }

        if (type == typeof(TimeSpan))
        {
            return new TimeSpanToSortableStringConverter();
        }

        if (type.IsEnum)
        {
            var converterType = typeof(EnumToNumberConverter<,>).MakeGenericType(type, Enum.GetUnderlyingType(type));
            return (ValueConverter)Activator.CreateInstance(converterType)!;
        }

        return null;
    }
}
