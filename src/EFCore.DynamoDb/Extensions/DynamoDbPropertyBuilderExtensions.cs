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
