using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>DynamoDB-specific configuration of properties, owned types and complex properties.</summary>
public static class DynamoDbPropertyBuilderExtensions
{
    /// <summary>Stores the property in the attribute <paramref name="name" /> instead of one named after the property.</summary>
    public static PropertyBuilder HasAttributeName(this PropertyBuilder propertyBuilder, string name)
    {
        ArgumentNullException.ThrowIfNull(propertyBuilder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        propertyBuilder.Metadata.SetAttributeName(name);
        return propertyBuilder;
    }

    /// <inheritdoc cref="HasAttributeName(PropertyBuilder, string)" />
    public static PropertyBuilder<TProperty> HasAttributeName<TProperty>(this PropertyBuilder<TProperty> propertyBuilder, string name)
        => (PropertyBuilder<TProperty>)HasAttributeName((PropertyBuilder)propertyBuilder, name);

    /// <summary>
    ///     Stores a <see cref="DateTime" /> or <see cref="DateTimeOffset" /> property as its UTC instant in the .NET custom format
    ///     <paramref name="format" /> (invariant culture), e.g. <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> as DynamoDBContext writes it or
    ///     <c>yyyy-MM-ddTHH:mm:ss.ffffff+0000</c> as PynamoDB does. Writes, key lookups, key conditions and filters use the format;
    ///     reads also accept any ISO-8601 text, so items other tools wrote in another form still read.
    /// </summary>
    /// <remarks>
    ///     <para>
    ///         Range comparisons (<c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, between) and <c>OrderBy</c> translate only
    ///         when the format is fixed-width text running from the year down (yyyy, MM, dd, HH, mm, ss, f… in that order), whose
    ///         text order is time order; with any other format only <c>==</c> and <c>!=</c> translate.
    ///     </para>
    ///     <para>
    ///         A value the format cannot hold exactly (more fraction digits than it has) is refused on save, naming the entity,
    ///         property and value: cutting it would silently change it. In queries such a value is compared exactly: it equals
    ///         no stored value, and range bounds move to the nearest values the format holds.
    ///     </para>
    /// </remarks>
    /// <param name="propertyBuilder">The builder of a DateTime or DateTimeOffset property (nullable or not).</param>
    /// <param name="format">The format; the zone must be a literal (values are UTC), e.g. <c>Z</c> or <c>'+0000'</c>.</param>
    public static PropertyBuilder HasDateTimeFormat(this PropertyBuilder propertyBuilder, string format)
    {
        ArgumentNullException.ThrowIfNull(propertyBuilder);
        var type = propertyBuilder.Metadata.ClrType.UnwrapNullableType();
        if (type != typeof(DateTime) && type != typeof(DateTimeOffset))
        {
            throw new InvalidOperationException(
                $"HasDateTimeFormat was called on the property '{propertyBuilder.Metadata.DeclaringType.DisplayName()}."
                + $"{propertyBuilder.Metadata.Name}' of type '{propertyBuilder.Metadata.ClrType.ShortDisplayName()}'; only DateTime and "
                + "DateTimeOffset properties have a date and time format. Use a value converter (HasConversion) for other types.");
        }

        DateTimeTextFormat.Get(format);
        propertyBuilder.Metadata.SetAnnotation(DynamoDbAnnotationNames.DateTimeFormat, format);
        return propertyBuilder;
    }

    /// <inheritdoc cref="HasDateTimeFormat(PropertyBuilder, string)" />
    public static PropertyBuilder<TProperty> HasDateTimeFormat<TProperty>(this PropertyBuilder<TProperty> propertyBuilder, string format)
        => (PropertyBuilder<TProperty>)HasDateTimeFormat((PropertyBuilder)propertyBuilder, format);

    /// <summary>Stores the owned type in the attribute <paramref name="name" /> of its owner's item.</summary>
    public static OwnedNavigationBuilder HasAttributeName(this OwnedNavigationBuilder ownedNavigationBuilder, string name)
    {
        ArgumentNullException.ThrowIfNull(ownedNavigationBuilder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ownedNavigationBuilder.OwnedEntityType.SetAnnotation(EFCore.DynamoDb.Metadata.Internal.DynamoDbAnnotationNames.AttributeName, name);
        return ownedNavigationBuilder;
    }

    /// <inheritdoc cref="HasAttributeName(OwnedNavigationBuilder, string)" />
    public static OwnedNavigationBuilder<TOwner, TDependent> HasAttributeName<TOwner, TDependent>(
        this OwnedNavigationBuilder<TOwner, TDependent> ownedNavigationBuilder,
        string name)
        where TOwner : class
        where TDependent : class
        => (OwnedNavigationBuilder<TOwner, TDependent>)HasAttributeName((OwnedNavigationBuilder)ownedNavigationBuilder, name);

    /// <summary>Stores the complex property in the attribute <paramref name="name" />.</summary>
    public static ComplexPropertyBuilder HasAttributeName(this ComplexPropertyBuilder complexPropertyBuilder, string name)
    {
        ArgumentNullException.ThrowIfNull(complexPropertyBuilder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        complexPropertyBuilder.Metadata.SetAnnotation(EFCore.DynamoDb.Metadata.Internal.DynamoDbAnnotationNames.AttributeName, name);
        return complexPropertyBuilder;
    }

    /// <inheritdoc cref="HasAttributeName(ComplexPropertyBuilder, string)" />
    public static ComplexPropertyBuilder<TComplex> HasAttributeName<TComplex>(
        this ComplexPropertyBuilder<TComplex> complexPropertyBuilder,
        string name)
        where TComplex : notnull
        => (ComplexPropertyBuilder<TComplex>)HasAttributeName((ComplexPropertyBuilder)complexPropertyBuilder, name);
}
