using System.Globalization;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace EFCore.DynamoDb.Diagnostics.Internal;

/// <summary>Writes the DynamoDB provider's events through EF's diagnostics logger (ILogger and DiagnosticListener).</summary>
internal static class DynamoDbLoggerExtensions
{
    public static void ExecutingRequest(this IDiagnosticsLogger<DbLoggerCategory.Database.Command> diagnostics, DynamoDbRequest request)
    {
        var definition = LogExecutingRequest(diagnostics);
        var logEnabled = diagnostics.ShouldLog(definition);
        var needsEventData = diagnostics.NeedsEventData(definition, out var diagnosticSourceEnabled, out var simpleLogEnabled);
        if (!logEnabled && !needsEventData)
        {
            return;
        }

        var text = request.Format(diagnostics.ShouldLogSensitiveData());
        if (logEnabled)
        {
            definition.Log(diagnostics, request.Operation, request.TableDisplay, Environment.NewLine, text);
        }

        if (needsEventData)
        {
            var eventData = new DynamoDbRequestEventData(
                definition, static (d, p) => FormatExecuting(d, (DynamoDbRequestEventData)p),
                request.Operation, request.TableName, request.IndexName, text, TimeSpan.Zero, null, request.PageNumber, null, null);
            diagnostics.DispatchEventData(definition, eventData, diagnosticSourceEnabled, simpleLogEnabled);
        }
    }

    /// <summary>Whether anyone logs or listens to ExecutedRequest (so that its consumed capacity is worth asking for).</summary>
    public static bool IsExecutedRequestObserved(this IDiagnosticsLogger<DbLoggerCategory.Database.Command> diagnostics)
    {
        var definition = LogExecutedRequest(diagnostics);
        return diagnostics.ShouldLog(definition) || diagnostics.NeedsEventData(definition, out _, out _);
    }

    public static void ExecutedRequest(
        this IDiagnosticsLogger<DbLoggerCategory.Database.Command> diagnostics,
        DynamoDbRequest request,
        TimeSpan elapsed,
        double? consumedCapacity,
        int? itemCount)
    {
        var definition = LogExecutedRequest(diagnostics);
        var logEnabled = diagnostics.ShouldLog(definition);
        var needsEventData = diagnostics.NeedsEventData(definition, out var diagnosticSourceEnabled, out var simpleLogEnabled);
        if (!logEnabled && !needsEventData)
        {
            return;
        }

        var text = request.Format(diagnostics.ShouldLogSensitiveData());
        var summary = Summary(elapsed, consumedCapacity, request.PageNumber, itemCount);
        if (logEnabled)
        {
            definition.Log(diagnostics, request.Operation, request.TableDisplay, summary, Environment.NewLine, text);
        }

        if (needsEventData)
        {
            var eventData = new DynamoDbRequestEventData(
                definition, static (d, p) => FormatExecuted(d, (DynamoDbRequestEventData)p),
                request.Operation, request.TableName, request.IndexName, text, elapsed, consumedCapacity, request.PageNumber, itemCount,
                null);
            diagnostics.DispatchEventData(definition, eventData, diagnosticSourceEnabled, simpleLogEnabled);
        }
    }

    public static void RequestFailed(
        this IDiagnosticsLogger<DbLoggerCategory.Database.Command> diagnostics,
        DynamoDbRequest request,
        TimeSpan elapsed,
        Exception exception,
        bool conditionNotMet = false)
    {
        var definition = conditionNotMet ? LogConditionNotMet(diagnostics) : LogRequestFailed(diagnostics);
        var logEnabled = diagnostics.ShouldLog(definition);
        var needsEventData = diagnostics.NeedsEventData(definition, out var diagnosticSourceEnabled, out var simpleLogEnabled);
        if (!logEnabled && !needsEventData)
        {
            return;
        }

        var text = request.Format(diagnostics.ShouldLogSensitiveData());
        var elapsedText = FormatMilliseconds(elapsed);
        if (logEnabled)
        {
            definition.Log(diagnostics, request.Operation, request.TableDisplay, elapsedText, exception.Message, Environment.NewLine, text);
        }

        if (needsEventData)
        {
            var eventData = new DynamoDbRequestEventData(
                definition, static (d, p) => FormatFailed(d, (DynamoDbRequestEventData)p),
                request.Operation, request.TableName, request.IndexName, text, elapsed, null, request.PageNumber, null, exception);
            diagnostics.DispatchEventData(definition, eventData, diagnosticSourceEnabled, simpleLogEnabled);
        }
    }

