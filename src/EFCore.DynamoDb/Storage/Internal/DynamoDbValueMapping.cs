using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Converts a value that a query compares with an attribute into the <see cref="AttributeValue" /> DynamoDB compares: the
///     property's type mapping, an element codec (for <c>Contains</c> on sets and lists), or a plain number (for sizes).
/// </summary>
internal sealed class DynamoDbValueMapping
{
    private readonly Func<object?, AttributeValue?> _convert;

    private DynamoDbValueMapping(
        Func<object?, AttributeValue?> convert,
        DynamoDbAttributeType? attributeType,
        bool preservesOrder,
        string description)
    {
        _convert = convert;
        AttributeType = attributeType;
        PreservesOrder = preservesOrder;
        Description = description;
    }

    /// <summary>The DynamoDB type values are stored as, when known.</summary>
    public DynamoDbAttributeType? AttributeType { get; }

    /// <summary>Whether DynamoDB's order of the stored form equals the CLR order, so that &lt; and &gt; translate.</summary>
    public bool PreservesOrder { get; }

    /// <summary>What the values are, for messages ("property 'Thread.Views'").</summary>
    public string Description { get; }

    /// <summary>A mapping that converts nothing: for paths only used in null checks (owned maps, lists).</summary>
    public static DynamoDbValueMapping None(string description)
        => new(_ => throw new InvalidOperationException($"The {description} cannot be compared with a value."), null, false, description);

    /// <summary>Plain numbers (sizes and counts).</summary>
    public static readonly DynamoDbValueMapping Number = new(
        v => v == null ? null : new AttributeValue { N = Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        DynamoDbAttributeType.N, preservesOrder: true, "number");

    /// <summary>
    ///     Numbers of <paramref name="clrType" /> compared with a numeric attribute through a conversion that keeps every value
    ///     (<c>(long)x.Int16</c>): stored as N, which DynamoDB compares by value whatever the width.
    /// </summary>
    public static DynamoDbValueMapping? ForNumber(Type clrType, string description)
        => AttributeValueCodecFactory.TryCreateForElement(clrType, out var codec) && codec.AttributeType == DynamoDbAttributeType.N
            ? new DynamoDbValueMapping(
                v => v == null ? null : codec.ToAttributeValue(v), DynamoDbAttributeType.N, preservesOrder: true, description)
            : null;

    /// <summary>The values of a property, converted exactly as SaveChanges stores them.</summary>
    public static DynamoDbValueMapping ForProperty(IReadOnlyProperty property)
    {
        var mapping = (DynamoDbTypeMapping)property.GetTypeMapping();
        return new DynamoDbValueMapping(
            mapping.ToAttributeValue,
            mapping.AttributeType,
            IsOrderPreserving(property.ClrType.UnwrapNullableType(), mapping.Converter),
            $"property '{property.DeclaringType.DisplayName()}.{property.Name}'");
    }

    /// <summary>The elements of a set or list property (for Contains), or the values of a dictionary property.</summary>
    public static DynamoDbValueMapping? ForElement(IReadOnlyProperty collectionProperty, Type elementClrType)
    {
        var mapping = (DynamoDbTypeMapping)collectionProperty.GetTypeMapping();
        if (mapping.Converter != null
            || !AttributeValueCodecFactory.TryCreateForElement(elementClrType, out var codec))
        {
            // A user converter on the collection hides how its elements are stored.
            return null;
        }

        return new DynamoDbValueMapping(
            v => v == null ? AttributeValueCodec.CreateNull() : codec.ToAttributeValue(v) ?? AttributeValueCodec.CreateNull(),
            codec.AttributeType,
            IsOrderPreserving(elementClrType.UnwrapNullableType(), DynamoDbDefaultValueConverters.Find(elementClrType.UnwrapNullableType())),
            $"elements of property '{collectionProperty.DeclaringType.DisplayName()}.{collectionProperty.Name}'");
    }

    /// <summary>
    ///     A mapping for values that reach the comparison in another CLR type than the property's, such as the underlying
    ///     number of an enum or the code of a char (C# compares both as integers).
    /// </summary>
    public DynamoDbValueMapping WithValueConversion(Func<object?, object?> toModelValue, bool preservesOrder)
        => new(v => _convert(toModelValue(v)), AttributeType, preservesOrder && PreservesOrder, Description);

    /// <summary>Converts a model value; null means "no attribute" (null).</summary>
    public AttributeValue? ToAttributeValue(object? value)
    {
        try
        {
            return _convert(value);
        }
        catch (UnstorableValueException exception)
        {
            throw new InvalidOperationException(
                $"The value {DescribeValue(value)} compared with the {Description} cannot be sent to DynamoDB: {exception.Message}.",
                exception);
        }
        catch (Exception exception) when (exception is InvalidCastException or FormatException or OverflowException)
        {
            throw new InvalidOperationException(
                $"The value {DescribeValue(value)} cannot be compared with the {Description}: {exception.Message}", exception);
        }
    }

    internal static string DescribeValue(object? value)
        => value switch
        {
            null => "null",
            string s => "'" + (s.Length > 100 ? s[..100] + "…" : s) + "'",
            _ => "'" + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) + "'",
        };

    private static bool IsOrderPreserving(Type clrType, ValueConverter? converter)
    {
        if (converter == null)
        {
            return true;
        }

        // The provider's own converters of dates and times are order-preserving by design; enums store their number.
        // Guid's string form does not sort like Guid.CompareTo, and a user's converter may do anything.
        return clrType.IsEnum
            ? converter.ProviderClrType.UnwrapNullableType() != typeof(string)
            : converter.GetType().Namespace == typeof(DynamoDbDefaultValueConverters).Namespace
                && clrType != typeof(Guid)
                || converter is CharToStringConverter;
    }
}
