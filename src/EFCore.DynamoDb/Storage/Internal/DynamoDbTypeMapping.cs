using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Maps a CLR type to a DynamoDB attribute type. A model value goes through EF's value converter (the property's own
///     <c>HasConversion</c> and this mapping's built-in one, e.g. DateTime to an ISO string) and then through the codec that
///     turns the provider value into an <see cref="AttributeValue" />.
/// </summary>
internal sealed class DynamoDbTypeMapping : CoreTypeMapping
{
    // What a missing attribute reads as when that is not the codec's choice: 0 for a row version no writer has set yet.
    private readonly object? _missingValueOverride;

    public DynamoDbTypeMapping(
        Type clrType,
        AttributeValueCodec codec,
        ValueConverter? converter = null,
        ValueComparer? comparer = null,
        ValueComparer? keyComparer = null)
        : base(new CoreTypeMappingParameters(clrType, converter, comparer, keyComparer))
        => Codec = codec;

    private DynamoDbTypeMapping(CoreTypeMappingParameters parameters, AttributeValueCodec codec, object? missingValueOverride)
        : base(parameters)
    {
        Codec = codec;
        _missingValueOverride = missingValueOverride;
    }

    internal AttributeValueCodec Codec { get; }

    internal DynamoDbAttributeType AttributeType => Codec.AttributeType;

    /// <summary>The DynamoDB attribute type code (S, N, B, BOOL, SS, NS, BS, L or M) values of this mapping are stored as.</summary>
    public string StoreType => Codec.AttributeType.ToString();

    /// <summary>Converts a model value to the attribute stored for it; null means no attribute.</summary>
    internal AttributeValue? ToAttributeValue(object? modelValue)
    {
        if (modelValue == null)
        {
            return null;
        }

        var providerValue = Converter == null ? modelValue : Converter.ConvertToProvider(modelValue);
        return Codec.ToAttributeValue(providerValue);
    }

    /// <summary>Converts a stored attribute back to a model value.</summary>
    internal object? FromAttributeValue(AttributeValue value)
    {
        var providerValue = Codec.FromAttributeValue(value);
        return Converter == null || providerValue == null ? providerValue : Converter.ConvertFromProvider(providerValue);
    }

    /// <summary>The model value a missing attribute reads as (an empty set for sets, else null).</summary>
    internal object? MissingValue
        => _missingValueOverride
            ?? (Codec.MissingValue is { } missing && Converter != null ? Converter.ConvertFromProvider(missing) : Codec.MissingValue);

    /// <summary>The same mapping, with a missing attribute read as <paramref name="missingValue" /> (a model value).</summary>
    internal DynamoDbTypeMapping WithMissingValue(object missingValue) => new(Parameters, Codec, missingValue);

    /// <summary>
    ///     The other form a stored attribute may have that reads as the same value, written by other tools (a bool's BOOL and N
    ///     1/0); null when the value has one form only. Queries compare with both.
    /// </summary>
    internal AttributeValue? AlternativeForm(AttributeValue written) => Codec.AlternativeForm(written);

    /// <inheritdoc />
    public override CoreTypeMapping WithComposedConverter(
        ValueConverter? converter,
        ValueComparer? comparer = null,
        ValueComparer? keyComparer = null,
        CoreTypeMapping? elementMapping = null,
        JsonValueReaderWriter? jsonValueReaderWriter = null)
        => new DynamoDbTypeMapping(
            Parameters.WithComposedConverter(converter, comparer, keyComparer, elementMapping, jsonValueReaderWriter), Codec,
            _missingValueOverride);

    /// <inheritdoc />
    protected override CoreTypeMapping Clone(CoreTypeMappingParameters parameters)
        => new DynamoDbTypeMapping(parameters, Codec, _missingValueOverride);
}
