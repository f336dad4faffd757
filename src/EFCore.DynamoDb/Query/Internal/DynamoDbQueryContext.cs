using Microsoft.EntityFrameworkCore.Storage;
using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Update.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>The per-execution state of a query: EF's, plus what sending DynamoDB requests needs.</summary>
internal sealed class DynamoDbQueryContext(
    QueryContextDependencies dependencies,
    IDynamoDbRequestExecutor executor,
    ITableNameResolver tableNames,
    DynamoDbScanBehavior scanBehavior,
    TimeProvider timeProvider,
    ITypeMappingSource typeMappings)
    : QueryContext(dependencies)
{
    /// <summary>
    ///     Converts a value the query was given to the attribute value the provider would store for its CLR type (the values
    ///     of a PartiQL statement's parameters).
    /// </summary>
    public AttributeValue ToAttributeValue(object? value)
        => value == null
            ? new AttributeValue { NULL = true }
            : (typeMappings.FindMapping(value.GetType()) as DynamoDbTypeMapping)?.ToAttributeValue(value)
            ?? throw new InvalidOperationException(
                $"the provider has no DynamoDB form for a value of type '{value.GetType().Name}' on its own (an empty set has none)");

    /// <summary>The clock capacity pacing waits on.</summary>
    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>What a Scan the query did not ask for does (the context's option).</summary>
    public DynamoDbScanBehavior ScanBehavior { get; } = scanBehavior;

    public IDynamoDbRequestExecutor Executor { get; } = executor;

    public ITableNameResolver TableNames { get; } = tableNames;

    /// <summary>Where tracking queries keep the key and token attributes of the items they materialize (for the writes).</summary>
    public ReadItemValues ReadValues => _readValues ??= Context.GetService<ReadItemValues>();

    private ReadItemValues? _readValues;
}
