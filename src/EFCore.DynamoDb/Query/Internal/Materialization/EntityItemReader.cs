using EFCore.DynamoDb.Metadata.Internal;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Infrastructure.Internal;
using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace EFCore.DynamoDb.Query.Internal.Materialization;

/// <summary>
///     Reads one entity's attributes from an item (or from a nested map, for owned types) into EF's
///     <see cref="ValueBuffer" /> layout: each property's value at its index, converted to the property's CLR type. EF's own
///     materializer then builds the entity from the buffer (constructor binding, identity resolution, tracking).
///     Built once per entity type and cached for the life of the model.
/// </summary>
internal sealed class EntityItemReader
{
    private static readonly ConditionalWeakTable<IEntityType, EntityItemReader> Cache = new();

    private readonly IEntityType _entityType;
    private readonly int _bufferSize;
    private readonly PropertySlot[] _slots;
    private readonly (int OwnerIndex, int Index)[] _ownerKeySlots;
    private readonly int _ordinalIndex;
    private readonly IProperty? _discriminator;
    private readonly Dictionary<object, EntityItemReader>? _derivedReaders;

    private EntityItemReader(IEntityType entityType, IEntityType concreteType, IEntityType root)
    {
        _entityType = concreteType;
        var all = root.GetDerivedTypesInclusive().SelectMany(t => t.GetFlattenedDeclaredProperties()).ToList();
        _bufferSize = all.Count == 0 ? 0 : all.Max(p => p.GetIndex()) + 1;

        var ownership = concreteType.FindOwnership();
        _slots = concreteType.GetFlattenedProperties()
            .Where(p => ownership == null || DynamoDbModelValidator.IsStored(p))
            .Select(p => new PropertySlot(p))
            .ToArray();

        _ownerKeySlots = [];
        _ordinalIndex = -1;
        if (ownership != null)
        {
            _ownerKeySlots = ownership.Properties
                .Select((fk, i) => (ownership.PrincipalKey.Properties[i].GetIndex(), fk.GetIndex()))
                .ToArray();
            var ordinal = concreteType.FindPrimaryKey()?.Properties.FirstOrDefault(p => !p.IsForeignKey());
            _ordinalIndex = ordinal?.GetIndex() ?? -1;
        }

        if (entityType == concreteType && entityType.GetConcreteDerivedTypesInclusive().Skip(1).Any()
            && entityType.FindDiscriminatorProperty() is { } discriminator)
        {
            _discriminator = discriminator;
            _derivedReaders = entityType.GetConcreteDerivedTypesInclusive()
                .Where(t => t.GetDiscriminatorValue() != null)
                .ToDictionary(t => t.GetDiscriminatorValue()!, t => t == concreteType ? this : new EntityItemReader(t, t, root));
        }
    }

    public static EntityItemReader For(IEntityType entityType)
        => Cache.GetValue(entityType, static e => new EntityItemReader(e, e, e.GetRootType()));

    /// <summary>
    ///     The value buffer of the entity stored in <paramref name="map" /> (the item, or a nested map for owned types). A
    ///     missing map gives a buffer of nulls, which EF reads as "no entity".
    /// </summary>
    /// <param name="map">The attributes of the entity.</param>
    /// <param name="owner">The owner's buffer, for owned types (their key repeats the owner's key).</param>
    /// <param name="ordinal">The 1-based position in an owned collection, else 0.</param>
    /// <param name="rootItem">The top-level item, for error messages.</param>
    public ValueBuffer Read(Dictionary<string, AttributeValue>? map, in ValueBuffer owner, int ordinal, Dictionary<string, AttributeValue> rootItem)
    {
        if (map == null)
        {
            return new ValueBuffer(new object?[_bufferSize]);
        }

        var reader = this;
        if (_discriminator != null
            && map.TryGetValue(_discriminator.GetAttributeName(), out var discriminatorValue)
            && new PropertySlot(_discriminator).Read(discriminatorValue, _entityType, rootItem, map) is { } discriminatorKey
            && _derivedReaders!.TryGetValue(discriminatorKey, out var derived))
        {
            reader = derived;
        }

        var values = new object?[_bufferSize];
        foreach (var slot in reader._slots)
        {
            values[slot.Index] = slot.ReadFrom(map, reader._entityType, rootItem);
        }

        foreach (var (ownerIndex, index) in reader._ownerKeySlots)
        {
            values[index] = owner[ownerIndex];
        }

        if (reader._ordinalIndex >= 0 && ordinal > 0)
        {
            values[reader._ordinalIndex] = ordinal;
        }

        return new ValueBuffer(values);
    }

    /// <summary>A buffer with only the primary key's values: enough to be the owner of owned objects read on their own.</summary>
    public ValueBuffer ReadKey(Dictionary<string, AttributeValue> map)
    {
        var values = new object?[_bufferSize];
        foreach (var slot in _slots.Where(s => s.IsKey))
        {
            values[slot.Index] = slot.ReadFrom(map, _entityType, map);
        }

        return new ValueBuffer(values);
    }

    /// <summary>Where one property sits in the buffer and in the item, and how to convert it.</summary>
    private sealed class PropertySlot
    {
        private readonly IProperty _property;
        private readonly string[] _path;
        private readonly IComplexProperty[] _complexPath;
        private readonly DynamoDbTypeMapping _mapping;
        private readonly bool _required;
        private readonly (DynamoDbKeyPart Part, int PropertyIndex)? _template;

