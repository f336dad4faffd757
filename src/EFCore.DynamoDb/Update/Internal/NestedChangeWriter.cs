using System.Collections;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Metadata.Conventions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     Writes what changed inside the owned and complex objects of an item that exists, at the document paths of the changes,
///     so that an update touches nothing else: attributes the model does not map inside those maps, and other writers'
///     changes to other nested fields, are kept.
/// </summary>
/// <remarks>
///     <list type="bullet">
///         <item>
///             A changed property of an owned or complex object is set (or removed, when null) at its path, e.g.
///             <c>SET #info.#plot = :v0</c>; the condition requires the map holding it to exist.
///         </item>
///         <item>
///             An owned or complex object that was added or replaced is written whole at its path; one that became null is
///             removed.
///         </item>
///         <item>
///             An owned collection whose elements were only changed (same elements, same order) is updated by index,
///             <c>SET #lines[2].#price = :v0</c>, the condition requiring the list to still have as many elements as were read;
///             elements only appended after the unchanged ones are appended with <c>list_append</c> under the same condition;
///             any other change of its shape (an element removed, inserted, moved, or changed along with an append) rewrites
///             the list whole.
///         </item>
///     </list>
/// </remarks>
internal sealed class NestedChangeWriter(ItemBuilder items, WriteCommand command, UpdateActions actions, ItemChanges changes)
{
    /// <summary>Writes the changes inside an entity whose map exists at <paramref name="location" /> (the root, or an owned entity).</summary>
    public void WriteEntity(InternalEntityEntry entry, DocumentLocation location)
    {
        var shape = EntityWriteShape.For(entry.EntityType);
        if (!location.IsItem && entry.EntityState == EntityState.Modified)
        {
            // The root's own properties are written by the caller, which knows its key and row version.
            foreach (var (property, attributeName, _) in shape.Properties)
            {
                if (entry.IsModified(property))
                {
                    actions.Write(location, attributeName,
                        items.Convert(command, entry, property, entry.GetCurrentValue(property), location.Display));
                }
            }
        }

        foreach (var (complexProperty, attributeName) in shape.ComplexProperties)
        {
            if (entry.EntityState == EntityState.Modified && entry.IsModified(complexProperty))
            {
                WriteComplex(entry, complexProperty, attributeName, entry.GetCurrentValue(complexProperty), location);
            }
        }

        foreach (var (navigation, attributeName) in shape.OwnedNavigations)
        {
            if (changes.IsChanged(entry, navigation))
            {
                WriteOwned(entry, navigation, attributeName, location);
            }
        }
    }

    private void WriteComplex(InternalEntityEntry entry, IComplexProperty complexProperty, string attributeName, object? value, DocumentLocation location)
    {
        // EF tracks a complex value by its properties' values; only an optional one has an original value of its own (null or not).
        var wasNull = complexProperty.IsNullable
            && (!entry.CanHaveOriginalValue(complexProperty) || entry.GetOriginalValue(complexProperty) == null);
        if (value == null || wasNull)
        {
            actions.Write(location, attributeName, items.BuildComplex(command, entry, complexProperty, value, location.Display));
            return;
        }

        var inner = location.Map(attributeName, complexProperty.Name);
        var complexType = complexProperty.ComplexType;
        foreach (var property in complexType.GetProperties())
        {
            if (entry.IsModified(property))
            {
                actions.Write(inner, property.GetAttributeName(),
                    items.Convert(command, entry, property, property.GetGetter().GetClrValue(value), inner.Display));
            }
        }

        foreach (var nested in complexType.GetComplexProperties())
        {
            if (entry.IsModified(nested))
            {
                WriteComplex(entry, nested, nested.GetAttributeName(), nested.GetGetter().GetClrValue(value), inner);
            }
        }
    }

    private void WriteOwned(InternalEntityEntry owner, INavigation navigation, string attributeName, DocumentLocation location)
    {
        var dependents = ItemBuilder.Dependents(owner, navigation);
        if (!navigation.IsCollection)
        {
            var dependent = dependents?.FirstOrDefault();
            if (dependent == null)
            {
                if (changes.DeletedCount(owner, navigation) > 0)
                {
                    actions.Write(location, attributeName, null);
                }
            }
            else if (dependent.EntityState == EntityState.Added)
            {
                actions.Write(location, attributeName, items.BuildOwned(command, owner, navigation, location.Display));
            }
            else
            {
                WriteEntity(dependent, location.Map(attributeName, navigation.Name));
            }

            return;
        }

        if (dependents == null || !WriteElements(owner, navigation, attributeName, dependents, location))
        {
            actions.Write(location, attributeName, items.BuildOwned(command, owner, navigation, location.Display));
        }
    }

    /// <summary>
    ///     Writes the changes of an owned collection element by element or as an append, when its shape allows; false when the
    ///     list must be rewritten whole.
    /// </summary>
    private bool WriteElements(
        InternalEntityEntry owner,
        INavigation navigation,
        string attributeName,
        List<InternalEntityEntry> elements,
        DocumentLocation location)
    {
        var targetType = navigation.TargetEntityType;
        var ordinal = targetType.FindPrimaryKey()?.Properties
            .FirstOrDefault(p => DynamoDbValueGenerationConvention.IsOwnedCollectionOrdinal(targetType, p));
        if (ordinal == null || changes.DeletedCount(owner, navigation) > 0)
        {
            return false;
        }

        // The elements read come first, each still at the position its ordinal key says it was read at (ordinal - 1).
        var read = 0;
        while (read < elements.Count && elements[read].EntityState != EntityState.Added)
        {
            var element = elements[read];
            if (element.HasTemporaryValue(ordinal) || !Equals(element.GetCurrentValue(ordinal), read + 1))
            {
                return false;
            }

            read++;
        }

        var appended = elements.Count - read;
        if (read == 0 || elements.Skip(read).Any(e => e.EntityState != EntityState.Added))
        {
            // Nothing read to keep (the list may not even exist), or an element inserted before others: rewrite.
            return false;
        }

        if (appended == 0)
        {
            for (var i = 0; i < elements.Count; i++)
            {
                if (changes.HasChangesInside(elements[i]))
                {
                    WriteEntity(elements[i], location.Element(attributeName, navigation.Name, i, read));
                }
            }

            return true;
        }

        // One update cannot both append to a list and write inside its elements (the paths overlap).
        if (elements.Take(read).Any(changes.HasChangesInside))
        {
            return false;
        }

        var newElements = new List<AttributeValue>(appended);
        for (var i = read; i < elements.Count; i++)
        {
            newElements.Add(new AttributeValue { M = items.BuildMap(command, elements[i], $"{location.Join(navigation.Name)}[{i}]") });
        }

        actions.Append(location, attributeName, newElements, read);
        command.Ordinals.Add((ordinal, elements));
        return true;
    }
}
