using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Update;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>What one write does to its item.</summary>
internal enum WriteKind
{
    /// <summary>PutItem of a new item, conditioned on the key not existing.</summary>
    Insert,

    /// <summary>PutItem replacing an item that was deleted and re-added in the same save, conditioned on it existing.</summary>
    Replace,

    /// <summary>UpdateItem setting and removing attributes, conditioned on the item existing (and its tokens).</summary>
    Update,

    /// <summary>DeleteItem, conditioned on the item existing (and its tokens).</summary>
    Delete,
}

/// <summary>
///     The single DynamoDB write of one item: a root entity and everything stored inside its item (owned entities, complex
///     values). Holds the request parts, the entries it saves, and the values to hand back to the state manager once
///     DynamoDB accepted it.
/// </summary>
internal sealed class WriteCommand
{
    /// <param name="kind">What the write does.</param>
    /// <param name="rootEntry">The entry of the entity that owns the item.</param>
    /// <param name="tableName">The resolved table name.</param>
    /// <param name="key">The key attributes of the item.</param>
    /// <param name="entries">The entries of the save the write covers; the command keeps this list (the builder's, not a copy).</param>
    public WriteCommand(
        WriteKind kind,
        InternalEntityEntry rootEntry,
        string tableName,
        Dictionary<string, AttributeValue> key,
        List<IUpdateEntry> entries)
    {
        Kind = kind;
        RootEntry = rootEntry;
        KeyEntry = rootEntry;
        TableName = tableName;
        Key = key;
        Entries = entries;
    }

    private string? _description;
    private string? _keyText;

    public WriteKind Kind { get; }

    /// <summary>The entry of the entity that owns the item (the added one, for a replacement).</summary>
    public InternalEntityEntry RootEntry { get; }

    /// <summary>The entry whose item the key addresses: the root's, or for a replacement the deleted entity's it replaces.</summary>
    public InternalEntityEntry KeyEntry { get; set; }

    public IEntityType EntityType => RootEntry.EntityType;

    /// <summary>The resolved (prefixed) table name.</summary>
    public string TableName { get; }

    /// <summary>The key attributes of the item.</summary>
    public Dictionary<string, AttributeValue> Key { get; }

    /// <summary>
    ///     The table and key as one comparable text (<see cref="CanonicalText.OfKey" />): made once, for the one-write-per-item
    ///     check and for matching a batch's unprocessed items back to their commands.
    /// </summary>
    public string KeyText => _keyText ??= CanonicalText.OfKey(TableName, Key);

    /// <summary>The entries of this save that this write covers (root and owned), in save order.</summary>
    public List<IUpdateEntry> Entries { get; }

    /// <summary>"'Thread' with key (ForumName='a', Subject='b')", or with the values hidden; made only when a message needs it.</summary>
    public string Description => _description ??= Describer?.Describe(RootEntry, DescribesOriginal) ?? $"'{EntityType.DisplayName()}'";

    /// <summary>Makes <see cref="Description" /> (a field, not a closure per write: most writes never need their description).</summary>
    public EntryDescriber? Describer { get; init; }

    /// <summary>Whether <see cref="Description" /> shows the original key (a delete's) rather than the current one.</summary>
    public bool DescribesOriginal { get; init; }

    /// <summary>The full item, for Insert and Replace.</summary>
    public Dictionary<string, AttributeValue>? Item { get; set; }

    /// <summary>The UpdateExpression, for Update.</summary>
    public string? UpdateExpression { get; set; }

    /// <summary>The ConditionExpression; null for an unconditional write (seeding, batches).</summary>
    public string? ConditionExpression { get; set; }

    /// <summary>The names of the expressions; may be shared between commands (never modified once set).</summary>
    public Dictionary<string, string>? Names { get; set; }

    public Dictionary<string, AttributeValue>? Values { get; set; }

    /// <summary>
    ///     The attributes an update leaves behind: name to value, or to null for a removed attribute (an insert leaves
    ///     <see cref="Item" />). Used to recognize that a write whose condition failed had in fact already been applied (the
    ///     SDK or EF retried a request whose response was lost).
    /// </summary>
    public Dictionary<string, AttributeValue?> Outcome => _outcome ??= new(StringComparer.Ordinal);

