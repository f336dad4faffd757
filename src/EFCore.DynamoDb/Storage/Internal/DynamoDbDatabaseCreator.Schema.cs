using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Diagnostics.Internal;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     <c>EnsureSchemaAsync</c>: schema evolution without migrations. Tables the model has and DynamoDB does not are created
///     as <c>EnsureCreatedAsync</c> creates them; existing tables get, in place, what DynamoDB can add to a table: the
///     model's missing global secondary indexes (one UpdateTable each, as DynamoDB requires, waiting until each is backfilled
///     and ACTIVE) and time to live. Nothing is ever deleted or changed: every other difference is reported and logged.
/// </summary>
public partial class DynamoDbDatabaseCreator
{
    private const int MaxIndexCreationAttempts = 5;

    /// <summary>
    ///     Brings the model's tables to the model as far as DynamoDB allows without recreating them; returns what was changed and
    ///     what still differs.
    /// </summary>
    public virtual async Task<DynamoDbSchemaReport> EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        var tables = DynamoDbTableDefinition.FromModel(_currentContext.Context.Model, _tableNames);
        var results = await Task.WhenAll(tables.Select(t => EnsureTableSchemaAsync(t, cancellationToken))).ConfigureAwait(false);

        var createdTables = tables.Where((_, i) => results[i].Created).ToList();
        if (createdTables.Count > 0)
        {
            await InsertModelDataAsync(createdTables, cancellationToken).ConfigureAwait(false);
        }

