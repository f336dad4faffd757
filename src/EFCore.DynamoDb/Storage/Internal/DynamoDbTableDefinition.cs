using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Metadata;
using ModelThroughput = EFCore.DynamoDb.Metadata.ProvisionedThroughput;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>
///     What the model says one DynamoDB table looks like: key schema, attribute definitions, secondary indexes with their
///     projections, billing and time to live. Several entity types may contribute to one table.
/// </summary>
internal sealed class DynamoDbTableDefinition
{
    private DynamoDbTableDefinition(
        string tableName,
        IReadOnlyList<IEntityType> entityTypes,
        CreateTableRequest request,
        string? timeToLiveAttribute)
    {
        TableName = tableName;
        EntityTypes = entityTypes;
        CreateTableRequest = request;
        TimeToLiveAttribute = timeToLiveAttribute;
    }

    public string TableName { get; }

    public IReadOnlyList<IEntityType> EntityTypes { get; }

    /// <summary>The request that creates the table as the model declares it.</summary>
    public CreateTableRequest CreateTableRequest { get; }

    public string? TimeToLiveAttribute { get; }

    public IReadOnlyList<KeySchemaElement> KeySchema => CreateTableRequest.KeySchema;

    /// <summary>Builds one definition per table of the model (the model is already validated).</summary>
    public static IReadOnlyList<DynamoDbTableDefinition> FromModel(IModel model, ITableNameResolver tableNames)
        => model.GetEntityTypes()
            .Where(e => e.BaseType == null && !e.IsOwned())
            .GroupBy(e => e.GetTableName()!, StringComparer.Ordinal)
            .Select(g => Create(tableNames.Resolve(g.Key), g.ToList()))
            .ToList();

    private static DynamoDbTableDefinition Create(string tableName, IReadOnlyList<IEntityType> entityTypes)
    {
        var first = entityTypes[0];
        var attributes = new Dictionary<string, ScalarAttributeType>(StringComparer.Ordinal);
        var keySchema = KeySchemaOf(first.GetPartitionKeyProperty()!, first.GetSortKeyProperty(), attributes);
        var throughput = first.GetProvisionedThroughput();

        var request = new CreateTableRequest
        {
            TableName = tableName,
            KeySchema = keySchema,
            BillingMode = throughput == null ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED,
            ProvisionedThroughput = throughput == null ? null : ToSdk(throughput),
        };

        var indexes = entityTypes.SelectMany(e => e.GetDerivedTypesInclusive()).SelectMany(e => e.GetDeclaredIndexes())
            .GroupBy(i => i.GetIndexName(), StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(i => i.GetIndexName(), StringComparer.Ordinal);
        foreach (var index in indexes)
        {
            var indexKeySchema = KeySchemaOf(index.GetIndexPartitionKeyProperty()!, index.GetIndexSortKeyProperty(), attributes);
            var projection = ProjectionOf(index);
            if (index.IsLocalSecondaryIndex())
            {
                (request.LocalSecondaryIndexes ??= []).Add(
                    new LocalSecondaryIndex { IndexName = index.GetIndexName(), KeySchema = indexKeySchema, Projection = projection });
            }
            else
            {
                (request.GlobalSecondaryIndexes ??= []).Add(
                    new GlobalSecondaryIndex
                    {
                        IndexName = index.GetIndexName(),
                        KeySchema = indexKeySchema,
                        Projection = projection,
                        ProvisionedThroughput = throughput == null ? null : ToSdk(index.GetProvisionedThroughput()!),
                    });
            }
        }

        request.AttributeDefinitions = attributes
            .Select(a => new AttributeDefinition { AttributeName = a.Key, AttributeType = a.Value })
            .ToList();

        var ttl = entityTypes.Select(e => e.GetTimeToLiveProperty()?.GetAttributeName()).FirstOrDefault(n => n != null);
        return new DynamoDbTableDefinition(tableName, entityTypes, request, ttl);
    }

    private static List<KeySchemaElement> KeySchemaOf(
        IReadOnlyProperty partitionKey,
        IReadOnlyProperty? sortKey,
        Dictionary<string, ScalarAttributeType> attributes)
    {
        var schema = new List<KeySchemaElement> { Key(partitionKey, KeyType.HASH, attributes) };
        if (sortKey != null)
        {
            schema.Add(Key(sortKey, KeyType.RANGE, attributes));
        }

        return schema;
    }

    private static KeySchemaElement Key(IReadOnlyProperty property, KeyType keyType, Dictionary<string, ScalarAttributeType> attributes)
    {
        var name = property.GetAttributeName();
        attributes[name] = ScalarTypeOf(property);
        return new KeySchemaElement { AttributeName = name, KeyType = keyType };
    }

    internal static ScalarAttributeType ScalarTypeOf(IReadOnlyProperty property)
        => ((DynamoDbTypeMapping)property.GetTypeMapping()).AttributeType switch
        {
            DynamoDbAttributeType.S => ScalarAttributeType.S,
            DynamoDbAttributeType.N => ScalarAttributeType.N,
            DynamoDbAttributeType.B => ScalarAttributeType.B,
            var other => throw new InvalidOperationException(
                $"The key property '{property.DeclaringType.DisplayName()}.{property.Name}' is stored as {other}, not S, N or B."),
        };

    private static Projection ProjectionOf(IReadOnlyIndex index)
        => index.GetProjection() switch
        {
            DynamoDbIndexProjection.KeysOnly => new Projection { ProjectionType = ProjectionType.KEYS_ONLY },
            DynamoDbIndexProjection.Include => new Projection
            {
                ProjectionType = ProjectionType.INCLUDE,
                NonKeyAttributes = index.GetIncludedProperties()
                    .Select(n => index.DeclaringEntityType.GetRootType().GetDerivedTypesInclusive()
                        .Select(t => t.FindProperty(n)).First(p => p != null)!.GetAttributeName())
                    .ToList(),
            },
            _ => new Projection { ProjectionType = ProjectionType.ALL },
        };

    private static Amazon.DynamoDBv2.Model.ProvisionedThroughput ToSdk(ModelThroughput throughput)
        => new() { ReadCapacityUnits = throughput.ReadCapacityUnits, WriteCapacityUnits = throughput.WriteCapacityUnits };
}
