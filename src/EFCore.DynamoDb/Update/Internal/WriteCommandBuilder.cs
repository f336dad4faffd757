using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Infrastructure.Internal;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Update;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     Turns the change tracker's entries into one <see cref="WriteCommand" /> per item: entries are grouped by the root
///     entity whose item holds them (owned entities live inside their owner's item), then an Added root becomes a PutItem,
///     a Modified root (or one whose owned entities changed) an UpdateItem of just what changed, a Deleted root a DeleteItem.
/// </summary>
internal sealed class WriteCommandBuilder(ITableNameResolver tableNames, EntryDescriber describer)
{
    private readonly ItemBuilder _items = new(describer);

    /// <summary>Builds the writes of a save; with <paramref name="seeding" />, unconditional puts into new tables.</summary>
    public List<WriteCommand> Build(IList<IUpdateEntry> entries, bool seeding)
    {
        var groups = GroupByItem(entries);
        var commands = new List<WriteCommand>(groups.Count);
        foreach (var group in groups)
        {
            var command = group.Root.EntityState switch
            {
                EntityState.Added => BuildPut(group, seeding),
                EntityState.Modified or EntityState.Unchanged => BuildUpdate(group),
                EntityState.Deleted => BuildDelete(group),
                _ => null,
            };

            if (command != null)
            {
                command.Entries.AddRange(group.Entries);
                commands.Add(command);
            }
        }

        return commands;
    }

    private static List<ItemChanges> GroupByItem(IList<IUpdateEntry> entries)
    {
        var groups = new Dictionary<InternalEntityEntry, ItemChanges>(ReferenceEqualityComparer.Instance);
        var ordered = new List<ItemChanges>();

        ItemChanges GroupOf(InternalEntityEntry root)
        {
            if (!groups.TryGetValue(root, out var group))
            {
                groups[root] = group = new ItemChanges(root);
                ordered.Add(group);
            }

            return group;
        }

        foreach (var updateEntry in entries)
        {
            var entry = (InternalEntityEntry)updateEntry;
            if (entry.EntityType.IsOwned())
            {
                var (root, navigation) = FindRoot(entry);
                var group = GroupOf(root);
                group.Entries.Add(entry);
                group.ChangedNavigations.Add(navigation);
            }
            else
            {
                GroupOf(entry).Entries.Add(entry);
            }
        }

        // A root deleted and re-added with the same key in one save is one write: the added entity replaces the item. EF
        // passes the added entry, pointing at the deleted one through SharedIdentityEntry (and accepts both together).
        foreach (var group in ordered.ToList())
        {
            if (group.Root is { EntityState: EntityState.Added, SharedIdentityEntry: { EntityState: EntityState.Deleted } deleted })
            {
                group.Replaced = deleted;
            }
            else if (group.Root is { EntityState: EntityState.Deleted, SharedIdentityEntry: { } partner } && !partner.EntityType.IsOwned())
            {
                var partnerGroup = GroupOf(partner);
                partnerGroup.Replaced ??= partner.EntityState == EntityState.Added ? group.Root : null;
                partnerGroup.Entries.AddRange(group.Entries);
                ordered.Remove(group);
            }
        }

        return ordered;
    }

    private static (InternalEntityEntry Root, INavigation Navigation) FindRoot(InternalEntityEntry entry)
    {
        var current = entry;
        INavigation? navigation = null;
        while (current.EntityType.FindOwnership() is { } ownership)
        {
            var principal = current.StateManager.FindPrincipal(current, ownership)
                ?? current.StateManager.FindPrincipalUsingRelationshipSnapshot(current, ownership)
                ?? throw new InvalidOperationException(
                    $"The owned entity of type '{entry.EntityType.DisplayName()}' has no owner of type "
                    + $"'{ownership.PrincipalEntityType.DisplayName()}' tracked in this context; owned entities are saved inside their "
                    + "owner's item, so the owner must be tracked too.");
            navigation = ownership.PrincipalToDependent
                ?? throw new InvalidOperationException(
                    $"The ownership of '{current.EntityType.DisplayName()}' has no navigation from its owner; DynamoDB stores an owned "
                    + "entity under its owner's navigation name.");
            current = principal;
        }

        return (current, navigation!);
    }