        await RunAsyncSeederAsync(createdTables.Count > 0, cancellationToken).ConfigureAwait(false);
        return new DynamoDbSchemaReport(
            results.SelectMany(r => r.Changes).ToList(), results.SelectMany(r => r.Differences).ToList());
    }

    private async Task<(bool Created, IReadOnlyList<DynamoDbSchemaChange> Changes, IReadOnlyList<DynamoDbSchemaDifference> Differences)>
        EnsureTableSchemaAsync(DynamoDbTableDefinition table, CancellationToken cancellationToken)
    {
        var existing = await DescribeAsync(table.TableName, cancellationToken).ConfigureAwait(false);
        if (existing?.TableStatus == TableStatus.DELETING)
        {
            await WaitUntilDeletedAsync(table.TableName, cancellationToken).ConfigureAwait(false);
            existing = null;
        }

        if (existing == null)
        {
            if (await CreateTableAsync(table, cancellationToken).ConfigureAwait(false))
            {
                return (true, [new DynamoDbSchemaChange(DynamoDbSchemaChangeKind.TableCreated, table.TableName, null, "created the table")], []);
            }

            // Another process created it between our DescribeTable and CreateTable: compare it as an existing table.
            existing = await WaitUntilActiveAsync(table.TableName, cancellationToken).ConfigureAwait(false);
        }

        if (KeySchemaMismatch(table, existing) is { } mismatch)
        {
            // Indexes and time to live of a table with other keys would serve another model: compare nothing more.
            var keySchema = new DynamoDbSchemaDifference(
                DynamoDbSchemaDifferenceKind.KeySchema, table.TableName, null,
                $"the table's key schema is ({mismatch.Actual}) but the model declares ({mismatch.Expected}); DynamoDB cannot change "
                + "a table's keys: delete the table, use another table name, or change the model");
            _logger.ExistingTableDiffers(table.TableName, [keySchema.Description]);
            return (false, [], [keySchema]);
        }

        if (!IsActive(existing))
        {
            existing = await WaitUntilActiveAsync(table.TableName, cancellationToken).ConfigureAwait(false);
        }

        var comparison = TableSchemaComparison.Compare(
            table, existing, await DescribeTimeToLiveAsync(table.TableName, cancellationToken).ConfigureAwait(false));

        var changes = new List<DynamoDbSchemaChange>();
        foreach (var (index, description) in comparison.MissingGlobalIndexes)
        {
            if (await CreateGlobalIndexAsync(table, existing, index, description, cancellationToken).ConfigureAwait(false) is { } change)
            {
                changes.Add(change);
            }
        }

        if (comparison.TimeToLiveToEnable is { } attribute)
        {
            var started = Stopwatch.GetTimestamp();
            await EnableTimeToLiveAsync(table.TableName, attribute, cancellationToken).ConfigureAwait(false);
            var description = $"enabled time to live on the attribute '{attribute}'";
            _logger.TableUpdated(table.TableName, description, Stopwatch.GetElapsedTime(started));
            changes.Add(new DynamoDbSchemaChange(DynamoDbSchemaChangeKind.TimeToLiveEnabled, table.TableName, null, description));
        }

        if (comparison.Differences.Count > 0)
        {
            _logger.ExistingTableDiffers(table.TableName, comparison.Differences.Select(d => d.Description).ToList());
        }

        return (false, changes, comparison.Differences);
    }

    /// <summary>
    ///     Adds one global secondary index with UpdateTable and waits, polling DescribeTable with backoff, until DynamoDB has
    ///     backfilled it from the items already in the table and it is ACTIVE. Null when another process created the same index
    ///     meanwhile (nothing of ours to report). A table busy with another update is waited for and asked again.
    /// </summary>
    private async Task<DynamoDbSchemaChange?> CreateGlobalIndexAsync(
        DynamoDbTableDefinition table,
        TableDescription existing,
        GlobalSecondaryIndex index,
        string description,
        CancellationToken cancellationToken)
    {
        var keyAttributes = index.KeySchema.Select(k => k.AttributeName).ToHashSet(StringComparer.Ordinal);
        var request = new UpdateTableRequest
        {
            TableName = table.TableName,
            AttributeDefinitions = table.CreateTableRequest.AttributeDefinitions.Where(a => keyAttributes.Contains(a.AttributeName)).ToList(),
            GlobalSecondaryIndexUpdates =
            [
                new GlobalSecondaryIndexUpdate
                {
                    Create = new CreateGlobalSecondaryIndexAction
                    {
                        IndexName = index.IndexName,
                        KeySchema = index.KeySchema,
                        Projection = index.Projection,
                        ProvisionedThroughput = IndexThroughput(existing, index),
                    },
                },
            ],
        };

        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _executor.UpdateTableAsync(request, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (AmazonDynamoDBException exception) when (exception is ResourceInUseException or LimitExceededException
                or { ErrorCode: "ValidationException" })
            {
                // The table is being updated (by us a moment ago, or by someone else), or the index was just created by another
                // process: wait for the table to settle, then look again.
                var current = await WaitUntilActiveAsync(table.TableName, cancellationToken).ConfigureAwait(false);
                if (HasIndex(current, index.IndexName))
                {
                    return null;
                }

                if (attempt == MaxIndexCreationAttempts || exception is { ErrorCode: "ValidationException" })
                {
                    throw;
                }
            }
        }

        await WaitUntilAsync(
            table.TableName, d => IsActive(d) && HasIndex(d, index.IndexName), cancellationToken).ConfigureAwait(false);

        var done = $"created {description}, projecting {index.Projection.ProjectionType.Value}, and backfilled it";
        _logger.TableUpdated(table.TableName, done, Stopwatch.GetElapsedTime(started));
        return new DynamoDbSchemaChange(DynamoDbSchemaChangeKind.GlobalSecondaryIndexCreated, table.TableName, index.IndexName, done);
    }

    private static bool HasIndex(TableDescription description, string indexName)
        => (description.GlobalSecondaryIndexes ?? []).Any(i => i.IndexName == indexName);

    /// <summary>
    ///     A global index of a provisioned table needs its own throughput, of an on-demand table none: what the table is now
    ///     decides, whatever the model says about billing (it may have changed on the table since).
    /// </summary>
    private static Amazon.DynamoDBv2.Model.ProvisionedThroughput? IndexThroughput(TableDescription existing, GlobalSecondaryIndex index)
    {
        if (existing.BillingModeSummary?.BillingMode == BillingMode.PAY_PER_REQUEST
            || existing.ProvisionedThroughput is not { ReadCapacityUnits: > 0 } tableThroughput)
        {
            return null;
        }

        return index.ProvisionedThroughput
            ?? new Amazon.DynamoDBv2.Model.ProvisionedThroughput
            {
                ReadCapacityUnits = tableThroughput.ReadCapacityUnits,
                WriteCapacityUnits = tableThroughput.WriteCapacityUnits,
            };
    }
}
