using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     How an existing table whose key schema matches the model differs from it: indexes, projections and time to live. One
///     comparison for both callers: <c>EnsureCreatedAsync</c> logs what the model needs and the table lacks
///     (<c>ExistingTableDiffers</c>); <c>EnsureSchemaAsync</c> adds what DynamoDB can add in place (global secondary indexes,
///     time to live) and reports the rest.
/// </summary>
internal sealed class TableSchemaComparison
{
    private readonly List<(GlobalSecondaryIndex Index, string Description)> _missingGlobalIndexes = [];
    private readonly List<DynamoDbSchemaDifference> _differences = [];
    private readonly List<string> _modelNeeds = [];
    private readonly string _tableName;

    private TableSchemaComparison(string tableName) => _tableName = tableName;

    /// <summary>The model's global indexes the table lacks, with their description (both can be created with UpdateTable).</summary>
    public IReadOnlyList<(GlobalSecondaryIndex Index, string Description)> MissingGlobalIndexes => _missingGlobalIndexes;

    /// <summary>The attribute time to live should be enabled on: the model declares it and the table has it disabled.</summary>
    public string? TimeToLiveToEnable { get; private set; }

    /// <summary>What differs and cannot (or should not) be changed in place.</summary>
    public IReadOnlyList<DynamoDbSchemaDifference> Differences => _differences;

    /// <summary>
    ///     What the model declares and the table lacks or has otherwise, in words: what queries relying on the model may miss
    ///     (extra indexes or time to live the model does not declare are not in it).
    /// </summary>
    public IReadOnlyList<string> ModelNeeds => _modelNeeds;

    /// <summary>
    ///     Compares the table with the model's definition. <paramref name="timeToLive" /> is the table's time to live, when
    ///     described; null skips the time to live comparison.
    /// </summary>
    public static TableSchemaComparison Compare(DynamoDbTableDefinition table, TableDescription existing, TimeToLiveDescription? timeToLive)
    {
        var comparison = new TableSchemaComparison(table.TableName);
        comparison.CompareIndexes(table, existing);
        if (timeToLive != null)
        {
            comparison.CompareTimeToLive(table, timeToLive);
        }

        return comparison;
    }

    /// <summary>The key schema in words (<c>Pk HASH S, Sk RANGE N</c>), as DynamoDB and the model declare it.</summary>
    public static string DescribeKeySchema(IEnumerable<KeySchemaElement> keys, IEnumerable<AttributeDefinition> definitions)
        => string.Join(", ", keys.Select(k =>
            $"{k.AttributeName} {k.KeyType?.Value} {definitions.FirstOrDefault(d => d.AttributeName == k.AttributeName)?.AttributeType?.Value}"));

