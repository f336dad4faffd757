using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EFCore.DynamoDb.Diagnostics.Internal;

/// <summary>Cached event definitions of the DynamoDB provider's log messages (EF builds each once per options set).</summary>
public class DynamoDbLoggingDefinitions : LoggingDefinitions
{
    /// <summary>Executing request.</summary>
    public EventDefinitionBase? LogExecutingRequest;

    /// <summary>Executed request.</summary>
    public EventDefinitionBase? LogExecutedRequest;

    /// <summary>Failed request.</summary>
    public EventDefinitionBase? LogRequestFailed;

    /// <summary>Retrying request.</summary>
    public EventDefinitionBase? LogRequestRetrying;

    /// <summary>Condition not met.</summary>
    public EventDefinitionBase? LogConditionNotMet;

    /// <summary>Table created.</summary>
    public EventDefinitionBase? LogTableCreated;

    /// <summary>Table deleted.</summary>
    public EventDefinitionBase? LogTableDeleted;

    /// <summary>Existing table differs from the model.</summary>
    public EventDefinitionBase? LogExistingTableDiffers;

    /// <summary>Existing table updated to match the model.</summary>
    public EventDefinitionBase? LogTableUpdated;

    /// <summary>Implicit scan.</summary>
    public EventDefinitionBase? LogImplicitScan;
}
