using EFCore.DynamoDb.Storage.Internal.Codecs;
using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     The per-property storage forms a model can choose beyond the type's default mapping: a date and time format
///     (<c>HasDateTimeFormat</c>), DynamoDBContext's forms (<c>UseDynamoDbContextConventions</c>: bool as N 1/0, primitive lists
///     and arrays as sets, DateTime as the SDK's ISO-8601 text), and the value a row version reads as before any writer set it.
/// </summary>
// Chosen per property when EF asks the type mapping source for the property's mapping, so that every reader and writer
// (SaveChanges, key lookups, key conditions, filters, materialization) goes through the same mapping. A value converter the
// application configured wins over all of these: it decides the stored form itself.
internal static class DynamoDbStoredForms
{
    /// <summary>The text DynamoDBContext writes for a DateTime (AWSSDKUtils.ISO8601DateFormat: UTC, milliseconds).</summary>
    public const string DynamoDbContextDateTimeFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    /// <summary>The element types whose List&lt;T&gt; and T[] DynamoDBContext's default conversion (V1) stores as SS, NS or BS.</summary>
    // DynamoDBContext's list of primitive types, less bool (a set of 1/0 cannot hold a repeated value, so the SDK's own writes
    // of most bool lists fail) and DateTime (whose elements keep the provider's form, as collection elements have no format).
    private static readonly HashSet<Type> SetElementTypes =
    [
        typeof(string), typeof(char), typeof(Guid), typeof(byte[]),
        typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
        typeof(float), typeof(double), typeof(decimal),
    ];

    /// <summary>The mapping <paramref name="property" /> is stored with, given the type's default <paramref name="mapping" />.</summary>
    public static DynamoDbTypeMapping Adapt(DynamoDbTypeMapping mapping, IReadOnlyProperty property)
    {
        if (property.GetValueConverter() != null || property.GetProviderClrType() != null)
        {
            return mapping;
        }

        var adapted = AdaptForm(mapping, property);
        return ReadsMissingAsDefault(adapted, property)
            ? adapted.WithMissingValue(Activator.CreateInstance(property.ClrType)!)
            : adapted;
    }

    /// <summary>
    ///     With DynamoDBContext's conventions, an item without the attribute of a non-nullable scalar (an int, bool, enum, DateTime)
    ///     reads as the type's default, as DynamoDBContext loads it; the sample items of AWS's own examples leave such attributes
    ///     out. Comparisons treat the missing attribute as that value too (<c>Views == 0</c> matches it), as a read would. Keys and
    ///     index keys are excluded: an item without its key attribute is not in the table or index at all.
    /// </summary>
    private static bool ReadsMissingAsDefault(DynamoDbTypeMapping mapping, IReadOnlyProperty property)
        => DynamoDbContextSchema(property.DeclaringType.Model) != null
            && property.ClrType.IsValueType
            && !property.ClrType.IsNullableType()
            && mapping.MissingValue == null
            && mapping.AttributeType is DynamoDbAttributeType.N or DynamoDbAttributeType.S or DynamoDbAttributeType.B or DynamoDbAttributeType.BOOL
            && !property.IsKey()
            && !property.GetContainingIndexes().Any();

    private static bool IsTableKey(IReadOnlyProperty property)
        => property.DeclaringType is IReadOnlyEntityType entityType
            && (entityType.GetPartitionKeyProperty() == property || entityType.GetSortKeyProperty() == property);

