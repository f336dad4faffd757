using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>A condition check the next SaveChanges sends in its transaction (<c>AddConditionCheck</c>).</summary>
/// <param name="TableName">The table of the item checked.</param>
/// <param name="Key">The item's key.</param>
/// <param name="Condition">The rest of the Where, bound; null when the item need only exist.</param>
/// <param name="PartitionKey">The table's partition key attribute (the item must exist).</param>
/// <param name="Description">What the check is, for messages ("'Account' with key (Id='a') where a.Active").</param>
internal sealed record ConditionCheckRequest(string TableName, Dictionary<string, AttributeValue> Key, FilterNode? Condition, string PartitionKey, string Description);

/// <summary>
///     What the application asked of the next SaveChanges beyond the tracked changes (docs/design.md section 7): conditions
///     ANDed into an entity's write, entities whose version is not checked, entities written by an unconditional PutItem,
///     and condition checks sent in the save's transaction. Kept per context; cleared once a SaveChanges succeeded (a failed save
///     keeps them, as its entries stay pending: a retry by the execution strategy sends them again).
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release.
/// </remarks>
[EntityFrameworkInternal]
public sealed class PendingWriteOptions : IResettableService
{
    private readonly Dictionary<object, (FilterNode Condition, string Text)> _conditions = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _skipVersion = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _upserts = new(ReferenceEqualityComparer.Instance);
    private readonly List<ConditionCheckRequest> _checks = [];

    internal IReadOnlyList<ConditionCheckRequest> Checks => _checks;

    internal bool IsEmpty => _conditions.Count == 0 && _skipVersion.Count == 0 && _upserts.Count == 0 && _checks.Count == 0;

    internal void AddCondition(object entity, FilterNode condition, string text)
        => _conditions[entity] = _conditions.TryGetValue(entity, out var existing)
            ? (new AndFilter(existing.Condition, condition), existing.Text + " && " + text)
            : (condition, text);

    internal (FilterNode Condition, string Text)? ConditionOf(object entity) => _conditions.TryGetValue(entity, out var c) ? c : null;

    internal void SkipVersionCheck(object entity) => _skipVersion.Add(entity);

    internal bool SkipsVersionCheck(object entity) => _skipVersion.Contains(entity);

    internal void Upsert(object entity) => _upserts.Add(entity);

    internal bool IsUpsert(object entity) => _upserts.Contains(entity);

    /// <summary>
    ///     Adds a check; one on the same item replaces it (a transaction may hold one action per item, and a save that failed keeps
    ///     its checks for the next attempt, so adding it again must not duplicate it).
    /// </summary>
    internal void AddCheck(ConditionCheckRequest check)
    {
        var key = CanonicalText.OfKey(check.TableName, check.Key);
        _checks.RemoveAll(c => CanonicalText.OfKey(c.TableName, c.Key) == key);
        _checks.Add(check);
    }

    /// <summary>Forgets everything: the save they were for succeeded.</summary>
    public void Clear()
    {
        _conditions.Clear();
        _skipVersion.Clear();
        _upserts.Clear();
        _checks.Clear();
    }

    /// <inheritdoc />
    public void ResetState() => Clear();

    /// <inheritdoc />
    public Task ResetStateAsync(CancellationToken cancellationToken = default)
    {
        Clear();
        return Task.CompletedTask;
    }
}
