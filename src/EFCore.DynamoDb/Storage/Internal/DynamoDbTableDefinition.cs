using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Metadata.Internal;
using ModelThroughput = Microsoft.EntityFrameworkCore.Metadata.ProvisionedThroughput;
using EFCore.DynamoDb.Storage.Internal.Codecs;
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

    /// <summary>
    ///     Builds one definition per table of the model (the model is already validated), under the names sent to DynamoDB
    ///     (with the options' <c>TableNamePrefix</c>).
    /// </summary>
    public static IReadOnlyList<DynamoDbTableDefinition> FromModel(IModel model, ITableNameResolver tableNames)
        => model.GetEntityTypes()
            .Where(e => e.BaseType == null && !e.IsOwned())
            .GroupBy(e => e.GetTableName()!, StringComparer.Ordinal)
            .Select(g => Create(Resolve(tableNames, g.Key, g), g.ToList()))
            .ToList();

    private static string Resolve(ITableNameResolver tableNames, string modelTableName, IEnumerable<IEntityType> entityTypes)
    {
        try
        {
            return tableNames.Resolve(modelTableName);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(
                e.Message + $" It is the table of {string.Join(", ", entityTypes.Select(t => "'" + t.DisplayName() + "'"))}.", e);
        }
    }

    private static DynamoDbTableDefinition Create(string tableName, IReadOnlyList<IEntityType> entityTypes)
    {
        var first = entityTypes[0];
        var attributes = new Dictionary<string, ScalarAttributeType>(StringComparer.Ordinal);
        var keySchema = KeySchemaOf(DynamoDbKeyParts.PartitionKey(first)!, DynamoDbKeyParts.SortKey(first), attributes);

        // Entity types sharing a table agree on its throughput (the validator checks); any of them may be the one that sets it.
        var throughput = entityTypes.Select(e => e.GetProvisionedThroughput()).FirstOrDefault(t => t != null);

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
        var tableKeyAttributes = keySchema.Select(k => k.AttributeName).ToList();
        foreach (var index in indexes)
        {
            var indexKeySchema = KeySchemaOf(DynamoDbKeyParts.IndexPartitionKey(index)!, DynamoDbKeyParts.IndexSortKey(index), attributes);
            var projection = ProjectionOf(index, tableKeyAttributes.Concat(indexKeySchema.Select(k => k.AttributeName)).ToHashSet());
            if (index.IsLocalSecondaryIndex())
            {
                (request.LocalSecondaryIndexes ??= []).Add(
                    new LocalSecondaryIndex { IndexName = index.GetIndexName(), KeySchema = indexKeySchema, Projection = projection });
            }
            else
            {
                var indexThroughput = index[DynamoDbAnnotationNames.IndexProvisionedThroughput] as ModelThroughput ?? throughput;
                (request.GlobalSecondaryIndexes ??= []).Add(
                    new GlobalSecondaryIndex
                    {
                        IndexName = index.GetIndexName(),
                        KeySchema = indexKeySchema,
                        Projection = projection,
                        ProvisionedThroughput = indexThroughput == null ? null : ToSdk(indexThroughput),
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
        DynamoDbKeyPart partitionKey,
        DynamoDbKeyPart? sortKey,
        Dictionary<string, ScalarAttributeType> attributes)
    {
        var schema = new List<KeySchemaElement> { Key(partitionKey, KeyType.HASH, attributes) };
        if (sortKey != null)
        {
            schema.Add(Key(sortKey, KeyType.RANGE, attributes));
        }

        return schema;
    }

    private static KeySchemaElement Key(DynamoDbKeyPart part, KeyType keyType, Dictionary<string, ScalarAttributeType> attributes)
    {
        // A key template's text is a string whatever its properties are.
        attributes[part.AttributeName] = part.Template == null ? ScalarTypeOf(part.Property!) : ScalarAttributeType.S;
        return new KeySchemaElement { AttributeName = part.AttributeName, KeyType = keyType };
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

    private static Projection ProjectionOf(IReadOnlyIndex index, IReadOnlySet<string> keyAttributes)
        => index.GetProjection() switch
        {
            DynamoDbIndexProjection.KeysOnly => new Projection { ProjectionType = ProjectionType.KEYS_ONLY },
            DynamoDbIndexProjection.Include => new Projection
            {
                ProjectionType = ProjectionType.INCLUDE,
                // Key attributes are always projected; DynamoDB does not want them listed again.
                NonKeyAttributes = index.GetIncludedProperties()
                    .Select(n => index.DeclaringEntityType.GetRootType().GetDerivedTypesInclusive()
                        .Select(t => t.FindProperty(n)).First(p => p != null)!.GetAttributeName())
                    .Where(a => !keyAttributes.Contains(a))
                    .Distinct(StringComparer.Ordinal)
                    .ToList(),
            },
            _ => new Projection { ProjectionType = ProjectionType.ALL },
        };

    private static Amazon.DynamoDBv2.Model.ProvisionedThroughput ToSdk(ModelThroughput throughput)
        => new() { ReadCapacityUnits = throughput.ReadCapacityUnits, WriteCapacityUnits = throughput.WriteCapacityUnits };
}