        public PropertySlot(IProperty property)
        {
            _property = property;
            _template = DynamoDbKeyParts.TemplateHolding(property);
            Index = property.GetIndex();
            _mapping = (DynamoDbTypeMapping)property.GetTypeMapping();
            _required = !property.ClrType.IsNullableType() && _mapping.MissingValue == null;

            // Properties of complex types sit in nested maps named after the complex properties.
            var complexPath = new List<IComplexProperty>();
            for (var type = property.DeclaringType; type is IComplexType complexType; type = complexType.ComplexProperty.DeclaringType)
            {
                complexPath.Insert(0, complexType.ComplexProperty);
            }

            _complexPath = complexPath.ToArray();
            _path = [.. complexPath.Select(c => c.GetAttributeName()), property.GetAttributeName()];
        }

        public int Index { get; }

        public bool IsKey => _property.IsPrimaryKey();

        public object? ReadFrom(Dictionary<string, AttributeValue> map, IEntityType entityType, Dictionary<string, AttributeValue> rootItem)
        {
            if (_template is var (part, propertyIndex))
            {
                return ReadFromKeyTemplate(map, part, propertyIndex, entityType, rootItem);
            }

            var current = map;
            for (var i = 0; i < _path.Length - 1; i++)
            {
                if (!current.TryGetValue(_path[i], out var nested) || nested.M == null || nested.NULL == true)
                {
                    if (!_complexPath[i].IsNullable)
                    {
                        // EF would materialize a required complex value from nulls and fail with a NullReferenceException.
                        throw new InvalidOperationException(
                            $"The item {ItemKeyDescriber.Describe(entityType, rootItem)} of '{ItemEntityType(entityType)}' has no map "
                            + $"'{AttributePath(map, rootItem, i + 1)}', but the complex property '{Describe(entityType, _complexPath[i])}' "
                            + "is required. Make the complex property optional or write the attribute.");
                    }

                    // A missing optional complex object: its properties read as null (EF decides whether that is a null object).
                    return _mapping.MissingValue;
                }

                current = nested.M;
            }

            if (!current.TryGetValue(_path[^1], out var value) || value.NULL == true)
            {
                if (_required)
                {
                    throw new InvalidOperationException(
                        $"The item {ItemKeyDescriber.Describe(entityType, rootItem)} of '{ItemEntityType(entityType)}' has no attribute "
                        + $"'{AttributePath(map, rootItem, _path.Length)}', but the property '{Describe(entityType, _property)}' of type "
                        + $"'{_property.ClrType.ShortDisplayName()}' cannot be null. Make the property nullable or write the attribute.");
                }

                return _mapping.MissingValue;
            }

            return Read(value, entityType, rootItem, map);
        }

        /// <summary>The property's value inside the text of the key attribute its key template writes.</summary>
        private object ReadFromKeyTemplate(
            Dictionary<string, AttributeValue> map,
            DynamoDbKeyPart part,
            int propertyIndex,
            IEntityType entityType,
            Dictionary<string, AttributeValue> rootItem)
        {
            if (map.TryGetValue(part.AttributeName, out var key) && key.S is { } text && part.TryParse(text) is { } values)
            {
                return values[propertyIndex];
            }

            throw new InvalidOperationException(
                $"The item {ItemKeyDescriber.Describe(entityType, rootItem)} of '{ItemEntityType(entityType)}' has "
                + (key?.S is { } other ? $"the key '{part.AttributeName}' = '{other}'" : $"no string key attribute '{part.AttributeName}'")
                + $", which does not have the form of the key template '{part.Template!.Text}' that holds '{Describe(entityType, _property)}'.");
        }

        public object? Read(
            AttributeValue value,
            IEntityType entityType,
            Dictionary<string, AttributeValue> rootItem,
            Dictionary<string, AttributeValue> map)
        {
            try
            {
                return _mapping.FromAttributeValue(value);
            }
            catch (Exception exception) when (exception is AttributeTypeMismatchException or FormatException or OverflowException
                or InvalidCastException)
            {
                throw new InvalidOperationException(
                    $"The attribute '{AttributePath(map, rootItem, _path.Length)}' of the item {ItemKeyDescriber.Describe(entityType, rootItem)} "
                    + $"cannot be read into the property '{Describe(entityType, _property)}' of type "
                    + $"'{_property.ClrType.ShortDisplayName()}': {exception.Message}.",
                    exception);
            }
        }

        /// <summary>
        ///     The document path of the first <paramref name="length" /> segments within the item: "Count", "Dimensions.Width",
        ///     or for an owned object's map "Lines[1].Price" (found by searching the item: this only runs for messages).
        /// </summary>
        private string AttributePath(Dictionary<string, AttributeValue> map, Dictionary<string, AttributeValue> rootItem, int length)
        {
            var inner = string.Join(".", _path.Take(length));
            return ItemKeyDescriber.Locate(rootItem, map) is { Length: > 0 } outer ? outer + "." + inner : inner;
        }

        /// <summary>"Thread.Views", or for a property of a complex type the path from the entity: "Order.Customer.Phone.Number".</summary>
        private string Describe(IEntityType entityType, IPropertyBase member)
        {
            var complexDepth = member is IComplexProperty complex ? Array.IndexOf(_complexPath, complex) : _complexPath.Length;
            var owner = _complexPath.Length > 0 ? _complexPath[0].DeclaringType.DisplayName() : member.DeclaringType.DisplayName();
            return string.Join(".", [owner, .. _complexPath.Take(complexDepth).Select(c => c.Name), member.Name]);
        }

        private static string ItemEntityType(IEntityType entityType) => ItemKeyDescriber.ItemEntityType(entityType).DisplayName();
    }
}
