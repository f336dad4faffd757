using System.Reflection;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Query.Internal.Planning;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Update.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;

namespace EFCore.DynamoDb.Query.Internal.Materialization;

/// <summary>The static helpers compiled shapers call to read items.</summary>
internal static class ItemReaders
{
    public static readonly MethodInfo GetNestedMapMethod = typeof(ItemReaders).GetMethod(nameof(GetNestedMap))!;
    public static readonly MethodInfo ReadEntityMethod = typeof(ItemReaders).GetMethod(nameof(ReadEntity))!;
    public static readonly MethodInfo ReadCollectionBuffersMethod = typeof(ItemReaders).GetMethod(nameof(ReadCollectionBuffers))!;
    public static readonly MethodInfo ReadValueMethod = typeof(ItemReaders).GetMethod(nameof(ReadValue))!;
    public static readonly MethodInfo KeepReadValuesMethod = typeof(ItemReaders).GetMethod(nameof(KeepReadValues))!;

    /// <summary>The map stored in <paramref name="attribute" /> of <paramref name="map" />, or null when absent or NULL.</summary>
    public static Dictionary<string, AttributeValue>? GetNestedMap(Dictionary<string, AttributeValue>? map, string attribute)
        => map != null && map.TryGetValue(attribute, out var value) && value.NULL != true && value.M != null ? value.M : null;

    /// <summary>The value buffer of the entity (or owned object) stored in <paramref name="map" />.</summary>
    public static ValueBuffer ReadEntity(
        EntityItemReader reader,
        Dictionary<string, AttributeValue>? map,
        ValueBuffer owner,
        Dictionary<string, AttributeValue> rootItem)
        => reader.Read(map, owner, 0, rootItem);

    /// <summary>The maps and value buffers of the owned objects stored as a list of maps in <paramref name="attribute" />.</summary>
    public static IEnumerable<(Dictionary<string, AttributeValue>? Map, ValueBuffer Buffer)> ReadCollectionBuffers(
        EntityItemReader reader,
        Dictionary<string, AttributeValue>? map,
        string attribute,
        ValueBuffer owner,
        Dictionary<string, AttributeValue> rootItem)
    {
        if (map == null || !map.TryGetValue(attribute, out var list) || list.L == null)
        {
            yield break;
        }

        for (var i = 0; i < list.L.Count; i++)
        {
            if (list.L[i].M is { } element)
            {
                yield return (element, reader.Read(element, owner, i + 1, rootItem));
            }
        }
    }

    /// <summary>The value buffer holding only the key of the entity in <paramref name="map" /> (the owner of a projected owned object).</summary>
    public static ValueBuffer ReadKey(EntityItemReader reader, Dictionary<string, AttributeValue> map) => reader.ReadKey(map);

    public static readonly MethodInfo ReadKeyMethod = typeof(ItemReaders).GetMethod(nameof(ReadKey))!;

    /// <summary>
    ///     Keeps the key and token attributes of the item a tracked entity was materialized from, so that its writes address
    ///     that item as stored (<see cref="ReadItemValues" />).
    /// </summary>
    public static void KeepReadValues(QueryContext queryContext, object? entity, Dictionary<string, AttributeValue> item, string[] attributeNames)
    {
        if (entity != null)
        {
            ((DynamoDbQueryContext)queryContext).ReadValues.Record(entity, item, attributeNames);
        }
    }

    public static readonly MethodInfo HasMapMethod = typeof(ItemReaders).GetMethod(nameof(HasMap))!;

    /// <summary>Whether the item holds a map (an owned or complex object) at <paramref name="path" />.</summary>
    public static bool HasMap(Dictionary<string, AttributeValue> item, PathOperand path)
        => FilterEvaluator.Resolve(item, path) is { NULL: not true, M: not null };

    /// <summary>Reads one projected value (a property, or an element of a list or map) from the item.</summary>
    public static T ReadValue<T>(Dictionary<string, AttributeValue> item, ProjectedValueReader reader)
        => (T)reader.Read(item)!;
}

/// <summary>Reads a value a projection selects (<c>Select(x => x.Name)</c>) straight from the item.</summary>
internal sealed class ProjectedValueReader
{
    private readonly PathOperand _path;
    private readonly IReadOnlyProperty? _property;
    private readonly IEntityType _entityType;
    private readonly Func<AttributeValue, object?> _read;
    private readonly object? _missing;
    private readonly bool _required;

    public ProjectedValueReader(PathOperand path, IEntityType entityType, Type resultType)
    {
        _path = path;
        _entityType = entityType;
        _property = path.Property as IReadOnlyProperty;
        if (_property != null && _property.ClrType.UnwrapNullableType() == resultType.UnwrapNullableType())
        {
            var mapping = (DynamoDbTypeMapping)_property.GetTypeMapping();
            _read = mapping.FromAttributeValue;
            _missing = mapping.MissingValue;
        }
        else if (AttributeValueCodecFactory.TryCreateForElement(resultType, out var codec))
        {
            _read = codec.FromAttributeValue;
            _missing = codec.MissingValue;
        }
        else
        {
            throw new InvalidOperationException($"The projected value '{path}' of type '{resultType.ShortDisplayName()}' cannot be read.");
        }

        _required = resultType.IsValueType && Nullable.GetUnderlyingType(resultType) == null && _missing == null;
    }

    public object? Read(Dictionary<string, AttributeValue> item)
    {
        var value = FilterEvaluator.Resolve(item, _path);
        if (value == null || value.NULL == true)
        {
            return _required
                ? throw new InvalidOperationException(
                    $"The item {ItemKeyDescriber.Describe(_entityType, item)} has no attribute '{_path}', but the projection reads it as "
                    + "a non-nullable value. Make the projected type nullable or write the attribute.")
                : _missing;
        }

        try
        {
            return _read(value);
        }
        catch (Exception exception) when (exception is AttributeTypeMismatchException or FormatException or OverflowException or InvalidCastException)
        {
            throw new InvalidOperationException(
                $"The attribute '{_path}' of the item {ItemKeyDescriber.Describe(_entityType, item)} cannot be read: {exception.Message}.",
                exception);
        }
    }
}
