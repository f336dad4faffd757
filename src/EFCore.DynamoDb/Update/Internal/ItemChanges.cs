using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Update;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     The entries of one save stored in one item: the root entity's, and those of the owned entities inside it, with where
///     the owned ones sit (which owned navigations of which owners hold a change) so that an update writes only those paths.
/// </summary>
internal sealed class ItemChanges(InternalEntityEntry root)
{
    // Made by the first owned entry only: most items of a save (every one of a model without owned types) have none, and a
    // save of many entities would otherwise build three empty collections per item.
    private HashSet<(InternalEntityEntry Owner, INavigation Navigation)>? _changedNavigations;
    private Dictionary<(InternalEntityEntry Owner, INavigation Navigation), int>? _deleted;
    private HashSet<InternalEntityEntry>? _ownersOfChanges;

    public InternalEntityEntry Root { get; } = root;

    public List<IUpdateEntry> Entries { get; } = [];

    /// <summary>The deleted entry this (added) root replaces, when both share a key.</summary>
    public InternalEntityEntry? Replaced { get; set; }

    /// <summary>Notes an owned entry of the save: every navigation from the root down to it holds a change.</summary>
    /// <param name="entry">The owned entry.</param>
    /// <param name="path">The owners and navigations from the entry up to the root, innermost first.</param>
    public void AddOwned(InternalEntityEntry entry, IReadOnlyList<(InternalEntityEntry Owner, INavigation Navigation)> path)
    {
        Entries.Add(entry);
        _changedNavigations ??= [];
        _ownersOfChanges ??= new HashSet<InternalEntityEntry>(ReferenceEqualityComparer.Instance);
        foreach (var step in path)
        {
            _changedNavigations.Add(step);
            _ownersOfChanges.Add(step.Owner);
        }

        if (entry.EntityState == EntityState.Deleted)
        {
            _deleted ??= [];
            _deleted[path[0]] = _deleted.GetValueOrDefault(path[0]) + 1;
        }
    }

    /// <summary>Whether something under <paramref name="navigation" /> of <paramref name="owner" /> changed.</summary>
    public bool IsChanged(InternalEntityEntry owner, INavigation navigation)
        => _changedNavigations != null && _changedNavigations.Contains((owner, navigation));

    /// <summary>Whether something inside the owned entity of <paramref name="entry" /> changed (itself, or an entity it owns).</summary>
    public bool HasChangesInside(InternalEntityEntry entry)
        => entry.EntityState != EntityState.Unchanged || (_ownersOfChanges != null && _ownersOfChanges.Contains(entry));

    /// <summary>How many entities of <paramref name="navigation" /> of <paramref name="owner" /> this save deletes.</summary>
    public int DeletedCount(InternalEntityEntry owner, INavigation navigation) => _deleted == null ? 0 : _deleted.GetValueOrDefault((owner, navigation));
}
