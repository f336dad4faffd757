using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Planning;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Update;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>What a failed condition means for one write.</summary>
internal enum ConditionFailure
{
    /// <summary>The item already is what the write would have made it: an earlier attempt of this write succeeded.</summary>
    AlreadyApplied,

    /// <summary>An insert found an item with its key.</summary>
    Duplicate,

    /// <summary>An update, replacement or delete found the item missing or its concurrency tokens changed.</summary>
    Concurrency,
}

/// <summary>Explains failed writes: which entries, why, in messages that name entity, key and table.</summary>
internal sealed class WriteErrors(EntryDescriber describer)
{
    /// <summary>
    ///     Why the condition of <paramref name="command" /> failed, given the item DynamoDB returned (ALL_OLD; null when the
    ///     item does not exist). <paramref name="mayBeApplied" /> says an earlier attempt of this exact write had an unknown
    ///     outcome (see <see cref="SaveAttemptTracker" />).
    /// </summary>
    public (ConditionFailure Kind, string Message) ExplainConditionFailure(
        WriteCommand command,
        Dictionary<string, AttributeValue>? stored,
        bool mayBeApplied)
    {
        if (stored is { Count: 0 })
        {
            stored = null;
        }

        if (IsAlreadyApplied(command, stored, mayBeApplied))
        {
            return (ConditionFailure.AlreadyApplied, "");
        }

        if (command.Kind == WriteKind.Insert && command.SaveCondition is { } insertCondition && (stored == null || command.IsUpsert))
        {
            // An insert's own condition (the key is new) held, or an upsert has none: the application's condition failed. DynamoDB
            // checks it on the item as stored, so on an absent item only conditions that hold for missing attributes can pass.
            return (ConditionFailure.Concurrency,
                $"The entity {command.Description} was not {(command.IsUpsert ? "written" : "added")}: the save condition given with "
                + $"WithSaveCondition ({insertCondition.Text}) does not hold for "
                + (stored == null
                    ? $"the item with its key, which does not exist in table '{command.TableName}'. A save condition is checked on the "
                    + "item as stored before the write, so on a new item it holds only where it holds for missing attributes."
                    : $"its item in table '{command.TableName}'."));
        }

        if (command.Kind == WriteKind.Insert)
        {
            return (ConditionFailure.Duplicate,
                $"Cannot add the entity {command.Description}: an item with this key already exists in table '{command.TableName}'.");
        }

        var verb = command.Kind switch
        {
            WriteKind.Update => "updated",
            WriteKind.Delete => "deleted",
            _ => "replaced",
        };
        if (stored == null)
        {
            command.ItemWasMissing = true;
            return (ConditionFailure.Concurrency,
                $"The entity {command.Description} was not {verb}: its item does not exist in table '{command.TableName}' (it was deleted "
                + "after the entity was read, or was never saved).");
        }

        var differences = new List<string>();
        foreach (var (attribute, property, expected) in command.CheckedTokens)
        {
            var actual = stored.GetValueOrDefault(attribute);
            if (expected == null ? actual != null : actual == null || !AttributeValueComparer.AreEqual(actual, expected))
            {
                differences.Add(describer.Sensitive
                    ? $"'{property.Name}' is {Show(property, actual)} in the table, {Show(property, expected)} was expected"
                    : $"'{property.Name}' has changed");
            }
        }

        foreach (var requirement in command.CheckedPaths)
        {
            if (!requirement.IsMetBy(stored))
            {
                differences.Add(requirement.ListSize is { } size
                    ? $"the list '{requirement.Text}' has {ListLength(stored, requirement)} element(s) in the table, {size} were read (the "
                    + "update addresses its elements by position)"
                    : $"the map '{requirement.Text}' it updates inside no longer exists");
            }
        }

        if (differences.Count == 0 && command.SaveCondition is { } saveCondition
            && !Query.Internal.Planning.FilterEvaluator.Matches(saveCondition.Condition, stored))
        {
            return (ConditionFailure.Concurrency,
                $"The entity {command.Description} was not {verb}: the save condition given with WithSaveCondition ({saveCondition.Text}) "
                + $"does not hold for its item in table '{command.TableName}'.");
        }

        return (ConditionFailure.Concurrency,
            $"The entity {command.Description} was not {verb}: its item in table '{command.TableName}' was changed after the entity "
            + $"was read ({(differences.Count > 0 ? string.Join("; ", differences) : "its concurrency tokens changed")}). Reload the "
            + "entity (or use the values in the exception's Entries) and apply the change again.");
    }