    public static void RequestRetrying(
        this IDiagnosticsLogger<DbLoggerCategory.Database.Command> diagnostics,
        DynamoDbRequest request,
        string reason,
        int attempt,
        TimeSpan delay)
    {
        var definition = LogRequestRetrying(diagnostics);
        if (diagnostics.ShouldLog(definition))
        {
            definition.Log(
                diagnostics, request.Operation, request.TableDisplay, reason,
                attempt.ToString(CultureInfo.InvariantCulture), FormatMilliseconds(delay));
        }
    }

    public static void TableCreated(this IDiagnosticsLogger<DbLoggerCategory.Database> diagnostics, string tableName, TimeSpan elapsed)
    {
        var definition = LogTableCreated(diagnostics);
        if (diagnostics.ShouldLog(definition))
        {
            definition.Log(diagnostics, tableName, FormatMilliseconds(elapsed));
        }
    }

    public static void TableDeleted(this IDiagnosticsLogger<DbLoggerCategory.Database> diagnostics, string tableName)
    {
        var definition = LogTableDeleted(diagnostics);
        if (diagnostics.ShouldLog(definition))
        {
            definition.Log(diagnostics, tableName);
        }
    }

    public static void ExistingTableDiffers(
        this IDiagnosticsLogger<DbLoggerCategory.Database> diagnostics,
        string tableName,
        IReadOnlyList<string> differences)
    {
        var definition = LogExistingTableDiffers(diagnostics);
        if (diagnostics.ShouldLog(definition))
        {
            definition.Log(diagnostics, tableName, string.Join("; ", differences));
        }
    }

    public static void TableUpdated(
        this IDiagnosticsLogger<DbLoggerCategory.Database> diagnostics,
        string tableName,
        string change,
        TimeSpan elapsed)
    {
        var definition = LogTableUpdated(diagnostics);
        if (diagnostics.ShouldLog(definition))
        {
            definition.Log(diagnostics, tableName, change, FormatMilliseconds(elapsed));
        }
    }

    private static string FormatExecuting(EventDefinitionBase definition, DynamoDbRequestEventData p)
        => ((EventDefinition<string, string, string, string>)definition).GenerateMessage(
            p.Operation, TableDisplay(p.TableName, p.IndexName), Environment.NewLine, p.RequestText);

    private static string FormatExecuted(EventDefinitionBase definition, DynamoDbRequestEventData p)
        => ((EventDefinition<string, string, string, string, string>)definition).GenerateMessage(
            p.Operation, TableDisplay(p.TableName, p.IndexName), Summary(p.Elapsed, p.ConsumedCapacityUnits, p.PageNumber, p.ItemCount),
            Environment.NewLine, p.RequestText);

    private static string FormatFailed(EventDefinitionBase definition, DynamoDbRequestEventData p)
        => ((EventDefinition<string, string, string, string, string, string>)definition).GenerateMessage(
            p.Operation, TableDisplay(p.TableName, p.IndexName), FormatMilliseconds(p.Elapsed), p.Exception?.Message ?? "",
            Environment.NewLine, p.RequestText);

    private static string TableDisplay(string table, string? index) => index == null ? table : table + " INDEX " + index;

    private static string Summary(TimeSpan elapsed, double? consumedCapacity, int? page, int? itemCount)
    {
        var summary = FormatMilliseconds(elapsed);
        if (page != null)
        {
            summary += ", page " + page.Value.ToString(CultureInfo.InvariantCulture);
        }

        if (itemCount != null)
        {
            summary += ", " + itemCount.Value.ToString(CultureInfo.InvariantCulture) + " item(s)";
        }

        summary += consumedCapacity == null
            ? ", consumed capacity not reported"
            : ", " + consumedCapacity.Value.ToString("0.###", CultureInfo.InvariantCulture) + " capacity units";
        return summary;
    }

