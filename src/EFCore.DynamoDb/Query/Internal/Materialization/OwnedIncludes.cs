using System.Reflection;
using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Internal;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;

namespace EFCore.DynamoDb.Query.Internal.Materialization;

/// <summary>
///     Connects owned objects to their owner after both are materialized. In tracking queries EF's state manager fixes up the
///     navigations itself (the owned key repeats the owner's key); in no-tracking queries the navigations are set here.
/// </summary>
internal static class OwnedIncludes
{
    public static readonly MethodInfo IncludeReferenceMethod = typeof(OwnedIncludes).GetMethod(nameof(IncludeReference))!;
    public static readonly MethodInfo IncludeCollectionMethod = typeof(OwnedIncludes).GetMethod(nameof(IncludeCollection))!;
    public static readonly MethodInfo MaterializeCollectionMethod = typeof(OwnedIncludes).GetMethod(nameof(MaterializeCollection))!;

    public static void IncludeReference(QueryContext queryContext, object? entity, object? related, INavigation navigation, bool tracking)
    {
        if (entity == null || !navigation.DeclaringEntityType.ClrType.IsInstanceOfType(entity))
        {
            return;
        }

        if (tracking)
        {
            if (related == null)
            {
                queryContext.SetNavigationIsLoaded(entity, navigation);
            }

            return;
        }

        navigation.SetIsLoadedWhenNoTracking(entity);
        if (related != null)
        {
            SetReference(entity, navigation, related);
            if (navigation.Inverse is { } inverse)
            {
                SetReference(related, inverse, entity);
                inverse.SetIsLoadedWhenNoTracking(related);
            }
        }
    }

    public static void IncludeCollection(
        QueryContext queryContext,
        object? entity,
        IEnumerable<(Dictionary<string, AttributeValue>? Map, ValueBuffer Buffer)> elements,
        Func<QueryContext, Dictionary<string, AttributeValue>?, ValueBuffer, object?> elementShaper,
        INavigation navigation,
        bool tracking)
    {
        if (entity == null || !navigation.DeclaringEntityType.ClrType.IsInstanceOfType(entity))
        {
            return;
        }

        var accessor = navigation.GetCollectionAccessor()!;
        accessor.GetOrCreate(entity, forMaterialization: true);
        if (tracking)
        {
            queryContext.SetNavigationIsLoaded(entity, navigation);
        }
        else
        {
            navigation.SetIsLoadedWhenNoTracking(entity);
        }

        foreach (var (map, buffer) in elements)
        {
            var element = elementShaper(queryContext, map, buffer);
            if (!tracking && element != null)
            {
                accessor.Add(entity, element, forMaterialization: true);
                if (navigation.Inverse is { } inverse)
                {
                    SetReference(element, inverse, entity);
                    inverse.SetIsLoadedWhenNoTracking(element);
                }
            }
        }
    }

    /// <summary>An owned collection projected on its own (no-tracking): a new collection of the materialized elements.</summary>
    public static TCollection MaterializeCollection<TElement, TCollection>(
        QueryContext queryContext,
        IEnumerable<(Dictionary<string, AttributeValue>? Map, ValueBuffer Buffer)> elements,
        Func<QueryContext, Dictionary<string, AttributeValue>?, ValueBuffer, object?> elementShaper,
        INavigation navigation)
        where TCollection : class
    {
        var collection = (ICollection<TElement>)(navigation.GetCollectionAccessor()?.Create() ?? new List<TElement>());
        foreach (var (map, buffer) in elements)
        {
            collection.Add((TElement)elementShaper(queryContext, map, buffer)!);
        }

        return (TCollection)collection;
    }

    private static void SetReference(object instance, INavigation navigation, object value)
    {
        if (!navigation.IsShadowProperty())
        {
            ((IRuntimePropertyBase)navigation).GetSetter().SetClrValueUsingContainingEntity(instance, value);
        }
    }
}