    /// <summary>Wraps a DynamoDB failure in a <see cref="DbUpdateException" /> naming the operation, the items and the tables.</summary>
    public static DbUpdateException Wrap(Exception exception, IReadOnlyList<WriteCommand> commands, string operation)
    {
        var shown = commands.Take(3).Select(c => c.Description).ToList();
        var what = commands.Count == 1
            ? $"the {commands[0].Operation} of the entity {commands[0].Description}"
            : $"the {operation} of {commands.Count} items ({string.Join("; ", shown)}{(commands.Count > shown.Count ? "; ..." : "")})";
        var tables = commands.Select(c => c.TableName).Distinct(StringComparer.Ordinal).Select(t => "'" + t + "'").ToList();
        var hint = exception is ResourceNotFoundException
            ? $" Check that the table {string.Join(", ", tables)} exists (EnsureCreatedAsync creates the model's tables) and that the "
            + "TableNamePrefix is the one the tables were created with."
            : "";
        var verb = exception is Amazon.Runtime.AmazonServiceException { StatusCode: < System.Net.HttpStatusCode.InternalServerError }
            ? "DynamoDB rejected"
            : "DynamoDB did not complete";
        return new DbUpdateException(
            $"{verb} {what} in table {string.Join(", ", tables)}: {exception.Message}{hint}",
            exception,
            EntriesOf(commands));
    }

    public static IReadOnlyList<IUpdateEntry> EntriesOf(IEnumerable<WriteCommand> commands)
    {
        var entries = new List<IUpdateEntry>();
        foreach (var command in commands)
        {
            entries.AddRange(command.Entries);
            if (!command.Entries.Contains(command.RootEntry))
            {
                // Only owned entities changed: the owner's item is what failed. (EF's exceptions leave unchanged entries out,
                // so this shows only if the owner is no longer unchanged; the message names the owner either way.)
                entries.Add(command.RootEntry);
            }
        }

        return entries;
    }

    /// <summary>
    ///     Whether a write whose condition failed had in fact been applied by an earlier attempt of the same request. Only
    ///     asked after an attempt whose outcome is unknown: a stored item equal to what the write makes it is no proof by
    ///     itself, because another writer may have made the very same change (two workers incrementing a counter from the same
    ///     version both write version+1 and the same count); taking that as success would lose an update.
    /// </summary>
    private static bool IsAlreadyApplied(WriteCommand command, Dictionary<string, AttributeValue>? stored, bool mayBeApplied)
    {
        if (!mayBeApplied)
        {
            return false;
        }

        switch (command.Kind)
        {
            case WriteKind.Delete:
                return stored == null;
            case WriteKind.Insert or WriteKind.Replace:
                return stored != null && stored.Count == command.Item!.Count
                    && Matches(command.Item.Select(p => KeyValuePair.Create(p.Key, (AttributeValue?)p.Value)), stored);
            default:
                return command.OutcomeIsProof && stored != null && Matches(command.Outcome, stored)
                    && command.NestedOutcome.All(o => Equal(PathRequirement.Resolve(stored, o.Path), o.Value));
        }
    }

    private static bool Equal(AttributeValue? actual, AttributeValue? expected)
        => expected == null ? actual == null : actual != null && AttributeValueComparer.AreEqual(actual, expected);

    private static string ListLength(Dictionary<string, AttributeValue> stored, PathRequirement requirement)
        => PathRequirement.Resolve(stored, requirement.Path) is { IsLSet: true } list
            ? list.L.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "no";

    private static bool Matches(IEnumerable<KeyValuePair<string, AttributeValue?>> outcome, Dictionary<string, AttributeValue> stored)
    {
        foreach (var (name, value) in outcome)
        {
            var actual = stored.GetValueOrDefault(name);
            if (value == null ? actual != null : actual == null || !AttributeValueComparer.AreEqual(actual, value))
            {
                return false;
            }
        }

        return true;
    }

    private static string Show(Microsoft.EntityFrameworkCore.Metadata.IProperty property, AttributeValue? value)
    {
        if (value == null)
        {
            return "absent";
        }

        try
        {
            return EntryDescriber.Format(((DynamoDbTypeMapping)property.GetTypeMapping()).FromAttributeValue(value));
        }
        catch (Exception)
        {
            return AttributeValueDescriber.Describe(value);
        }
    }
}
