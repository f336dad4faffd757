using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking.Internal;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Update;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     Hands what DynamoDB accepted back to the state manager, and only after it accepted it: row versions become the
///     entities' new values (<c>SetStoreGeneratedValue</c>, so EF discards them if the save fails later), and the elements of
///     owned collections get their ordinal keys 1, 2, ... in collection order, as a query would number them.
/// </summary>
internal static class SavedEntries
{
    /// <summary>
    ///     Applies a written command's store-generated values. An entry that gets one but is not among the saved entries (an
    ///     owner whose owned entities alone changed; an unchanged sibling whose position moved) is added to
    ///     <paramref name="entries" />, the list EF accepts after a successful save, so that its new values become original.
    /// </summary>
    public static void ApplyStoreGeneratedValues(WriteCommand command, IList<IUpdateEntry> entries, HashSet<IUpdateEntry> included)
    {
        if (!command.HasValuesToApply)
        {
            return;
        }

        foreach (var (entry, property, value) in command.StoreGeneratedValues)
        {
            entry.SetStoreGeneratedValue(property, value);
            Include(entry, entries, included);
        }

        foreach (var (ordinal, elements) in command.Ordinals)
        {
            AssignOrdinals(ordinal, elements, entries, included);
        }
    }

    /// <summary>
    ///     Accepts the entries of commands that were written when the save as a whole failed (AutoTransactionBehavior.Never):
    ///     they are saved, so they become Unchanged (or Detached, if deleted) and a later SaveChanges does not write them again.
    ///     Entries whose concurrency failure an interceptor suppressed count as saved too, as EF treats them.
    /// </summary>
    public static void Accept(IEnumerable<WriteCommand> written, IEnumerable<WriteCommand> suppressed, IList<IUpdateEntry> entries)
    {
        var included = new HashSet<IUpdateEntry>(entries, ReferenceEqualityComparer.Instance);
        var toAccept = new List<IUpdateEntry>();
        foreach (var command in written)
        {
            var before = entries.Count;
            ApplyStoreGeneratedValues(command, entries, included);
            toAccept.AddRange(command.Entries);
            for (var i = before; i < entries.Count; i++)
            {
                toAccept.Add(entries[i]);
            }
        }

        toAccept.AddRange(suppressed.SelectMany(c => c.Entries));
        foreach (var entry in toAccept)
        {
            ((InternalEntityEntry)entry).AcceptChanges();
        }
    }

    private static void AssignOrdinals(
        IProperty ordinal,
        List<InternalEntityEntry> elements,
        IList<IUpdateEntry> entries,
        HashSet<IUpdateEntry> included)
    {
        // Renumbering in place could give an element the key another element still holds (after a removal or a move), which
        // the identity map refuses: move every element to a temporary key first, then to its final one.
        var renumber = false;
        for (var i = 0; i < elements.Count; i++)
        {
            if (!elements[i].HasTemporaryValue(ordinal) && !Equals(elements[i].GetCurrentValue(ordinal), i + 1))
            {
                renumber = true;
                break;
            }
        }

        if (renumber)
        {
            for (var i = 0; i < elements.Count; i++)
            {
                elements[i].SetTemporaryValue(ordinal, -(i + 1), setModified: false);
            }
        }

        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            if (element.HasTemporaryValue(ordinal) || !Equals(element.GetCurrentValue(ordinal), i + 1))
            {
                element.SetStoreGeneratedValue(ordinal, i + 1, setModified: element.EntityState != EntityState.Unchanged);
                Include(element, entries, included);
            }
        }
    }

    private static void Include(IUpdateEntry entry, IList<IUpdateEntry> entries, HashSet<IUpdateEntry> included)
    {
        if (included.Add(entry))
        {
            entries.Add(entry);
        }
    }
}