    private static string FormatMilliseconds(TimeSpan elapsed)
        => elapsed.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";

    private static EventDefinition<string, string, string, string> LogExecutingRequest(IDiagnosticsLogger logger)
        => GetOrCreate(
            ref ((DynamoDbLoggingDefinitions)logger.Definitions).LogExecutingRequest, logger,
            static l => new EventDefinition<string, string, string, string>(
                l.Options, DynamoDbEventId.ExecutingRequest, LogLevel.Debug, "DynamoDbEventId.ExecutingRequest",
                level => LoggerMessage.Define<string, string, string, string>(
                    level, DynamoDbEventId.ExecutingRequest, "Executing DynamoDB {operation} on '{table}'{newLine}{request}")));

    private static EventDefinition<string, string, string, string, string> LogExecutedRequest(IDiagnosticsLogger logger)
        => GetOrCreate(
            ref ((DynamoDbLoggingDefinitions)logger.Definitions).LogExecutedRequest, logger,
            static l => new EventDefinition<string, string, string, string, string>(
                l.Options, DynamoDbEventId.ExecutedRequest, LogLevel.Information, "DynamoDbEventId.ExecutedRequest",
                level => LoggerMessage.Define<string, string, string, string, string>(
                    level, DynamoDbEventId.ExecutedRequest, "Executed DynamoDB {operation} on '{table}' ({summary}){newLine}{request}")));

    private static EventDefinition<string, string, string, string, string, string> LogRequestFailed(IDiagnosticsLogger logger)
        => GetOrCreate(
            ref ((DynamoDbLoggingDefinitions)logger.Definitions).LogRequestFailed, logger,
            static l => new EventDefinition<string, string, string, string, string, string>(
                l.Options, DynamoDbEventId.RequestFailed, LogLevel.Error, "DynamoDbEventId.RequestFailed",
                level => LoggerMessage.Define<string, string, string, string, string, string>(
                    level, DynamoDbEventId.RequestFailed,
                    "Failed DynamoDB {operation} on '{table}' after {elapsed}: {error}{newLine}{request}")));

    private static EventDefinition<string, string, string, string, string, string> LogConditionNotMet(IDiagnosticsLogger logger)
        => GetOrCreate(
            ref ((DynamoDbLoggingDefinitions)logger.Definitions).LogConditionNotMet, logger,
            static l => new EventDefinition<string, string, string, string, string, string>(
                l.Options, DynamoDbEventId.ConditionNotMet, LogLevel.Information, "DynamoDbEventId.ConditionNotMet",
                level => LoggerMessage.Define<string, string, string, string, string, string>(
                    level, DynamoDbEventId.ConditionNotMet,
                    "DynamoDB refused {operation} on '{table}' after {elapsed} because its condition did not hold: {error}{newLine}{request}")));

    private static EventDefinition<string, string, string, string, string> LogRequestRetrying(IDiagnosticsLogger logger)
        => GetOrCreate(
            ref ((DynamoDbLoggingDefinitions)logger.Definitions).LogRequestRetrying, logger,
            static l => new EventDefinition<string, string, string, string, string>(
                l.Options, DynamoDbEventId.RequestRetrying, LogLevel.Warning, "DynamoDbEventId.RequestRetrying",
                level => LoggerMessage.Define<string, string, string, string, string>(
                    level, DynamoDbEventId.RequestRetrying,
                    "Retrying DynamoDB {operation} on '{table}' because {reason} (attempt {attempt}, after {delay})")));

    private static EventDefinition<string, string> LogTableCreated(IDiagnosticsLogger logger)
        => GetOrCreate(
            ref ((DynamoDbLoggingDefinitions)logger.Definitions).LogTableCreated, logger,
            static l => new EventDefinition<string, string>(
                l.Options, DynamoDbEventId.TableCreated, LogLevel.Information, "DynamoDbEventId.TableCreated",
                level => LoggerMessage.Define<string, string>(
                    level, DynamoDbEventId.TableCreated, "Created DynamoDB table '{table}'; it became ACTIVE after {elapsed}")));

