using EFCore.DynamoDb.Metadata.Internal;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Infrastructure.Internal;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Query.Internal.Planning;
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
/// <remarks>
///     The key and concurrency tokens of an entity read from an item are written as that item holds them
///     (<see cref="ReadItemValues" />), so a write addresses the item the entity came from; anything else is converted.
/// </remarks>
internal sealed class WriteCommandBuilder(
    ITableNameResolver tableNames,
    EntryDescriber describer,
    ReadItemValues? readValues,
    PendingWriteOptions? pending = null)
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
                if (!seeding && pending?.ConditionOf(group.Root.Entity) is { } saveCondition)
                {
                    AppendSaveCondition(command, saveCondition);
                }

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
                var path = PathToRoot(entry);
                GroupOf(path[^1].Owner).AddOwned(entry, path);
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

    /// <summary>The owners and navigations from an owned entry up to the root entity of its item, innermost first.</summary>
    private static List<(InternalEntityEntry Owner, INavigation Navigation)> PathToRoot(InternalEntityEntry entry)
    {
        var path = new List<(InternalEntityEntry Owner, INavigation Navigation)>();
        var current = entry;
        while (current.EntityType.FindOwnership() is { } ownership)
        {
            var principal = current.StateManager.FindPrincipal(current, ownership)
                ?? current.StateManager.FindPrincipalUsingRelationshipSnapshot(current, ownership)
                ?? throw new InvalidOperationException(
                    $"The owned entity of type '{entry.EntityType.DisplayName()}' has no owner of type "
                    + $"'{ownership.PrincipalEntityType.DisplayName()}' tracked in this context; owned entities are saved inside their "
                    + "owner's item, so the owner must be tracked too.");
            var navigation = ownership.PrincipalToDependent
                ?? throw new InvalidOperationException(
                    $"The ownership of '{current.EntityType.DisplayName()}' has no navigation from its owner; DynamoDB stores an owned "
                    + "entity under its owner's navigation name.");
            path.Add((principal, navigation));
            current = principal;
        }

        return path;
    }

    private WriteCommand BuildPut(ItemChanges group, bool seeding)
    {
        var root = group.Root;
        var replaced = seeding ? null : group.Replaced;
        var command = NewCommand(replaced == null ? WriteKind.Insert : WriteKind.Replace, group, original: false, keySource: replaced);
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
        foreach (var (name, value) in command.Key)
        {
            // The key as the item read holds it, when the entity (or the deleted one it replaces) was read from one.
            command.Item[name] = value;
        }

        foreach (var (index, part) in shape.IndexKeyTemplates)
        {
            if (KeyTemplateWriter.IndexAttribute(command, root, index, part) is { } value)
            {
                command.Item[part.AttributeName] = value;
            }
        }

        command.HasConcurrencyTokens = tokens.Count > 0;
        command.OutcomeIsProof = true;

        if (!seeding && pending?.IsUpsert(root.Entity) == true)
        {
            // Upsert: PynamoDB's save(), an unconditional PutItem that creates or replaces the item.
            command.IsUpsert = true;
        }
        else if (!seeding && replaced == null)
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
        var command = NewCommand(WriteKind.Update, group, original: false);
        var expression = new DynamoDbExpressionBuilder();
        var actions = new UpdateActions(command, expression);
        var shape = EntityWriteShape.For(entityType);
        var rowVersion = shape.RowVersion;
        var skipVersionCheck = pending?.SkipsVersionCheck(root.Entity) == true;
        var tokens = skipVersionCheck ? [] : shape.ConcurrencyTokens;
        var changesToken = false;
        if (root.EntityState == EntityState.Modified)
        {
            foreach (var (property, attributeName, _) in shape.Properties)
            {
                if (IsKeyAttribute(entityType, property) || property == rowVersion || !root.IsModified(property))
                {
                    continue;
                }

                changesToken |= property.IsConcurrencyToken;
                actions.Write(DocumentLocation.Item, attributeName, _items.Convert(command, root, property, root.GetCurrentValue(property), ""));
            }
        }

        // Complex values and owned entities: only what changed inside them, at its document path.
        new NestedChangeWriter(_items, command, actions, group).WriteEntity(root, DocumentLocation.Item);

        // Keys of overloaded indexes built from properties that changed: all of that index's template keys, so that an item another
        // writer stored without them (or with one of them only) is in the index after the write, under both of its keys.
        foreach (var (index, part) in shape.IndexKeyTemplates)
        {
            if (root.EntityState == EntityState.Modified
                && shape.IndexKeyTemplates.Any(other => other.Index.GetIndexName() == index.GetIndexName()
                    && KeyTemplateWriter.IndexAttributeChanged(root, other.Part)))
            {
                actions.Write(DocumentLocation.Item, part.AttributeName, KeyTemplateWriter.IndexAttribute(command, root, index, part));
            }
        }

        string? versionIncrement = null;
        if (rowVersion != null && skipVersionCheck)
        {
            // Without the check the version read may be stale: move the stored one on (ADD) rather than set one that could go back.
            versionIncrement = $"ADD {expression.Name(rowVersion.GetAttributeName())} {expression.Value(new AttributeValue { N = "1" })}";
            changesToken = true;
        }
        else if (rowVersion != null)
        {
            // A save of the entity always moves its version on, even when nothing else changed ("touch").
            var version = FromLong(rowVersion, DynamoDbStoredForms.NextRowVersion(rowVersion, root.GetOriginalValue(rowVersion)));
            actions.Write(DocumentLocation.Item, rowVersion.GetAttributeName(), _items.Convert(command, root, rowVersion, version, ""));
            command.StoreGeneratedValues.Add((root, rowVersion, version));
            changesToken = true;
        }

        if (actions.IsEmpty && versionIncrement == null)
        {
            return null;
        }

        command.UpdateExpression = versionIncrement == null
            ? actions.Expression
            : actions.IsEmpty ? versionIncrement : actions.Expression + " " + versionIncrement;
        var partitionKey = expression.Name(entityType.GetPartitionKeyAttributeName()!);
        command.ConditionExpression = string.Join(" AND ", [Condition(command, expression, partitionKey, root, tokens), .. actions.Conditions()]);
        command.Names = expression.NamesOrNull;
        command.Values = expression.ValuesOrNull;
        command.HasConcurrencyTokens = tokens.Count > 0;
        command.OutcomeIsProof = changesToken || actions.Appends;
        command.ItemSize = command.Key.Sum(k => ItemSize.Attribute(k.Key, k.Value)) + actions.Size;
        CheckExpressionLength(command, "UpdateExpression", command.UpdateExpression);
        CheckExpressionLength(command, "ConditionExpression", command.ConditionExpression);
        return command;
    }

    private WriteCommand BuildDelete(ItemChanges group)
    {
        var root = group.Root;
        var command = NewCommand(WriteKind.Delete, group, original: true);
        var tokens = pending?.SkipsVersionCheck(root.Entity) == true ? [] : EntityWriteShape.For(root.EntityType).ConcurrencyTokens;
        var expression = new DynamoDbExpressionBuilder();
        var partitionKey = expression.Name(root.EntityType.GetPartitionKeyAttributeName()!);
        command.ConditionExpression = Condition(command, expression, partitionKey, root, tokens);
        command.Names = expression.NamesOrNull;
        command.Values = expression.ValuesOrNull;
        command.HasConcurrencyTokens = tokens.Count > 0;
        return command;
    }

    /// <param name="kind">What the write does.</param>
    /// <param name="group">The entries stored in the item: its root entity's and its owned entities'.</param>
    /// <param name="original">Whether the key is the original one (a delete) rather than the current one.</param>
    /// <param name="keySource">The entry whose item the write addresses when it is not the root's (the deleted entity a replacement replaces).</param>
    private WriteCommand NewCommand(WriteKind kind, ItemChanges group, bool original, InternalEntityEntry? keySource = null)
    {
        var root = group.Root;
        var entityType = root.EntityType;
        var key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var command = new WriteCommand(kind, root, tableNames.Resolve(entityType), key, group.Entries)
        {
            Describer = describer,
            DescribesOriginal = original,
            KeyEntry = keySource ?? root,
        };
        AddKey(command, root, DynamoDbKeyParts.PartitionKey(entityType)!, "partition key", original);
        if (DynamoDbKeyParts.SortKey(entityType) is { } sortKey)
        {
            AddKey(command, root, sortKey, "sort key", original);
        }

        return command;
    }

    private void AddKey(WriteCommand command, InternalEntityEntry root, DynamoDbKeyPart part, string role, bool original)
    {
        if (part.Template == null)
        {
            AddKey(command, root, (IProperty)part.Property!, role, original);
            return;
        }

        var composed = KeyTemplateWriter.ComposeKey(command, root, part, role, original);
        command.Key[part.AttributeName] = readValues != null && readValues.TryGetKeyText(command.KeyEntry, part, composed, out var stored)
            ? stored
            : composed;
    }

    private void AddKey(WriteCommand command, InternalEntityEntry root, IProperty property, string role, bool original)
    {
        var value = original ? root.GetOriginalValue(property) : root.GetCurrentValue(property);
        if (readValues != null && readValues.TryGet(command.KeyEntry, property, value, out var stored))
        {
            // The key as the item read holds it: the item exists, so DynamoDB's limits on key values hold for it.
            command.Key[property.GetAttributeName()] = stored;
            return;
        }

        var attribute = _items.Convert(command, root, property, value, "", isWritten: false);
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
            var originalValue = tokenSource.GetOriginalValue(token);
            var expected = readValues != null && readValues.TryGet(tokenSource, token, originalValue, out var stored)
                ? stored
                : _items.Convert(command, tokenSource, token, originalValue, "", isWritten: false);
            command.CheckedTokens.Add((attributeName, token, expected));
            parts.Add(expected == null
                ? $"attribute_not_exists({expression.Name(attributeName)})"
                : RowVersionMayBeMissing(token, tokenSource.GetOriginalValue(token))
                    ? $"(attribute_not_exists({expression.Name(attributeName)}) OR {expression.Name(attributeName)} = {expression.Value(expected)})"
                    : $"{expression.Name(attributeName)} = {expression.Value(expected)}");
        }

        return string.Join(" AND ", parts);
    }

    /// <summary>
    ///     ANDs the application's condition into the write's (WithSaveCondition), with placeholders of its own: the command's names
    ///     may be shared with other commands, so they are copied, never changed.
    /// </summary>
    private static void AppendSaveCondition(WriteCommand command, (FilterNode Condition, string Text) saveCondition)
    {
        var builder = new DynamoDbExpressionBuilder();
        var writer = new FilterWriter(builder);
        var text = writer.Write(saveCondition.Condition);
        var names = command.Names == null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(command.Names, StringComparer.Ordinal);
        var values = command.Values == null
            ? new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            : new Dictionary<string, AttributeValue>(command.Values, StringComparer.Ordinal);
        foreach (var (placeholder, name) in builder.Names.OrderByDescending(p => p.Key.Length))
        {
            text = text.Replace(placeholder, "#sc" + placeholder[1..], StringComparison.Ordinal);
            names["#sc" + placeholder[1..]] = name;
        }

        foreach (var (placeholder, value) in builder.Values.OrderByDescending(p => p.Key.Length))
        {
            text = text.Replace(placeholder, ":sc" + placeholder[1..], StringComparison.Ordinal);
            values[":sc" + placeholder[1..]] = value;
        }

        command.ConditionExpression = command.ConditionExpression == null ? $"({text})" : $"{command.ConditionExpression} AND ({text})";
        command.Names = names.Count == 0 ? null : names;
        command.Values = values.Count == 0 ? null : values;
        command.SaveCondition = saveCondition;
        CheckExpressionLength(command, "ConditionExpression", command.ConditionExpression);
    }

    private static void CheckExpressionLength(WriteCommand command, string kind, string? text)
    {
        if (text is { Length: > DynamoDbExpressionLimits.MaxExpressionLength })
        {
            throw new InvalidOperationException(
                $"Saving {command.Description} needs an {kind} of {text.Length} characters; DynamoDB allows "
                + $"{DynamoDbExpressionLimits.MaxExpressionLength}. Nothing was written. Save fewer changed properties of this entity at "
                + "once. Changes inside owned and complex objects are written one document path each, so that attributes the model "
                + "does not map are kept; to rewrite an owned collection whole instead, assign it a new collection.");
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
}