    private static DynamoDbTypeMapping AdaptForm(DynamoDbTypeMapping mapping, IReadOnlyProperty property)
    {
        var clrType = property.ClrType.UnwrapNullableType();
        var schema = DynamoDbContextSchema(property.DeclaringType.Model);
        if (clrType == typeof(string) && mapping.Codec == StringCodec.Instance && mapping.Converter == null
            && !property.IsKey() && !property.IsConcurrencyToken && !IsTableKey(property))
        {
            // Not keys (a table's key attribute has one type, S for a string property) nor tokens: their stored text is written
            // back as it was read, which for these strings is the S the provider writes (ReadItemValues keeps nothing for them).
            // Other writers store numbers into attributes classes declare as string; DynamoDBContext reads their text.
            return new DynamoDbTypeMapping(clrType, StringCodec.ReadingNumbers, converter: null, mapping.Comparer, mapping.KeyComparer);
        }

        if ((clrType == typeof(DateTime) || clrType == typeof(DateTimeOffset)) && DateTimeFormat(property) is { } format)
        {
            var textFormat = DateTimeTextFormat.Get(format);
            return clrType == typeof(DateTime)
                ? new DynamoDbTypeMapping(clrType, StringCodec.Instance, new DateTimeToFormattedStringConverter(textFormat))
                : new DynamoDbTypeMapping(clrType, StringCodec.Instance, new DateTimeOffsetToFormattedStringConverter(textFormat));
        }

        if (clrType == typeof(bool) && schema == "V1")
        {
            return new DynamoDbTypeMapping(clrType, BooleanCodec.AsNumber);
        }

        if (schema == "V1" && IsDynamoDbContextSetList(clrType)
            && mapping.Codec is IListCodec list && list.AsSet() is { } setCodec)
        {
            return new DynamoDbTypeMapping(clrType, setCodec, converter: null, mapping.Comparer, mapping.KeyComparer);
        }

        if (IsRowVersion(property) && !property.ClrType.IsNullableType())
        {
            // An item written by another tool, or before the property was a row version, has no version yet: it reads as 0,
            // and the first update is conditioned on the attribute not existing (or being 0).
            return mapping.WithMissingValue(Convert.ChangeType(0, clrType, System.Globalization.CultureInfo.InvariantCulture));
        }

        return mapping;
    }

    /// <summary>The format a DateTime or DateTimeOffset property is stored in, or null for the provider's default form.</summary>
    public static string? DateTimeFormat(IReadOnlyProperty property)
        => (string?)property[DynamoDbAnnotationNames.DateTimeFormat]
            ?? (string?)property.DeclaringType.Model[DynamoDbAnnotationNames.DateTimeFormat]
            ?? (DynamoDbContextSchema(property.DeclaringType.Model) != null ? DynamoDbContextDateTimeFormat : null);

    /// <summary>"V1" or "V2" when the model writes DynamoDBContext's forms, else null.</summary>
    public static string? DynamoDbContextSchema(IReadOnlyModel model) => (string?)model[DynamoDbAnnotationNames.DynamoDbContextConventions];

    /// <summary>
    ///     The row version a write stores after <paramref name="original" /> (null for a new item, or one no writer versioned
    ///     yet): DynamoDBContext's versions start at 0 (<c>UseDynamoDbContextConventions</c>), the provider's at 1.
    /// </summary>
    public static long NextRowVersion(IReadOnlyProperty rowVersion, object? original)
        => original == null
            ? DynamoDbContextSchema(rowVersion.DeclaringType.Model) != null ? 0 : 1
            : Convert.ToInt64(original, System.Globalization.CultureInfo.InvariantCulture) + 1;

    /// <summary>
    ///     Whether an original row version value may stand for an item with no version attribute: 0 of a non-nullable row
    ///     version reads a missing attribute too (null of a nullable one is only that, and is checked as such already).
    /// </summary>
    public static bool MayBeUnversioned(IReadOnlyProperty rowVersion, object? original)
        => original != null && !rowVersion.ClrType.IsNullableType()
            && Convert.ToInt64(original, System.Globalization.CultureInfo.InvariantCulture) == 0;

    /// <summary>
    ///     The provider-managed row version: an int or long <c>IsRowVersion()</c> property (the update pipeline keeps it).
    /// </summary>
    public static bool IsRowVersion(IReadOnlyProperty property)
        => property.IsConcurrencyToken
            && property.ValueGenerated == ValueGenerated.OnAddOrUpdate
            && property.ClrType.UnwrapNullableType() is var type && (type == typeof(int) || type == typeof(long))
            && !property.IsKey();

    private static bool IsDynamoDbContextSetList(Type clrType)
        => (clrType.IsSZArray && clrType != typeof(byte[]) && SetElementTypes.Contains(clrType.GetElementType()!))
            || (clrType.IsGenericType && clrType.GetGenericTypeDefinition() == typeof(List<>)
                && SetElementTypes.Contains(clrType.GetGenericArguments()[0]));
}
