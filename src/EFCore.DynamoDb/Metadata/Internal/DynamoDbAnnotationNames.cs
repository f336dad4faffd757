namespace EFCore.DynamoDb.Metadata.Internal;

/// <summary>Names of the model annotations the DynamoDB provider reads and writes.</summary>
public static class DynamoDbAnnotationNames
{
    /// <summary>The prefix of every DynamoDB annotation.</summary>
    public const string Prefix = "DynamoDb:";

    /// <summary>The table an entity type is stored in.</summary>
    public const string TableName = Prefix + "TableName";

    /// <summary>EF's relational table name annotation, honored so that a relational <c>ToTable</c> works too.</summary>
    public const string RelationalTableName = "Relational:TableName";

    /// <summary>The name of the partition key property.</summary>
    public const string PartitionKeyProperty = Prefix + "PartitionKeyProperty";

    /// <summary>The name of the sort key property.</summary>
    public const string SortKeyProperty = Prefix + "SortKeyProperty";

    /// <summary>The stored attribute name of a property or navigation.</summary>
    public const string AttributeName = Prefix + "AttributeName";

    /// <summary>
    ///     The .NET format string dates and times are stored in: on a property (<c>HasDateTimeFormat</c>), or on the model as
    ///     the default of every DateTime and DateTimeOffset property.
    /// </summary>
    public const string DateTimeFormat = Prefix + "DateTimeFormat";

    /// <summary>
    ///     On the model: the DynamoDBContext conversion schema ("V1" or "V2") whose storage forms the model writes
    ///     (<c>UseDynamoDbContextConventions</c>).
    /// </summary>
    public const string DynamoDbContextConventions = Prefix + "DynamoDbContextConventions";

    /// <summary>On the model: the <c>DynamoDbNamingConvention</c> attribute names follow unless configured.</summary>
    public const string AttributeNamingConvention = Prefix + "AttributeNamingConvention";

    /// <summary>The table's provisioned throughput (<see cref="ProvisionedThroughput" />); absent means on-demand.</summary>
    public const string ProvisionedThroughput = Prefix + "ProvisionedThroughput";

    /// <summary>The name of the property whose attribute is the table's time-to-live attribute.</summary>
    public const string TimeToLiveProperty = Prefix + "TimeToLiveProperty";

    /// <summary>Whether an index is a local secondary index.</summary>
    public const string IsLocalSecondaryIndex = Prefix + "IsLocalSecondaryIndex";

    /// <summary>The projection type of an index.</summary>
    public const string IndexProjection = Prefix + "IndexProjection";

    /// <summary>The extra properties an INCLUDE projection copies into the index.</summary>
    public const string IndexIncludedProperties = Prefix + "IndexIncludedProperties";

    /// <summary>The provisioned throughput of a global secondary index.</summary>
    public const string IndexProvisionedThroughput = Prefix + "IndexProvisionedThroughput";
}