    private void CompareIndexes(DynamoDbTableDefinition table, TableDescription existing)
    {
        var request = table.CreateTableRequest;
        var existingDefinitions = existing.AttributeDefinitions ?? [];
        var existingIndexes = new Dictionary<string, (string Kind, string Keys, Projection? Projection)>(StringComparer.Ordinal);
        foreach (var index in existing.GlobalSecondaryIndexes ?? [])
        {
            existingIndexes[index.IndexName] = ("global", DescribeKeySchema(index.KeySchema ?? [], existingDefinitions), index.Projection);
        }

        foreach (var index in existing.LocalSecondaryIndexes ?? [])
        {
            existingIndexes[index.IndexName] = ("local", DescribeKeySchema(index.KeySchema ?? [], existingDefinitions), index.Projection);
        }

        var expectedIndexes = (request.GlobalSecondaryIndexes ?? [])
            .Select(i => (Name: i.IndexName, Kind: "global", i.KeySchema, i.Projection, Global: (GlobalSecondaryIndex?)i))
            .Concat((request.LocalSecondaryIndexes ?? [])
                .Select(i => (Name: i.IndexName, Kind: "local", i.KeySchema, i.Projection, Global: (GlobalSecondaryIndex?)null)));

        foreach (var expected in expectedIndexes)
        {
            var keys = DescribeKeySchema(expected.KeySchema, request.AttributeDefinitions);
            if (!existingIndexes.Remove(expected.Name, out var actual))
            {
                var missing = $"the {expected.Kind} secondary index '{expected.Name}' ({keys}) is missing";
                _modelNeeds.Add(missing);
                if (expected.Global == null)
                {
                    Differ(DynamoDbSchemaDifferenceKind.LocalSecondaryIndexMissing, expected.Name,
                        missing + "; DynamoDB creates local secondary indexes only with the table (recreate the table to add it)");
                }
                else if (ConflictingAttribute(expected.KeySchema, request.AttributeDefinitions, existingDefinitions) is { } conflict)
                {
                    Differ(DynamoDbSchemaDifferenceKind.AttributeType, expected.Name, missing + $"; it cannot be created: {conflict}");
                }
                else
                {
                    _missingGlobalIndexes.Add((expected.Global, $"the global secondary index '{expected.Name}' ({keys})"));
                }
            }
            else if (actual.Kind != expected.Kind || actual.Keys != keys)
            {
                Need(DynamoDbSchemaDifferenceKind.IndexKeySchema, expected.Name,
                    $"the index '{expected.Name}' is {actual.Kind} on ({actual.Keys}) but the model declares it {expected.Kind} on ({keys})");
            }
            else if (actual.Projection?.ProjectionType?.Value != expected.Projection.ProjectionType.Value)
            {
                Need(DynamoDbSchemaDifferenceKind.IndexProjection, expected.Name,
                    $"the index '{expected.Name}' projects {actual.Projection?.ProjectionType?.Value} but the model declares "
                    + expected.Projection.ProjectionType.Value);
            }
            else if (expected.Projection.ProjectionType == ProjectionType.INCLUDE
                && !(actual.Projection!.NonKeyAttributes ?? []).ToHashSet(StringComparer.Ordinal)
                    .SetEquals(expected.Projection.NonKeyAttributes ?? []))
            {
                Need(DynamoDbSchemaDifferenceKind.IndexProjection, expected.Name,
                    $"the index '{expected.Name}' projects INCLUDE ({string.Join(", ", actual.Projection.NonKeyAttributes ?? [])}) but the "
                    + $"model declares INCLUDE ({string.Join(", ", expected.Projection.NonKeyAttributes ?? [])})");
            }
        }

        foreach (var (name, extra) in existingIndexes.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            Differ(DynamoDbSchemaDifferenceKind.IndexNotInModel, name,
                $"the table has the {extra.Kind} secondary index '{name}' ({extra.Keys}), which the model does not declare");
        }
    }

    private void CompareTimeToLive(DynamoDbTableDefinition table, TimeToLiveDescription timeToLive)
    {
        var status = timeToLive.TimeToLiveStatus;
        var enabled = status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING;
        if (table.TimeToLiveAttribute == null)
        {
            if (enabled)
            {
                Differ(DynamoDbSchemaDifferenceKind.TimeToLive, null,
                    $"time to live is on the attribute '{timeToLive.AttributeName}' but the model declares none");
            }

            return;
        }

        if (enabled && timeToLive.AttributeName == table.TimeToLiveAttribute)
        {
            return;
        }

        var description = $"time to live is {(enabled ? $"on the attribute '{timeToLive.AttributeName}'" : "not enabled")} but the model "
            + $"declares it on '{table.TimeToLiveAttribute}'";
        _modelNeeds.Add(description);
        if (enabled || status == TimeToLiveStatus.DISABLING)
        {
            // DynamoDB moves time to live to another attribute only by disabling it first, which takes up to an hour.
            Differ(DynamoDbSchemaDifferenceKind.TimeToLive, null,
                enabled ? description + "; disable it on the table first" : description + "; it is being disabled, try again later");
        }
        else
        {
            TimeToLiveToEnable = table.TimeToLiveAttribute;
        }
    }

    /// <summary>A key attribute of the index that the table already defines with another type (UpdateTable would refuse it).</summary>
    private static string? ConflictingAttribute(
        IEnumerable<KeySchemaElement> keySchema,
        IReadOnlyList<AttributeDefinition> modelDefinitions,
        IReadOnlyList<AttributeDefinition> tableDefinitions)
    {
        foreach (var key in keySchema)
        {
            var model = modelDefinitions.First(d => d.AttributeName == key.AttributeName).AttributeType;
            if (tableDefinitions.FirstOrDefault(d => d.AttributeName == key.AttributeName) is { } defined && defined.AttributeType != model)
            {
                return $"the table defines the attribute '{key.AttributeName}' as {defined.AttributeType.Value}, the model stores it as {model.Value}";
            }
        }

        return null;
    }

    private void Need(DynamoDbSchemaDifferenceKind kind, string? indexName, string description)
    {
        _modelNeeds.Add(description);
        Differ(kind, indexName, description);
    }

    private void Differ(DynamoDbSchemaDifferenceKind kind, string? indexName, string description)
        => _differences.Add(new DynamoDbSchemaDifference(kind, _tableName, indexName, description));
}
