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
    private readonly Func<AttributeValue, AttributeValue?>? _alternativeForm;
    private readonly IDateTimeTextConverter? _dateTimeText;

    private DynamoDbValueMapping(
        Func<object?, AttributeValue?> convert,
        DynamoDbAttributeType? attributeType,
        bool preservesOrder,
        string description,
        Func<AttributeValue, AttributeValue?>? alternativeForm = null,
        IDateTimeTextConverter? dateTimeText = null,
        string? unorderedReason = null,
        object? missingValue = null)
    {
        _convert = convert;
        AttributeType = attributeType;
        PreservesOrder = preservesOrder;
        Description = description;
        _alternativeForm = alternativeForm;
        _dateTimeText = dateTimeText;
        UnorderedReason = unorderedReason;
        MissingValue = missingValue;
    }

    /// <summary>
    ///     The model value a missing attribute reads as, for a scalar that reads as something rather than null (a row version
    ///     no writer set yet reads as 0; with DynamoDBContext's conventions a non-nullable scalar reads as its default):
    ///     comparisons treat a missing attribute as that value, as a read would.
    /// </summary>
    public object? MissingValue { get; }

    /// <summary>
    ///     Whether a missing (or NULL) attribute reads as a value rather than null: a set (or a list stored as one) reads as
    ///     empty, a row version as 0. Such a property is never null after a read.
    /// </summary>
    public bool ReadsMissingAsValue { get; private init; }

    /// <summary>Why the stored form does not sort like the CLR values, when the mapping knows (a date and time format).</summary>
    public string? UnorderedReason { get; }

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

    /// <summary>Strings stored as S as they are: the texts of key templates.</summary>
    public static DynamoDbValueMapping ForText(string description)
        => new(v => v == null ? null : new AttributeValue { S = (string)v }, DynamoDbAttributeType.S, preservesOrder: true, description);

    /// <summary>The values of a property, converted exactly as SaveChanges stores them.</summary>
    public static DynamoDbValueMapping ForProperty(IReadOnlyProperty property)
    {
        var mapping = (DynamoDbTypeMapping)property.GetTypeMapping();
        var dateTimeText = mapping.Converter as IDateTimeTextConverter;
        return new DynamoDbValueMapping(
            mapping.ToAttributeValue,
            mapping.AttributeType,
            IsOrderPreserving(property.ClrType.UnwrapNullableType(), mapping.Converter),
            $"property '{property.DeclaringType.DisplayName()}.{property.Name}'",
            mapping.AlternativeForm,
            dateTimeText,
            dateTimeText?.TextFormat.UnsortableReason is { } reason
                ? $"its date and time format '{dateTimeText.TextFormat.Format}' does not sort like time: {reason}"
                : null,
            mapping.AttributeType is DynamoDbAttributeType.N or DynamoDbAttributeType.S or DynamoDbAttributeType.B or DynamoDbAttributeType.BOOL
                ? mapping.MissingValue
                : null)
        {
            ReadsMissingAsValue = mapping.MissingValue != null,
        };
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
            $"elements of property '{collectionProperty.DeclaringType.DisplayName()}.{collectionProperty.Name}'",
            codec.AlternativeForm);
    }

    /// <summary>
    ///     A mapping for values that reach the comparison in another CLR type than the property's, such as the underlying
    ///     number of an enum or the code of a char (C# compares both as integers).
    /// </summary>
    public DynamoDbValueMapping WithValueConversion(Func<object?, object?> toModelValue, bool preservesOrder)
        => new(
            v => _convert(toModelValue(v)),
            AttributeType,
            preservesOrder && PreservesOrder,
            Description,
            _alternativeForm,
            dateTimeText: null,
            UnorderedReason);

    /// <summary>
    ///     The other stored form of <paramref name="written" /> (what <see cref="ToAttributeValue" /> returned) that reads as the
    ///     same value, such as N 1 for BOOL true: other tools write it, so conditions must match both. Null for most values.
    /// </summary>
    public AttributeValue? AlternativeForm(AttributeValue written) => _alternativeForm?.Invoke(written);

    /// <summary>
    ///     Whether the stored form holds <paramref name="value" /> (a non-null model value) exactly. False only for a date with
    ///     more precision than the property's date and time format keeps: no stored value can equal it.
    /// </summary>
    public bool Holds(object value) => _dateTimeText == null || _dateTimeText.TextFormat.Holds(_dateTimeText.ToUtc(value));

    /// <summary>
    ///     For a date the stored form does not hold, under a sortable format: the greatest value it holds below it, as a model
    ///     value. A range condition with the value is the same condition with that one (see <c>DateTimeTextFormat.TryFloor</c>).
    /// </summary>
    public bool TryFloor(object value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? below)
    {
        if (_dateTimeText != null && _dateTimeText.TextFormat.TryFloor(_dateTimeText.ToUtc(value), out var utc))
        {
            below = _dateTimeText.FromUtc(utc);
            return true;
        }

        below = null;
        return false;
    }

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
        if (converter is IDateTimeTextConverter dateTimeText)
        {
            return dateTimeText.TextFormat.IsSortable;
        }

        return clrType.IsEnum
            ? converter.ProviderClrType.UnwrapNullableType() != typeof(string)
            : converter.GetType().Namespace == typeof(DynamoDbDefaultValueConverters).Namespace
                && clrType != typeof(Guid)
                || converter is CharToStringConverter;
    }
}
