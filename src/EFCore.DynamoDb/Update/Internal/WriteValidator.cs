using System.Globalization;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     Checks a save's writes against DynamoDB's limits before any request is sent, so that a save that cannot succeed
///     writes nothing: item size, index key values, one write per item, and the transaction's size and count.
/// </summary>
internal static class WriteValidator
{
    /// <summary>DynamoDB's limit on the actions of one TransactWriteItems request.</summary>
    public const int MaxTransactionWrites = 100;

    public static void ValidateItems(IReadOnlyList<WriteCommand> commands)
    {
        // One write per item can only be broken by two writes: a single write (the usual save) builds no key text for it.
        var seen = commands.Count > 1 ? new Dictionary<string, WriteCommand>(commands.Count, StringComparer.Ordinal) : null;
        foreach (var command in commands)
        {
            CheckSize(command);
            CheckIndexKeys(command);
            if (seen == null)
            {
                continue;
            }

            var key = command.KeyText;
            if (seen.TryGetValue(key, out var other))
            {
                throw new InvalidOperationException(
                    $"Cannot save {other.Description} and {command.Description} in one SaveChangesAsync: both are stored as the "
                    + $"same item of table '{command.TableName}', and DynamoDB writes an item at most once per request. "
                    + "Save them in separate SaveChangesAsync calls, or give them different keys.");
            }

            seen[key] = command;
        }
    }

    public static void ValidateTransaction(IReadOnlyList<WriteCommand> commands)
    {
        if (commands.Count > MaxTransactionWrites)
        {
            throw new InvalidOperationException(
                $"This SaveChangesAsync would write {commands.Count} items, but a DynamoDB transaction (TransactWriteItems) holds at "
                + $"most {MaxTransactionWrites} writes, and the provider does not split one save into several transactions because "
                + "it would no longer be all-or-nothing. Nothing was written. Either call SaveChangesAsync for at most "
                + $"{MaxTransactionWrites} items at a time, or opt out of atomicity with "
                + "'context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never' to write them with parallel "
                + "BatchWriteItem requests (not atomic: a failure can leave part of the save written).");
        }

        var total = commands.Sum(c => (long)c.ItemSize);
        if (total > ItemSize.MaxTransactionBytes)
        {
            throw new InvalidOperationException(
                $"This SaveChangesAsync would write {total.ToString("N0", CultureInfo.InvariantCulture)} bytes in one transaction; "
                + $"DynamoDB limits a TransactWriteItems request to 4 MB ({ItemSize.MaxTransactionBytes.ToString("N0", CultureInfo.InvariantCulture)} "
                + "bytes). Nothing was written. Save fewer or smaller items at a time, or set "
                + "'context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never' to write without a transaction.");
        }
    }

    private static void CheckSize(WriteCommand command)
    {
        if (command.ItemSize <= ItemSize.MaxItemBytes)
        {
            return;
        }

        var attributes = command.Item != null
            ? command.Item.Select(p => (p.Key, p.Value))
            : command.Outcome.Where(p => p.Value != null).Select(p => (p.Key, Value: p.Value!))
                .Concat(command.NestedOutcome.Where(p => p.Value != null).Select(p => (Key: PathRequirement.Describe(p.Path), Value: p.Value!)));
        var largest = attributes
            .Select(p => (p.Key, Size: ItemSize.Attribute(p.Key, p.Value)))
            .OrderByDescending(p => p.Size)
            .Take(3)
            .Select(p => $"'{p.Key}' ({p.Size.ToString("N0", CultureInfo.InvariantCulture)} bytes)");
        throw new DbUpdateException(
            $"Cannot save {command.Description}: the item would be {command.ItemSize.ToString("N0", CultureInfo.InvariantCulture)} "
            + (command.Kind == WriteKind.Update ? "bytes or more" : "bytes")
            + $", over DynamoDB's item size limit of 400 KB ({ItemSize.MaxItemBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes, "
            + $"counting attribute names and values in UTF-8). Largest attributes: {string.Join(", ", largest)}. Nothing was written. "
            + "Store large values elsewhere (for example in S3) and keep a reference in the item.",
            (Exception?)null,
            command.Entries);
    }

    private static void CheckIndexKeys(WriteCommand command)
    {
        foreach (var (index, property, role, attributeName) in EntityWriteShape.For(command.EntityType).IndexKeyProperties)
        {
            var value = command.Item != null
                ? command.Item.GetValueOrDefault(attributeName)
                : command.Outcome.GetValueOrDefault(attributeName);
            if (value?.S is { Length: 0 } || value?.B is { Length: 0 })
            {
                throw new DbUpdateException(
                    $"Cannot save {command.Description}: property '{property.Name}' is a key of the index '{index.GetIndexName()}' "
                    + $"and is an empty {(value.S != null ? "string" : "byte array")}. DynamoDB rejects empty strings and empty binary "
                    + "values in index key attributes; set null instead to leave the item out of the index. Nothing was written.",
                    (Exception?)null,
                    command.Entries);
            }

            var limit = role == "sort key" ? DynamoDbKeyLimits.MaxSortKeyBytes : DynamoDbKeyLimits.MaxPartitionKeyBytes;
            if (value != null && DynamoDbKeyLimits.Size(value) > limit)
            {
                throw new DbUpdateException(
                    $"Cannot save {command.Description}: property '{property.Name}' is the {role} of the index '{index.GetIndexName()}' "
                    + $"and its value is {DynamoDbKeyLimits.Size(value).ToString("N0", CultureInfo.InvariantCulture)} bytes long; DynamoDB "
                    + $"limits an index {role} value to {limit.ToString("N0", CultureInfo.InvariantCulture)} bytes and rejects the "
                    + "write. Nothing was written.",
                    (Exception?)null,
                    command.Entries);
            }
        }
    }
}