    private Dictionary<string, AttributeValue?>? _outcome;

    /// <summary>
    ///     What an update leaves at nested document paths (inside owned and complex objects, list elements): path to value, or
    ///     to null for a removed attribute. Checked with <see cref="Outcome" />.
    /// </summary>
    public List<(IReadOnlyList<PathSegment> Path, AttributeValue? Value)> NestedOutcome => _nestedOutcome ??= [];

    private List<(IReadOnlyList<PathSegment> Path, AttributeValue? Value)>? _nestedOutcome;

    /// <summary>The maps and list lengths the condition requires because nested actions write inside them.</summary>
    public List<PathRequirement> CheckedPaths => _checkedPaths ??= [];

    private List<PathRequirement>? _checkedPaths;

    /// <summary>
    ///     Whether, when this exact write is retried, a stored item equal to <see cref="Outcome" /> shows that the earlier attempt
    ///     was applied: true when the write moves a concurrency token on (a row version, or a token the application changed)
    ///     or inserts a whole item, or appends to a list (whose length the condition checks). Otherwise an update's condition cannot
    ///     fail on its own earlier success.
    /// </summary>
    public bool OutcomeIsProof { get; set; }

    // The lists below are made by their first element: most writes (every insert of a model without row versions) have none, and
    // a save of many entities would otherwise build three empty lists per write.

    /// <summary>The concurrency tokens the condition checks: attribute name, property and the expected stored value.</summary>
    public List<(string Attribute, IProperty Property, AttributeValue? Expected)> CheckedTokens => _checkedTokens ??= [];

    private List<(string Attribute, IProperty Property, AttributeValue? Expected)>? _checkedTokens;

    /// <summary>Whether this insert is an upsert (<c>DbSet.Upsert</c>): a PutItem without the condition that the key is new.</summary>
    public bool IsUpsert { get; set; }

    /// <summary>The application's condition ANDed into this write (<c>WithSaveCondition</c>), and its text for messages.</summary>
    public (FilterNode Condition, string Text)? SaveCondition { get; set; }

    /// <summary>Whether the write's condition failed because its item does not exist.</summary>
    public bool ItemWasMissing { get; set; }

    /// <summary>Whether the entity type has concurrency tokens (then its writes are never sent unconditionally).</summary>
    public bool HasConcurrencyTokens { get; set; }

    /// <summary>Values DynamoDB now holds that the entities must learn (row versions), applied after success.</summary>
    public List<(InternalEntityEntry Entry, IProperty Property, object Value)> StoreGeneratedValues => _storeGeneratedValues ??= [];

    private List<(InternalEntityEntry Entry, IProperty Property, object Value)>? _storeGeneratedValues;

    /// <summary>Owned collections whose elements get their ordinal keys (1, 2, ...) after success.</summary>
    public List<(IProperty Ordinal, List<InternalEntityEntry> Elements)> Ordinals => _ordinals ??= [];

    private List<(IProperty Ordinal, List<InternalEntityEntry> Elements)>? _ordinals;

    /// <summary>Whether the write has <see cref="StoreGeneratedValues" /> or <see cref="Ordinals" /> to apply after success.</summary>
    public bool HasValuesToApply => _storeGeneratedValues != null || _ordinals != null;

    /// <summary>The item's size as DynamoDB counts it (for Insert/Replace the item, for Update the mapped attributes).</summary>
    public int ItemSize { get; set; }

    /// <summary>Whether the write can go into a BatchWriteItem (no condition to check).</summary>
    public bool IsBatchable
        => ConditionExpression == null
            || (!HasConcurrencyTokens && Kind is WriteKind.Insert or WriteKind.Delete);

    /// <summary>The operation name as DynamoDB spells it.</summary>
    public string Operation
        => Kind switch
        {
            WriteKind.Insert or WriteKind.Replace => "PutItem",
            WriteKind.Update => "UpdateItem",
            _ => "DeleteItem",
        };
}