    private WriteCommand BuildPut(ItemChanges group, bool seeding)
    {
        var root = group.Root;
        var replaced = seeding ? null : group.Replaced;
        var command = NewCommand(replaced == null ? WriteKind.Insert : WriteKind.Replace, root, original: false);
        var shape = EntityWriteShape.For(root.EntityType);
        var tokens = shape.ConcurrencyTokens;
        var rowVersion = shape.RowVersion;
        object? version = null;
        if (rowVersion != null)
        {
            version = FromLong(rowVersion, DynamoDbStoredForms.NextRowVersion(rowVersion, replaced?.GetOriginalValue(rowVersion)));
            command.StoreGeneratedValues.Add((root, rowVersion, version));
        }

        command.Item = _items.BuildItem(command, root, rowVersion, version);
        command.HasConcurrencyTokens = tokens.Count > 0;
        command.OutcomeIsProof = true;

        if (!seeding && replaced == null)
        {
            // Every insert of the type has the same condition: share its text and names instead of building them per entity.
            command.ConditionExpression = shape.InsertCondition;
            command.Names = shape.InsertNames;
        }
        else if (!seeding)
        {
            var expression = new DynamoDbExpressionBuilder();
            var partitionKey = expression.Name(shape.PartitionKeyAttribute!);
            command.ConditionExpression = Condition(command, expression, partitionKey, replaced!, tokens);
            command.Names = expression.NamesOrNull;
            command.Values = expression.ValuesOrNull;
        }

        command.ItemSize = ItemSize.Of(command.Item);
        return command;
    }

    private WriteCommand? BuildUpdate(ItemChanges group)
    {
        var root = group.Root;
        var entityType = root.EntityType;
        CheckKeysUnchanged(root);
        var command = NewCommand(WriteKind.Update, root, original: false);
        var expression = new DynamoDbExpressionBuilder();
        var sets = new List<string>();
        var removes = new List<string>();
        var size = command.Key.Sum(k => ItemSize.Attribute(k.Key, k.Value));

        void Write(string attributeName, AttributeValue? value)
        {
            var name = expression.Name(attributeName);
            command.Outcome[attributeName] = value;
            if (value == null)
            {
                removes.Add(name);
            }
            else
            {
                sets.Add($"{name} = {expression.Value(value)}");
                size += ItemSize.Attribute(attributeName, value);
            }
        }

        var shape = EntityWriteShape.For(entityType);
        var rowVersion = shape.RowVersion;
        var tokens = shape.ConcurrencyTokens;
        var changesToken = false;
        foreach (var property in entityType.GetProperties())
        {
            if (IsKeyAttribute(entityType, property) || property == rowVersion || !DynamoDbModelValidator.IsStored(property)
                || !root.IsModified(property))
            {
                continue;
            }

            changesToken |= property.IsConcurrencyToken;
            Write(property.GetAttributeName(), _items.Convert(command, root, property, root.GetCurrentValue(property), ""));
        }

        foreach (var complexProperty in entityType.GetComplexProperties())
        {
            if (root.IsModified(complexProperty))
            {
                Write(complexProperty.GetAttributeName(),
                    _items.BuildComplex(command, root, complexProperty, root.GetCurrentValue(complexProperty), ""));
            }
        }

        foreach (var navigation in group.ChangedNavigations)
        {
            Write(navigation.TargetEntityType.GetContainingAttributeName()!, _items.BuildOwned(command, root, navigation, ""));
        }

        if (rowVersion != null)
        {
            // A save of the entity always moves its version on, even when nothing else changed ("touch").
            var version = FromLong(rowVersion, DynamoDbStoredForms.NextRowVersion(rowVersion, root.GetOriginalValue(rowVersion)));
            Write(rowVersion.GetAttributeName(), _items.Convert(command, root, rowVersion, version, ""));
            command.StoreGeneratedValues.Add((root, rowVersion, version));
            changesToken = true;
        }

        if (sets.Count == 0 && removes.Count == 0)
        {
            return null;
        }

        command.UpdateExpression = (sets.Count > 0 ? "SET " + string.Join(", ", sets) : "")
            + (sets.Count > 0 && removes.Count > 0 ? " " : "")
            + (removes.Count > 0 ? "REMOVE " + string.Join(", ", removes) : "");
        var partitionKey = expression.Name(entityType.GetPartitionKeyProperty()!.GetAttributeName());
        command.ConditionExpression = Condition(command, expression, partitionKey, root, tokens);
        command.Names = expression.NamesOrNull;
        command.Values = expression.ValuesOrNull;
        command.HasConcurrencyTokens = tokens.Count > 0;
        command.OutcomeIsProof = changesToken;
        command.ItemSize = size;
        CheckExpressionLength(command, "UpdateExpression", command.UpdateExpression);
        return command;
    }

