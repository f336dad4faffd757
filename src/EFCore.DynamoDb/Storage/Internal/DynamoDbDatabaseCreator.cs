using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Diagnostics.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Update;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     Creates and deletes the model's tables (docs/design.md section 6): all tables in parallel, waiting with backoff until each
///     table and its indexes are ACTIVE, then time to live and seed data. Existing tables whose key schema matches are left
///     alone; a mismatched one is an error.
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public partial class DynamoDbDatabaseCreator : IDatabaseCreator
{
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(2);

    private readonly IDynamoDbRequestExecutor _executor;
    private readonly ICurrentDbContext _currentContext;
    private readonly ITableNameResolver _tableNames;
    private readonly IUpdateAdapterFactory _updateAdapterFactory;
    private readonly IDatabase _database;
    private readonly IDiagnosticsLogger<DbLoggerCategory.Database> _logger;
    private readonly IDesignTimeModel _designTimeModel;
    private readonly IDbContextOptions _contextOptions;

    /// <summary>Creates the database creator.</summary>
    public DynamoDbDatabaseCreator(
        IDynamoDbRequestExecutor executor,
        ICurrentDbContext currentContext,
        ITableNameResolver tableNames,
        IUpdateAdapterFactory updateAdapterFactory,
        IDatabase database,
        IDiagnosticsLogger<DbLoggerCategory.Database> logger,
        IDesignTimeModel designTimeModel,
        IDbContextOptions contextOptions)
    {
        _designTimeModel = designTimeModel;
        _contextOptions = contextOptions;
        _executor = executor;
        _currentContext = currentContext;
        _tableNames = tableNames;
        _updateAdapterFactory = updateAdapterFactory;
        _database = database;
        _logger = logger;
    }

    /// <inheritdoc />
    public virtual bool EnsureCreated() => throw SyncNotSupported(nameof(EnsureCreatedAsync));

    /// <inheritdoc />
    public virtual bool EnsureDeleted() => throw SyncNotSupported(nameof(EnsureDeletedAsync));

    /// <inheritdoc />
    public virtual bool CanConnect() => throw SyncNotSupported(nameof(CanConnectAsync));

    /// <inheritdoc />
    public virtual async Task<bool> EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        var tables = DynamoDbTableDefinition.FromModel(_currentContext.Context.Model, _tableNames);
        var created = await Task.WhenAll(tables.Select(t => EnsureTableAsync(t, cancellationToken))).ConfigureAwait(false);

        var createdTables = tables.Where((_, i) => created[i]).ToList();
        if (createdTables.Count > 0)
        {
            await InsertModelDataAsync(createdTables, cancellationToken).ConfigureAwait(false);
        }

        await RunAsyncSeederAsync(createdTables.Count > 0, cancellationToken).ConfigureAwait(false);
        return createdTables.Count > 0;
    }

    /// <inheritdoc />
    public virtual async Task<bool> EnsureDeletedAsync(CancellationToken cancellationToken = default)
    {
        var tables = DynamoDbTableDefinition.FromModel(_currentContext.Context.Model, _tableNames);
        var deleted = await Task.WhenAll(tables.Select(t => DeleteTableAsync(t.TableName, cancellationToken))).ConfigureAwait(false);
        return deleted.Any(d => d);
    }

    /// <inheritdoc />
    public virtual async Task<bool> CanConnectAsync(CancellationToken cancellationToken = default)
    {
        // A short deadline: "can I connect?" should answer quickly, not sit through the SDK's retries of a dead endpoint.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await _executor.ListTablesAsync(new ListTablesRequest { Limit = 1 }, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private async Task<bool> EnsureTableAsync(DynamoDbTableDefinition table, CancellationToken cancellationToken)
    {
        var existing = await DescribeAsync(table.TableName, cancellationToken).ConfigureAwait(false);
        if (existing?.TableStatus == TableStatus.DELETING)
        {
            // Being deleted (e.g. by an EnsureDeleted that was not awaited to the end): wait for it to go, then create it anew.
            await WaitUntilDeletedAsync(table.TableName, cancellationToken).ConfigureAwait(false);
            existing = null;
        }

        if (existing != null)
        {
            CheckKeySchema(table, existing);
            if (!IsActive(existing))
            {
                existing = await WaitUntilActiveAsync(table.TableName, cancellationToken).ConfigureAwait(false);
            }

            await WarnIfDifferentAsync(table, existing, cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (await CreateTableAsync(table, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        // Another process created it between our DescribeTable and CreateTable: treat it as existing.
        var raced = await DescribeAsync(table.TableName, cancellationToken).ConfigureAwait(false);
        if (raced != null)
        {
            CheckKeySchema(table, raced);
        }

        await WaitUntilActiveAsync(table.TableName, cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>
    ///     Creates the table as the model declares it, waits until it and its indexes are ACTIVE and enables time to live. False
    ///     when another process created it first (DynamoDB answers ResourceInUse): the caller treats it as existing.
    /// </summary>
    private async Task<bool> CreateTableAsync(DynamoDbTableDefinition table, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _executor.CreateTableAsync(table.CreateTableRequest, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            return false;
        }

        await WaitUntilActiveAsync(table.TableName, cancellationToken).ConfigureAwait(false);
        if (table.TimeToLiveAttribute != null)
        {
            await EnableTimeToLiveAsync(table.TableName, table.TimeToLiveAttribute, cancellationToken).ConfigureAwait(false);
        }

        _logger.TableCreated(table.TableName, Stopwatch.GetElapsedTime(started));
        return true;
    }

    private Task EnableTimeToLiveAsync(string tableName, string attributeName, CancellationToken cancellationToken)
        => _executor.UpdateTimeToLiveAsync(
            new UpdateTimeToLiveRequest
            {
                TableName = tableName,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attributeName, Enabled = true },
            },
            cancellationToken);

    private static void CheckKeySchema(DynamoDbTableDefinition table, TableDescription existing)
    {
        if (KeySchemaMismatch(table, existing) is { } mismatch)
        {
            throw new InvalidOperationException(
                $"The table '{table.TableName}' already exists with the key schema ({mismatch.Actual}), but the model of "
                + $"{string.Join(", ", table.EntityTypes.Select(e => "'" + e.DisplayName() + "'"))} declares ({mismatch.Expected}). "
                + "DynamoDB cannot change a table's keys: delete the table, use another table name, or change the model.");
        }
    }

    /// <summary>The model's and the table's key schemas in words when they differ; null when they match.</summary>
    private static (string Expected, string Actual)? KeySchemaMismatch(DynamoDbTableDefinition table, TableDescription existing)
    {
        var expected = TableSchemaComparison.DescribeKeySchema(table.KeySchema, table.CreateTableRequest.AttributeDefinitions);
        var actual = TableSchemaComparison.DescribeKeySchema(existing.KeySchema ?? [], existing.AttributeDefinitions ?? []);
        return string.Equals(expected, actual, StringComparison.Ordinal) ? null : (expected, actual);
    }

    /// <summary>
    ///     An existing table is left alone, but what the model declares and the table lacks (an index, time to live) would
    ///     make some queries fail later, so it is logged.
    /// </summary>
    private async Task WarnIfDifferentAsync(DynamoDbTableDefinition table, TableDescription existing, CancellationToken cancellationToken)
    {
        var timeToLive = table.TimeToLiveAttribute == null
            ? null
            : await DescribeTimeToLiveAsync(table.TableName, cancellationToken).ConfigureAwait(false);
        var comparison = TableSchemaComparison.Compare(table, existing, timeToLive);
        if (comparison.ModelNeeds.Count > 0)
        {
            _logger.ExistingTableDiffers(table.TableName, comparison.ModelNeeds);
        }
    }

    private async Task<TimeToLiveDescription> DescribeTimeToLiveAsync(string tableName, CancellationToken cancellationToken)
        => (await _executor.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = tableName }, cancellationToken)
                .ConfigureAwait(false)).TimeToLiveDescription
            ?? new TimeToLiveDescription { TimeToLiveStatus = TimeToLiveStatus.DISABLED };

    private Task<TableDescription?> DescribeAsync(string tableName, CancellationToken cancellationToken)
        => _executor.DescribeTableIfExistsAsync(tableName, cancellationToken);

    private static bool IsActive(TableDescription description)
        => description.TableStatus == TableStatus.ACTIVE
            && (description.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE);

    /// <summary>Polls DescribeTable with exponential backoff until the table and its global indexes are ACTIVE.</summary>
    private Task<TableDescription> WaitUntilActiveAsync(string tableName, CancellationToken cancellationToken)
        => WaitUntilAsync(tableName, IsActive, cancellationToken);

    /// <summary>Polls DescribeTable with exponential backoff (cancellable) until <paramref name="done" /> holds.</summary>
    private async Task<TableDescription> WaitUntilAsync(
        string tableName,
        Func<TableDescription, bool> done,
        CancellationToken cancellationToken)
    {
        var delay = FirstPollDelay;
        while (true)
        {
            // Right after CreateTable, DescribeTable may still answer "not found" (it is eventually consistent): keep polling.
            var description = await DescribeAsync(tableName, cancellationToken).ConfigureAwait(false);
            if (description != null && done(description))
            {
                return description;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = NextDelay(delay);
        }
    }

    private async Task WaitUntilDeletedAsync(string tableName, CancellationToken cancellationToken)
    {
        var delay = FirstPollDelay;
        while (await DescribeAsync(tableName, cancellationToken).ConfigureAwait(false) != null)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = NextDelay(delay);
        }
    }

    private static TimeSpan NextDelay(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(MaxPollDelay.Ticks, delay.Ticks * 2));

    private async Task<bool> DeleteTableAsync(string tableName, CancellationToken cancellationToken)
    {
        try
        {
            await _executor.DeleteTableAsync(new DeleteTableRequest { TableName = tableName }, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }

        await WaitUntilDeletedAsync(tableName, cancellationToken).ConfigureAwait(false);
        _logger.TableDeleted(tableName);
        return true;
    }

    private async Task InsertModelDataAsync(IReadOnlyList<DynamoDbTableDefinition> createdTables, CancellationToken cancellationToken)
    {
        // HasData lives in the design-time model; the runtime model drops seed data.
        var updateAdapter = _updateAdapterFactory.CreateStandalone();
        var tables = createdTables.Select(t => t.TableName).ToHashSet(StringComparer.Ordinal);
        var anySeed = false;
        foreach (var entityType in _designTimeModel.Model.GetEntityTypes())
        {
            var runtimeEntityType = updateAdapter.Model.FindEntityType(entityType.Name)!;
            var root = runtimeEntityType.IsOwned() ? null : runtimeEntityType.GetRootType();
            if (root != null && !tables.Contains(_tableNames.Resolve(root)))
            {
                continue;
            }

            foreach (var seed in entityType.GetSeedData())
            {
                updateAdapter.CreateEntry(seed, runtimeEntityType).EntityState = EntityState.Added;
                anySeed = true;
            }
        }

        if (anySeed)
        {
            await ((DynamoDbDatabase)_database).SeedAsync(updateAdapter.GetEntriesToSave(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsyncSeederAsync(bool created, CancellationToken cancellationToken)
    {
        var coreOptions = _contextOptions.FindExtension<CoreOptionsExtension>();
        if (coreOptions?.AsyncSeeder is { } seedAsync)
        {
            await seedAsync(_currentContext.Context, created, cancellationToken).ConfigureAwait(false);
        }
        else if (coreOptions?.Seeder != null)
        {
            throw new InvalidOperationException(
                "UseSeeding was configured, but the DynamoDB provider only runs seeders asynchronously: configure UseAsyncSeeding.");
        }
    }

    private static InvalidOperationException SyncNotSupported(string asyncMethod)
        => new($"The DynamoDB provider does not support synchronous I/O: the AWS SDK is asynchronous on .NET. Use '{asyncMethod}' instead.");
}
