using Microsoft.Extensions.Logging;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore.Diagnostics;

/// <summary>
///     Event IDs for events logged by the DynamoDB provider, for use with
///     <see cref="WarningsConfigurationBuilder" /> and logging filters.
/// </summary>
public static class DynamoDbEventId
{
    // These values must not change between releases; add new values at the end of a section only.
    private enum Id
    {
        // Database events
        SyncNotSupported = CoreEventId.ProviderBaseId,
        TableCreated,
        TableDeleted,
        ExistingTableDiffers,
        TableUpdated,

        // Command events
        ExecutingRequest = CoreEventId.ProviderBaseId + 100,
        ExecutedRequest,
        RequestFailed,
        RequestRetrying,
        ConditionNotMet,

        // Query events
        ImplicitScan = CoreEventId.ProviderBaseId + 200,
    }

    private static readonly string DatabasePrefix = DbLoggerCategory.Database.Name + ".";
    private static readonly string CommandPrefix = DbLoggerCategory.Database.Command.Name + ".";
    private static readonly string QueryPrefix = DbLoggerCategory.Query.Name + ".";

    /// <summary>A synchronous API was called; the provider only supports asynchronous I/O.</summary>
    public static readonly EventId SyncNotSupported = new((int)Id.SyncNotSupported, DatabasePrefix + Id.SyncNotSupported);

    /// <summary><c>EnsureCreatedAsync</c> created a table and it became ACTIVE.</summary>
    public static readonly EventId TableCreated = new((int)Id.TableCreated, DatabasePrefix + Id.TableCreated);

    /// <summary><c>EnsureDeletedAsync</c> deleted a table.</summary>
    public static readonly EventId TableDeleted = new((int)Id.TableDeleted, DatabasePrefix + Id.TableDeleted);

    /// <summary>
    ///     <c>EnsureCreatedAsync</c> found a table whose key schema matches the model and left it unchanged, but its secondary
    ///     indexes or time to live differ from the model's (Warning). DynamoDB cannot add local indexes to an existing table;
    ///     global ones and time to live can be changed with UpdateTable / UpdateTimeToLive, or by recreating the table.
    /// </summary>
    public static readonly EventId ExistingTableDiffers = new((int)Id.ExistingTableDiffers, DatabasePrefix + Id.ExistingTableDiffers);

    /// <summary>
    ///     <c>EnsureSchemaAsync</c> changed an existing table to match the model (a global secondary index created and
    ///     backfilled, or time to live enabled) and the table is ACTIVE again (Information).
    /// </summary>
    public static readonly EventId TableUpdated = new((int)Id.TableUpdated, DatabasePrefix + Id.TableUpdated);

    /// <summary>A DynamoDB request is about to be sent (Debug).</summary>
    public static readonly EventId ExecutingRequest = new((int)Id.ExecutingRequest, CommandPrefix + Id.ExecutingRequest);

    /// <summary>A DynamoDB request completed, with its elapsed time and consumed capacity (Information).</summary>
    public static readonly EventId ExecutedRequest = new((int)Id.ExecutedRequest, CommandPrefix + Id.ExecutedRequest);

    /// <summary>A DynamoDB request failed (Error).</summary>
    public static readonly EventId RequestFailed = new((int)Id.RequestFailed, CommandPrefix + Id.RequestFailed);

    /// <summary>A DynamoDB request, or part of it, is retried (unprocessed items or keys, or a transient failure) (Warning).</summary>
    public static readonly EventId RequestRetrying = new((int)Id.RequestRetrying, CommandPrefix + Id.RequestRetrying);

    /// <summary>
    ///     A conditional write was refused because its condition did not hold: a duplicate key or a concurrency conflict. An
    ///     expected outcome the application handles, so Information rather than Error.
    /// </summary>
    public static readonly EventId ConditionNotMet = new((int)Id.ConditionNotMet, CommandPrefix + Id.ConditionNotMet);

    /// <summary>
    ///     A query runs as a Scan (it reads every item of the table or index) although it did not ask for one with
    ///     <c>WithScan()</c>: its condition pins no partition key (Warning). <c>ScanBehavior(DynamoDbScanBehavior.Disallow)</c>
    ///     refuses such queries; <c>ConfigureWarnings(w =&gt; w.Throw(DynamoDbEventId.ImplicitScan))</c> does too.
    /// </summary>
    public static readonly EventId ImplicitScan = new((int)Id.ImplicitScan, QueryPrefix + Id.ImplicitScan);
}
