namespace EFCore.DynamoDb.FunctionalTests.Diagnostics;

/// <summary>
///     The telemetry tests listen to the provider's ActivitySource and Meter, which are process-wide: they run alone (xunit runs
///     collections that disable parallelization after the parallel ones), so that what they see, and whether anyone listens
///     at all, is theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class TelemetryCollection
{
    public const string Name = "Telemetry";
}
