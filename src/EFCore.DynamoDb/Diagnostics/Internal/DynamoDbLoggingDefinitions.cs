using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EFCore.DynamoDb.Diagnostics.Internal;

/// <summary>Cached event definitions of the DynamoDB provider's log messages (EF builds each once per options set).</summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
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
