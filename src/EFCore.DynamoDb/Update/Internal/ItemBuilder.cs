using System.Collections;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Infrastructure.Internal;
using EFCore.DynamoDb.Metadata.Conventions;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Update;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     Builds the attributes of an item from tracked entries in the format the query reader reads: one top-level attribute
///     per stored property, owned references and complex values as maps, owned and complex collections as lists of maps;
///     null values and empty sets as no attribute. Values DynamoDB cannot hold are refused here, before any request, with a
///     message naming the entity, the property and the value.
/// </summary>
internal sealed class ItemBuilder(EntryDescriber describer)
{
    /// <summary>The whole item of a root entry (keys, properties, complex values and owned entities).</summary>
    public Dictionary<string, AttributeValue> BuildItem(WriteCommand command, InternalEntityEntry entry, IProperty? rowVersion, object? rowVersionValue)
    {
        var item = new Dictionary<string, AttributeValue>(EntityWriteShape.For(entry.EntityType).AttributeCount, StringComparer.Ordinal);
        AddEntityAttributes(command, entry, item, "", rowVersion, rowVersionValue, command.Key);
        return item;
    }

    /// <summary>The stored form of one property value; null when no attribute is stored.</summary>
    /// <param name="command">The write, for messages.</param>
    /// <param name="entry">The entry holding the value.</param>
    /// <param name="property">The property.</param>
    /// <param name="value">The model value.</param>
    /// <param name="path">Where the property sits in the item ("" at the top, "Lines[2]" in an owned collection).</param>
    /// <param name="isWritten">False for a value only compared in a condition (an original token value may well be null).</param>
    public AttributeValue? Convert(WriteCommand command, IUpdateEntry entry, IProperty property, object? value, string path, bool isWritten = true)
        => Convert(command, entry, property, (DynamoDbTypeMapping)property.GetTypeMapping(), value, path, isWritten);

    private AttributeValue? Convert(
        WriteCommand command,
        IUpdateEntry entry,
        IProperty property,
        DynamoDbTypeMapping mapping,
        object? value,
        string path,
        bool isWritten = true)
    {
        // A converter built to convert nulls (convertsNulls: true) gives null a stored value of its own: only a null it
        // returns means "no attribute", and only then can a required property be missing.
        var nullProvider = value == null && mapping.Converter is { ConvertsNulls: true } converter ? converter.ConvertToProvider(null) : null;
        if (value == null && nullProvider == null)
        {
            if (isWritten && !property.IsNullable)
            {
                throw new DbUpdateException(
                    $"Cannot save {command.Description}: property '{EntryDescriber.PropertyPath(path, property)}' is required but its value "
                    + "is null. Set a value before saving, or make the property optional (a nullable type, or IsRequired(false)).",
                    (Exception?)null,
                    [entry]);
            }

            return null;
        }

        try
        {
            return value == null ? mapping.Codec.ToAttributeValue(nullProvider) : mapping.ToAttributeValue(value);
        }
        catch (UnstorableValueException exception)
        {
            throw new DbUpdateException(
                $"Cannot save {command.Description}: property '{EntryDescriber.PropertyPath(path, property)}' has "
                + $"{describer.TheValue(value)}, which DynamoDB cannot store: {exception.Reason}"
                + (exception.Path == null ? "" : $" (at {exception.Path})") + ".",
                exception,
                [entry]);
        }
    }

    /// <summary>A complex property's value as a map (or a list of maps for a collection); null when it is null.</summary>
    public AttributeValue? BuildComplex(WriteCommand command, IUpdateEntry entry, IComplexProperty complexProperty, object? value, string path)
    {
        var propertyPath = EntryDescriber.PropertyPath(path, complexProperty);
        if (value == null)
        {
            if (!complexProperty.IsNullable)
            {
                throw new DbUpdateException(
                    $"Cannot save {command.Description}: the complex property '{propertyPath}' is required but its value is null.",
                    (Exception?)null,
                    [entry]);
            }

            return null;
        }

        if (!complexProperty.IsCollection)
        {
            return new AttributeValue { M = BuildComplexObject(command, entry, complexProperty.ComplexType, value, propertyPath) };
        }

        // A complex collection is a list of maps. The model validator refuses complex collections until queries read them
        // back; this is the writing half, ready for then.
        var elements = new List<AttributeValue>();
        var index = 0;
        foreach (var element in (IEnumerable)value)
        {
            var elementPath = $"{propertyPath}[{index++}]";
            if (element == null)
            {
                throw new DbUpdateException(
                    $"Cannot save {command.Description}: the complex collection '{propertyPath}' holds null at {elementPath}; "
                    + "elements of a complex collection cannot be null.",
                    (Exception?)null,
                    [entry]);
            }

            elements.Add(new AttributeValue { M = BuildComplexObject(command, entry, complexProperty.ComplexType, element, elementPath) });
        }

        return new AttributeValue { L = elements };
    }

