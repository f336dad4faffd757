using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Metadata.Conventions;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Infrastructure.Internal;

// The validator's attribute rules: names, row versions, shapes the writer can store.
public partial class DynamoDbModelValidator
{
    /// <summary>Checks that row versions (PynamoDB's VersionAttribute) are integers the provider can increment.</summary>
    protected virtual void ValidateRowVersions(IEntityType entityType)
    {
        foreach (var property in entityType.GetDeclaredProperties())
        {
            if (property.IsConcurrencyToken && property.ValueGenerated == ValueGenerated.OnAddOrUpdate
                && !DynamoDbValueGenerationConvention.IsOwnedCollectionOrdinal(entityType, property)
                && property.ClrType.UnwrapNullableType() is var type && type != typeof(int) && type != typeof(long))
            {
                throw new InvalidOperationException(
                    $"The row version property '{entityType.DisplayName()}.{property.Name}' is of type '{property.ClrType.ShortDisplayName()}'; "
                    + "DynamoDB row versions are numbers the provider increments on each update, so use an int or long property.");
            }
        }
    }

    /// <summary>
    ///     Checks that a property's own <c>HasDateTimeFormat</c> takes effect: a value converter (the property's own, or the epoch
    ///     seconds of a time-to-live attribute) decides the stored form instead, so the two together are a contradiction.
    /// </summary>
    protected virtual void ValidateDateTimeFormats(IEntityType entityType)
    {
        foreach (var property in entityType.GetDeclaredProperties()
                     .Concat(entityType.GetDeclaredComplexProperties().SelectMany(c => c.ComplexType.GetFlattenedProperties())))
        {
            if (property[DynamoDbAnnotationNames.DateTimeFormat] is string format
                && (property.GetValueConverter() != null || property.GetProviderClrType() != null))
            {
                throw new InvalidOperationException(
                    $"The property '{property.DeclaringType.DisplayName()}.{property.Name}' has the date and time format '{format}' "
                    + "and a value converter (HasConversion, or the epoch seconds of a time-to-live attribute), which decides the "
                    + "stored form instead. Remove one of the two.");
            }
        }
    }

    /// <summary>Checks that no two properties of one item (or one nested map) are stored in the same attribute.</summary>
    protected virtual void ValidateAttributeNames(IEntityType entityType)
    {
        if (entityType.BaseType != null)
        {
            return;
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in entityType.GetDerivedTypesInclusive())
        {
            foreach (var property in type.GetDeclaredProperties().Where(IsStored))
            {
                Check(property.GetAttributeName(), type.DisplayName() + "." + property.Name);
            }

            foreach (var complexProperty in type.GetDeclaredComplexProperties())
            {
                Check(complexProperty.GetAttributeName(), type.DisplayName() + "." + complexProperty.Name);
            }

            foreach (var navigation in type.GetDeclaredNavigations().Where(n => n.TargetEntityType.IsOwned() && !n.IsOnDependent))
            {
                Check(navigation.TargetEntityType.GetContainingAttributeName()!, type.DisplayName() + "." + navigation.Name);
            }
        }

        void Check(string attributeName, string member)
        {
            if (attributeName.Length == 0)
            {
                throw new InvalidOperationException($"'{member}' is mapped to an empty attribute name; DynamoDB attribute names cannot be empty.");
            }

            if (seen.TryGetValue(attributeName, out var other) && other != member)
            {
                throw new InvalidOperationException(
                    $"'{member}' and '{other}' are both stored in the attribute '{attributeName}'. Give one of them another name with "
                    + "HasAttributeName.");
            }

            seen[attributeName] = member;
        }
    }

    /// <summary>
    ///     Checks what the update pipeline cannot write faithfully: concurrency tokens inside an owner's item (an item is
    ///     written as a whole, so only the owner's tokens are checked) and complex collections (not read back yet).
    /// </summary>
    protected virtual void ValidateWritableShape(IEntityType entityType)
    {
        if (entityType.IsOwned()
            && entityType.GetDeclaredProperties().FirstOrDefault(p => p.IsConcurrencyToken) is { } ownedToken)
        {
            throw new InvalidOperationException(
                $"The property '{entityType.DisplayName()}.{ownedToken.Name}' is a concurrency token of an owned type. An owned entity is "
                + $"stored inside its owner's item and written with it, so DynamoDB checks concurrency per item: configure the token "
                + $"(or IsRowVersion()) on the owner '{entityType.FindOwnership()!.PrincipalEntityType.GetRootType().DisplayName()}'.");
        }

        foreach (var complexProperty in entityType.GetDeclaredComplexProperties())
        {
            CheckComplexProperty(complexProperty);
        }

        void CheckComplexProperty(IComplexProperty complexProperty)
        {
            var name = $"{complexProperty.DeclaringType.DisplayName()}.{complexProperty.Name}";
            if (complexProperty.IsCollection)
            {
                throw new InvalidOperationException(
                    $"The complex collection '{name}' cannot be mapped: the DynamoDB provider does not read complex collections "
                    + "back yet, so their data would be lost on the next query. Map the elements as an owned collection (OwnsMany), "
                    + "which is stored the same way (a list of maps).");
            }

            if (complexProperty.ComplexType.GetProperties().FirstOrDefault(p => p.IsConcurrencyToken) is { } complexToken)
            {
                throw new InvalidOperationException(
                    $"The property '{complexProperty.ComplexType.DisplayName()}.{complexToken.Name}' is a concurrency token inside the "
                    + $"complex property '{name}'. DynamoDB checks concurrency per item: configure the token on the entity type "
                    + $"'{entityType.GetRootType().DisplayName()}'.");
            }

            foreach (var nested in complexProperty.ComplexType.GetComplexProperties())
            {
                CheckComplexProperty(nested);
            }
        }
    }

    /// <summary>
    ///     Refuses value converters on the elements of a collection (<c>PrimitiveCollection(...).ElementType().HasConversion(...)</c>):
    ///     the provider stores a collection in one attribute with its own element conversions, so such a converter would be
    ///     silently ignored.
    /// </summary>
    protected virtual void ValidateElementConverters(IEntityType entityType)
    {
        foreach (var property in entityType.GetDeclaredProperties())
        {
            if (property.GetElementType() is { } elementType
                && (elementType.GetValueConverter() != null || elementType.GetProviderClrType() != null))
            {
                throw new InvalidOperationException(
                    $"The elements of '{entityType.DisplayName()}.{property.Name}' have a value converter. DynamoDB stores the "
                    + "collection in one attribute (a set or a list) and converts its elements itself; convert the whole "
                    + "property with HasConversion instead.");
            }
        }
    }
}