    private WriteCommand BuildDelete(ItemChanges group)
    {
        var root = group.Root;
        var command = NewCommand(WriteKind.Delete, root, original: true);
        var tokens = EntityWriteShape.For(root.EntityType).ConcurrencyTokens;
        var expression = new DynamoDbExpressionBuilder();
        var partitionKey = expression.Name(root.EntityType.GetPartitionKeyProperty()!.GetAttributeName());
        command.ConditionExpression = Condition(command, expression, partitionKey, root, tokens);
        command.Names = expression.NamesOrNull;
        command.Values = expression.ValuesOrNull;
        command.HasConcurrencyTokens = tokens.Count > 0;
        return command;
    }

    private WriteCommand NewCommand(WriteKind kind, InternalEntityEntry root, bool original)
    {
        var entityType = root.EntityType;
        var key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var command = new WriteCommand(kind, root, tableNames.Resolve(entityType), key) { DescribeRoot = () => describer.Describe(root, original) };
        AddKey(command, root, entityType.GetPartitionKeyProperty()!, "partition key", original);
        if (entityType.GetSortKeyProperty() is { } sortKey)
        {
            AddKey(command, root, sortKey, "sort key", original);
        }

        return command;
    }

    private void AddKey(WriteCommand command, InternalEntityEntry root, IProperty property, string role, bool original)
    {
        var value = original ? root.GetOriginalValue(property) : root.GetCurrentValue(property);
        var attribute = value == null ? null : _items.Convert(command, root, property, value, "");
        if (attribute == null)
        {
            throw new DbUpdateException(
                $"Cannot save {command.Description}: its {role} '{property.Name}' is null. Every DynamoDB item needs a value for "
                + "each key attribute.",
                (Exception?)null,
                [root]);
        }

        if (attribute.S is { Length: 0 } || attribute.B is { Length: 0 })
        {
            throw new DbUpdateException(
                $"Cannot save {command.Description}: its {role} '{property.Name}' is an empty {(attribute.S != null ? "string" : "byte array")}. "
                + "DynamoDB key attributes cannot be empty strings or empty binary values.",
                (Exception?)null,
                [root]);
        }

        var limit = role == "sort key" ? DynamoDbKeyLimits.MaxSortKeyBytes : DynamoDbKeyLimits.MaxPartitionKeyBytes;
        if (DynamoDbKeyLimits.Size(attribute) > limit)
        {
            throw new DbUpdateException(
                $"Cannot save {command.Description}: its {role} '{property.Name}' is "
                + $"{DynamoDbKeyLimits.Size(attribute).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes long; DynamoDB "
                + $"limits a {role} value to {limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes"
                + (attribute.S != null ? " (strings counted in UTF-8)" : "") + ". Nothing was written.",
                (Exception?)null,
                [root]);
        }

        command.Key[property.GetAttributeName()] = attribute;
    }

