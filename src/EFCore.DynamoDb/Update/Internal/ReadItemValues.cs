using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Infrastructure.Internal;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     The key and concurrency-token attributes of each tracked entity exactly as a query read them from its item (one
///     instance per context). Other writers store keys in text forms of their own (a DateTime with milliseconds,
///     "+00:00" offsets, an upper-case Guid) that read into the same CLR value as the provider's canonical form but are a
///     different DynamoDB key. Writes of an entity read from an item use these values: UpdateItem, DeleteItem and a replacing
///     PutItem address the item it was read from, and its concurrency tokens are compared with what that item holds, so only
///     a real change by another writer is a conflict. Entities that were never read (added, or attached by the application)
///     have no values here and are written in the canonical form.
/// </summary>
/// <remarks>
///     <para>
///         The values live beside the change tracker, keyed by entity instance (weakly: an entity no longer referenced takes
///         its values with it), instead of in a shadow property as EF's Cosmos provider keeps the whole JSON document
///         (<c>__jObject</c>). A shadow property would add a property of a DynamoDB-specific type to every entity type of
///         every model (visible in the model, in <c>Entry.Properties</c> and to conventions and the type mapping source), and
///         would hold the whole item where a write needs only the key and token attributes: Cosmos replaces whole documents,
///         DynamoDB updates attributes in place.
///     </para>
///     <para>
///         A stored value is used only while it still reads back as the entity's value (the original value, for tokens and
///         deleted keys), so an entity whose key or token changed since it was read (detached, changed, attached again) is
///         written in the canonical form; a token the provider writes is forgotten once written, since the item then
///         holds the canonical form; and all of an entity's values are forgotten when a write finds its item gone.
///     </para>
///     <para>
///         This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///         compatibility standards as public APIs. It may be changed or removed without notice in any release.
///     </para>
/// </remarks>
[EntityFrameworkInternal]
public sealed class ReadItemValues : IResettableService
{
    private static readonly ConditionalWeakTable<IEntityType, string[]> AttributeNamesCache = new();

    private readonly ConditionalWeakTable<object, Dictionary<string, AttributeValue>> _values = new();

    // Whether _values may hold anything: a pooled context is reset after every use, and clearing a table replaces its storage,
    // so a context that kept nothing (models whose keys are plain strings, no-tracking reads, inserts) skips it.
    private bool _mayHoldValues;

    /// <summary>
    ///     The attributes to keep for entities of <paramref name="entityType" /> and its derived types: the key attributes and the
    ///     stored concurrency tokens, less those of plain strings (<see cref="IsStoredAsItIs" />). Empty for owned types, whose
    ///     items are their owners', and for types whose keys and tokens are all plain strings: their tracking queries keep nothing.
    /// </summary>
    internal static string[] AttributeNames(IEntityType entityType)
        => AttributeNamesCache.GetValue(entityType, static e => e.FindOwnership() != null
            ? []
            : e.GetDerivedTypesInclusive()
                .SelectMany(t => t.GetProperties())
                .Where(p => DynamoDbModelValidator.IsStored(p) && (IsKeyAttribute(e, p) || p.IsConcurrencyToken) && !IsStoredAsItIs(p))
                .Select(p => p.GetAttributeName())
                .Concat(new[] { DynamoDbKeyParts.PartitionKey(e), DynamoDbKeyParts.SortKey(e) }
                    .Where(k => k?.Template != null).Select(k => k!.AttributeName))
                .Distinct(StringComparer.Ordinal)
                .ToArray());

    /// <summary>
    ///     Keeps the attributes named <paramref name="attributeNames" /> of the item an entity was just materialized from. A
    ///     tracked entity read again (identity resolution returns the instance already tracked) keeps the values of its first read,
    ///     which are the ones its tracked values came from.
    /// </summary>
    internal void Record(object entity, Dictionary<string, AttributeValue> item, string[] attributeNames)
    {
        if (_values.TryGetValue(entity, out _))
        {
            return;
        }

        var kept = new Dictionary<string, AttributeValue>(attributeNames.Length, StringComparer.Ordinal);
        foreach (var name in attributeNames)
        {
            if (item.TryGetValue(name, out var value))
            {
                kept[name] = value;
            }
        }

        _values.TryAdd(entity, kept);
        _mayHoldValues = true;
    }

    /// <summary>
    ///     The attribute of <paramref name="property" /> as read from the entry's item, when there is one and it still reads
    ///     back as <paramref name="modelValue" />; otherwise false (write the canonical form).
    /// </summary>
    internal bool TryGet(InternalEntityEntry entry, IProperty property, object? modelValue, out AttributeValue value)
    {
        value = null!;
        if (modelValue == null
            || !_mayHoldValues
            || !_values.TryGetValue(entry.Entity, out var kept)
            || !kept.TryGetValue(property.GetAttributeName(), out var stored))
        {
            return false;
        }

        object? read;
        try
        {
            read = ((DynamoDbTypeMapping)property.GetTypeMapping()).FromAttributeValue(stored);
        }
        catch (Exception exception) when (exception is AttributeTypeMismatchException or FormatException or OverflowException
            or InvalidCastException)
        {
            return false;
        }

        var comparer = property.IsKey() ? property.GetKeyValueComparer() : property.GetValueComparer();
        if (read == null || !comparer.Equals(read, modelValue))
        {
            return false;
        }

        value = stored;
        return true;
    }

    /// <summary>
    ///     The key template attribute of <paramref name="part" /> as read from the entry's item, when there is one and it reads
    ///     back as the same property values as <paramref name="composed" /> (the canonical text of the entity's values).
    /// </summary>
    internal bool TryGetKeyText(InternalEntityEntry entry, DynamoDbKeyPart part, AttributeValue composed, out AttributeValue value)
    {
        value = null!;
        if (!_mayHoldValues
            || !_values.TryGetValue(entry.Entity, out var kept)
            || !kept.TryGetValue(part.AttributeName, out var stored)
            || stored.S is not { } text
            || part.TryParse(text) is not { } read
            || part.TryParse(composed.S) is not { } expected)
        {
            return false;
        }

        for (var i = 0; i < read.Length; i++)
        {
            if (!((IProperty)part.Properties[i]).GetKeyValueComparer().Equals(read[i], expected[i]))
            {
                return false;
            }
        }

        value = stored;
        return true;
    }

    /// <summary>
    ///     Brings the values up to date once DynamoDB accepted <paramref name="command" />: a deleted item has none; a replaced item
    ///     keeps the key it was addressed with (the entity that replaced it now lives there); attributes the write set hold the
    ///     canonical form now, so their read values are forgotten.
    /// </summary>
    internal void Written(WriteCommand command)
    {
        var entity = command.RootEntry.Entity;
        switch (command.Kind)
        {
            case WriteKind.Delete:
                _values.Remove(entity);
                break;
            case WriteKind.Replace:
                _values.AddOrUpdate(entity, new Dictionary<string, AttributeValue>(command.Key, StringComparer.Ordinal));
                _mayHoldValues = true;
                break;
            case WriteKind.Update when _values.TryGetValue(entity, out var kept):
                foreach (var written in command.Outcome.Keys)
                {
                    kept.Remove(written);
                }

                break;
        }
    }

    /// <summary>
    ///     Forgets the values of the entities whose item was not found (deleted after the entity was read): the entity is
    ///     written in the canonical form from then on, so that after reloading it (which finds the item under the canonical key)
    ///     saving it again reaches the item the reload found.
    /// </summary>
    internal void ItemsMissing(IEnumerable<WriteCommand> failed)
    {
        foreach (var command in failed)
        {
            if (command.ItemWasMissing)
            {
                _values.Remove(command.KeyEntry.Entity);
            }
        }
    }

    /// <inheritdoc />
    public void ResetState()
    {
        if (_mayHoldValues)
        {
            _values.Clear();
            _mayHoldValues = false;
        }
    }

    /// <inheritdoc />
    public Task ResetStateAsync(CancellationToken cancellationToken = default)
    {
        ResetState();
        return Task.CompletedTask;
    }

    /// <summary>
    ///     Whether the property is a string stored as it is (no converter, EF's default comparers): an item's S attribute reads as
    ///     that very string, which is also what the provider writes for it, so the canonical form is the stored one and
    ///     <see cref="TryGet" /> could only give back what converting the value gives. Other writers' forms differ only for
    ///     converted values (dates, numbers as text, Guids) and key templates.
    /// </summary>
    // A custom comparer could take another string as equal (case-insensitive keys), and then the stored text matters.
    internal static bool IsStoredAsItIs(IProperty property)
        => property.ClrType == typeof(string)
            && property.GetTypeMapping() is DynamoDbTypeMapping { Converter: null, Codec: StringCodec }
            && property.GetValueComparer().GetType() == DefaultStringComparerType
            && property.GetKeyValueComparer().GetType() == DefaultStringComparerType;

    private static readonly Type DefaultStringComparerType
        = ValueComparer.CreateDefault(typeof(string), favorStructuralComparisons: false).GetType();

    private static bool IsKeyAttribute(IEntityType entityType, IProperty property)
        => property.IsPrimaryKey() || property == entityType.GetPartitionKeyProperty() || property == entityType.GetSortKeyProperty();
}