    /// <summary>
    ///     An owned navigation's value as a map (reference) or a list of maps in collection order (collection); null when
    ///     the navigation is null. Records the ordinal keys the collection's elements get once the write succeeds.
    /// </summary>
    public AttributeValue? BuildOwned(WriteCommand command, InternalEntityEntry owner, INavigation navigation, string path)
    {
        var targetType = navigation.TargetEntityType;
        var dependents = Dependents(owner, navigation);
        if (dependents == null)
        {
            return null;
        }

        var navigationPath = path.Length == 0 ? navigation.Name : path + "." + navigation.Name;
        if (!navigation.IsCollection)
        {
            var dependent = dependents.FirstOrDefault();
            if (dependent == null)
            {
                return null;
            }

            var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
            AddEntityAttributes(command, dependent, map, navigationPath, null, null);
            return new AttributeValue { M = map };
        }

        var elements = new List<AttributeValue>();
        var entries = new List<InternalEntityEntry>();
        foreach (var dependent in dependents)
        {
            var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
            AddEntityAttributes(command, dependent, map, $"{navigationPath}[{entries.Count}]", null, null);
            elements.Add(new AttributeValue { M = map });
            entries.Add(dependent);
        }

        var ordinal = targetType.FindPrimaryKey()?.Properties
            .FirstOrDefault(p => DynamoDbValueGenerationConvention.IsOwnedCollectionOrdinal(targetType, p));
        if (ordinal != null && entries.Count > 0)
        {
            command.Ordinals.Add((ordinal, entries));
        }

        return new AttributeValue { L = elements };
    }

    /// <summary>The map of one owned entity (an element of an owned collection appended to its list).</summary>
    public Dictionary<string, AttributeValue> BuildMap(WriteCommand command, InternalEntityEntry entry, string path)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        AddEntityAttributes(command, entry, map, path, null, null);
        return map;
    }

    private void AddEntityAttributes(
        WriteCommand command,
        InternalEntityEntry entry,
        Dictionary<string, AttributeValue> map,
        string path,
        IProperty? rowVersion,
        object? rowVersionValue,
        Dictionary<string, AttributeValue>? key = null)
    {
        var shape = EntityWriteShape.For(entry.EntityType);
        foreach (var (property, attributeName, mapping) in shape.Properties)
        {
            // The item's key attributes are the command's key, already converted (and checked) from the same current values.
            if (key != null && key.TryGetValue(attributeName, out var keyValue))
            {
                map[attributeName] = keyValue;
                continue;
            }

            var value = property == rowVersion ? rowVersionValue : entry.GetCurrentValue(property);
            Add(map, attributeName, Convert(command, entry, property, mapping, value, path));
        }

        foreach (var (complexProperty, attributeName) in shape.ComplexProperties)
        {
            Add(map, attributeName, BuildComplex(command, entry, complexProperty, entry.GetCurrentValue(complexProperty), path));
        }

        foreach (var (navigation, attributeName) in shape.OwnedNavigations)
        {
            Add(map, attributeName, BuildOwned(command, entry, navigation, path));
        }
    }

    private Dictionary<string, AttributeValue> BuildComplexObject(
        WriteCommand command,
        IUpdateEntry entry,
        IComplexType complexType,
        object value,
        string path)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var discriminator = complexType.FindDiscriminatorProperty();
        foreach (var property in complexType.GetProperties())
        {
            var propertyValue = property == discriminator && property.IsShadowProperty()
                ? complexType.GetDiscriminatorValue()
                : property.GetGetter().GetClrValue(value);
            Add(map, property.GetAttributeName(), Convert(command, entry, property, propertyValue, path));
        }

        foreach (var nested in complexType.GetComplexProperties())
        {
            Add(map, nested.GetAttributeName(), BuildComplex(command, entry, nested, nested.GetGetter().GetClrValue(value), path));
        }

        return map;
    }

    /// <summary>
    ///     The live (not deleted) entries of an owned navigation in collection order; null when the navigation is null. Entries made
    ///     for seed data may not have their navigations fixed up, so those are found through the ownership key instead.
    /// </summary>
    public static List<InternalEntityEntry>? Dependents(InternalEntityEntry owner, INavigation navigation)
    {
        var stateManager = owner.StateManager;
        var targetType = navigation.TargetEntityType;
        var value = owner.GetCurrentValue(navigation);
        if (value != null)
        {
            var values = navigation.IsCollection ? ((IEnumerable)value).Cast<object>() : [value];
            var result = new List<InternalEntityEntry>();
            foreach (var dependent in values)
            {
                var dependentEntry = stateManager.TryGetEntry(dependent, targetType)
                    ?? throw new InvalidOperationException(
                        $"The owned entity in '{owner.EntityType.DisplayName()}.{navigation.Name}' is not tracked; owned entities are "
                        + "tracked with their owner. Attach or add the owner again.");
                if (dependentEntry.EntityState is not (EntityState.Deleted or EntityState.Detached))
                {
                    result.Add(dependentEntry);
                }
            }

            return result;
        }

        var tracked = stateManager.GetDependents(owner, navigation.ForeignKey)
            .OfType<InternalEntityEntry>()
            .Where(e => e.EntityState is not (EntityState.Deleted or EntityState.Detached) && e.EntityType == targetType)
            .ToList();
        if (tracked.Count == 0)
        {
            return null;
        }

        var ordinal = targetType.FindPrimaryKey()?.Properties
            .FirstOrDefault(p => DynamoDbValueGenerationConvention.IsOwnedCollectionOrdinal(targetType, p));
        return ordinal == null ? tracked : tracked.OrderBy(e => e.GetCurrentValue(ordinal)).ToList();
    }

    private static void Add(Dictionary<string, AttributeValue> map, string name, AttributeValue? value)
    {
        if (value != null)
        {
            map[name] = value;
        }
    }
}
