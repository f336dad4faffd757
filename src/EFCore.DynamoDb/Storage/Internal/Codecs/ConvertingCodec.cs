using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.Storage.Internal.Codecs;

/// <summary>
///     Applies an EF value converter before another codec, for collection elements such as the
///     DateTime values of a List&lt;DateTime&gt;.
/// </summary>
// Top-level properties get their converter from EF's type mapping, but EF has no converter hook
// for the elements of a collection stored as one attribute. Using the same converters here keeps a
// DateTime element stored exactly like a DateTime property, so both compare the same in queries.
internal sealed class ConvertingCodec<TModel, TProvider> : AttributeValueCodec<TModel>
{
    private readonly Func<TModel, TProvider> _toProvider;
    private readonly Func<TProvider, TModel> _fromProvider;
    private readonly AttributeValueCodec<TProvider> _inner;

    public ConvertingCodec(ValueConverter<TModel, TProvider> converter, AttributeValueCodec<TProvider> inner)
    {
        _toProvider = converter.ConvertToProviderTyped;
        _fromProvider = converter.ConvertFromProviderTyped;
        _inner = inner;
    }

    public override DynamoDbAttributeType AttributeType => _inner.AttributeType;

    public override AttributeValue? Write(TModel value) => _inner.Write(_toProvider(value));

    public override TModel Read(AttributeValue value) => FromProvider(_inner.Read(value), value, null);

    public override string? WriteSetMember(TModel value) => _inner.WriteSetMember(_toProvider(value));

    public override TModel ReadSetMember(string text) => FromProvider(_inner.ReadSetMember(text), null, text);

    /// <param name="providerValue">The value the inner codec read.</param>
    /// <param name="value">The attribute it was read from, or null for a set member.</param>
    /// <param name="memberText">The set member's text, when <paramref name="value" /> is null (its attribute is made only for a message).</param>
    private TModel FromProvider(TProvider providerValue, AttributeValue? value, string? memberText)
    {
        try
        {
            return _fromProvider(providerValue);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new AttributeTypeMismatchException(
                DescribeExpected(), value ?? SetMemberAttribute(memberText!), $"cannot be read as {ClrTypeNames.Display(typeof(TModel))}: {e.Message}", e);
        }
    }

    public override AttributeValue? AlternativeForm(AttributeValue written) => _inner.AlternativeForm(written);

    public override string DescribeExpected() => $"{_inner.AttributeType} ({ClrTypeNames.Display(typeof(TModel))})";
}