    private void CheckKeysUnchanged(InternalEntityEntry root)
    {
        foreach (var property in root.EntityType.GetProperties().Where(p => IsKeyAttribute(root.EntityType, p)))
        {
            var originalValue = root.GetOriginalValue(property);
            var currentValue = root.GetCurrentValue(property);
            if (root.IsModified(property) || !property.GetKeyValueComparer().Equals(originalValue, currentValue))
            {
                throw new InvalidOperationException(
                    $"The key property '{root.EntityType.DisplayName()}.{property.Name}' of {describer.Describe(root, original: true)} was "
                    + (describer.Sensitive
                        ? $"changed from {EntryDescriber.Format(originalValue)} to {EntryDescriber.Format(currentValue)}. "
                        : "changed. ")
                    + "DynamoDB keys are immutable: to move an entity to another key, delete it and add a new entity with the new key.");
            }
        }
    }

    private string Condition(
        WriteCommand command,
        DynamoDbExpressionBuilder expression,
        string partitionKeyPlaceholder,
        InternalEntityEntry tokenSource,
        IReadOnlyList<IProperty> tokens)
    {
        var parts = new List<string> { $"attribute_exists({partitionKeyPlaceholder})" };
        foreach (var token in tokens)
        {
            var attributeName = token.GetAttributeName();
            var expected = _items.Convert(command, tokenSource, token, tokenSource.GetOriginalValue(token), "", isWritten: false);
            command.CheckedTokens.Add((attributeName, token, expected));
            parts.Add(expected == null
                ? $"attribute_not_exists({expression.Name(attributeName)})"
                : RowVersionMayBeMissing(token, tokenSource.GetOriginalValue(token))
                    ? $"(attribute_not_exists({expression.Name(attributeName)}) OR {expression.Name(attributeName)} = {expression.Value(expected)})"
                    : $"{expression.Name(attributeName)} = {expression.Value(expected)}");
        }

        return string.Join(" AND ", parts);
    }

    private static void CheckExpressionLength(WriteCommand command, string kind, string? text)
    {
        if (text is { Length: > DynamoDbExpressionLimits.MaxExpressionLength })
        {
            throw new InvalidOperationException(
                $"Saving {command.Description} needs an {kind} of {text.Length} characters; DynamoDB allows "
                + $"{DynamoDbExpressionLimits.MaxExpressionLength}. Save fewer changed properties of this entity at once.");
        }
    }

    /// <summary>Whether the property is stored in a key attribute of the item (DynamoDB's key schema or EF's primary key).</summary>
    private static bool IsKeyAttribute(IEntityType entityType, IProperty property)
        => property.IsPrimaryKey() || property == entityType.GetPartitionKeyProperty() || property == entityType.GetSortKeyProperty();

    // Interop with other writers (docs/design.md section 5, row versions): an item another tool wrote without a version reads
    // as version 0, so a 0 read from a non-nullable row version is checked as "0 or not there yet".
    private static bool RowVersionMayBeMissing(IProperty token, object? original)
        => DynamoDbStoredForms.IsRowVersion(token) && DynamoDbStoredForms.MayBeUnversioned(token, original);

    private static object FromLong(IProperty property, long value)
        => (Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType) == typeof(int) ? (object)checked((int)value) : value;

    private sealed class ItemChanges(InternalEntityEntry root)
    {
        public InternalEntityEntry Root { get; } = root;

        public List<IUpdateEntry> Entries { get; } = [];

        /// <summary>The root's owned navigations under which something changed; their attributes are rewritten whole.</summary>
        public HashSet<INavigation> ChangedNavigations { get; } = [];

        /// <summary>The deleted entry this (added) root replaces, when both share a key.</summary>
        public InternalEntityEntry? Replaced { get; set; }
    }
}