    private static EventDefinition<string> LogTableDeleted(IDiagnosticsLogger logger)
        => GetOrCreate(
            ref ((DynamoDbLoggingDefinitions)logger.Definitions).LogTableDeleted, logger,
            static l => new EventDefinition<string>(
                l.Options, DynamoDbEventId.TableDeleted, LogLevel.Information, "DynamoDbEventId.TableDeleted",
                level => LoggerMessage.Define<string>(level, DynamoDbEventId.TableDeleted, "Deleted DynamoDB table '{table}'")));

    private static EventDefinition<string, string> LogExistingTableDiffers(IDiagnosticsLogger logger)
        => GetOrCreate(
            ref ((DynamoDbLoggingDefinitions)logger.Definitions).LogExistingTableDiffers, logger,
            static l => new EventDefinition<string, string>(
                l.Options, DynamoDbEventId.ExistingTableDiffers, LogLevel.Warning, "DynamoDbEventId.ExistingTableDiffers",
                level => LoggerMessage.Define<string, string>(
                    level, DynamoDbEventId.ExistingTableDiffers,
                    "The DynamoDB table '{table}' already exists with the model's key schema and was left unchanged, but it differs "
                    + "from the model: {differences}. Queries that rely on what is missing will fail; update or recreate the table.")));

    private static EventDefinition<string, string, string> LogTableUpdated(IDiagnosticsLogger logger)
        => GetOrCreate(
            ref ((DynamoDbLoggingDefinitions)logger.Definitions).LogTableUpdated, logger,
            static l => new EventDefinition<string, string, string>(
                l.Options, DynamoDbEventId.TableUpdated, LogLevel.Information, "DynamoDbEventId.TableUpdated",
                level => LoggerMessage.Define<string, string, string>(
                    level, DynamoDbEventId.TableUpdated, "Updated DynamoDB table '{table}': {change} ({elapsed})")));

    public static void ImplicitScan(this IDiagnosticsLogger<DbLoggerCategory.Query> diagnostics, string entityType, string table, string reason)
    {
        var definition = LogImplicitScan(diagnostics);
        if (diagnostics.ShouldLog(definition))
        {
            definition.Log(diagnostics, entityType, table, reason);
        }

        if (diagnostics.NeedsEventData(definition, out var diagnosticSourceEnabled, out var simpleLogEnabled))
        {
            var eventData = new DynamoDbImplicitScanEventData(
                definition,
                static (d, p) => ((EventDefinition<string, string, string>)d).GenerateMessage(
                    ((DynamoDbImplicitScanEventData)p).EntityTypeName, ((DynamoDbImplicitScanEventData)p).TableName,
                    ((DynamoDbImplicitScanEventData)p).Reason),
                entityType, table, reason);
            diagnostics.DispatchEventData(definition, eventData, diagnosticSourceEnabled, simpleLogEnabled);
        }
    }

    private static EventDefinition<string, string, string> LogImplicitScan(IDiagnosticsLogger logger)
        => GetOrCreate(
            ref ((DynamoDbLoggingDefinitions)logger.Definitions).LogImplicitScan, logger,
            static l => new EventDefinition<string, string, string>(
                l.Options, DynamoDbEventId.ImplicitScan, LogLevel.Warning, "DynamoDbEventId.ImplicitScan",
                level => LoggerMessage.Define<string, string, string>(
                    level, DynamoDbEventId.ImplicitScan,
                    "The query of '{entityType}' runs as a Scan of '{table}', reading every item of it, because {reason}. Pin a partition "
                    + "key with ==, or call WithScan() on the query to say the Scan is intended.")));

    private static TDefinition GetOrCreate<TDefinition>(
        ref EventDefinitionBase? field,
        IDiagnosticsLogger logger,
        Func<IDiagnosticsLogger, TDefinition> create)
        where TDefinition : EventDefinitionBase
    {
        // Definitions are cached per LoggingDefinitions instance; a race only builds a spare definition.
        var definition = field;
        if (definition == null)
        {
            definition = create(logger);
            definition = Interlocked.CompareExchange(ref field, definition, null) ?? definition;
        }

        return (TDefinition)definition;
    }
}
