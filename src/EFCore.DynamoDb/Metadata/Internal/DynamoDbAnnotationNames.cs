using Microsoft.EntityFrameworkCore.Infrastructure;
namespace EFCore.DynamoDb.Metadata.Internal;

/// <summary>Names of the model annotations the DynamoDB provider reads and writes.</summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
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

    /// <summary>The attribute of a partition key built from a key template (single-table design), e.g. <c>PK</c>.</summary>
    public const string PartitionKeyAttribute = Prefix + "PartitionKeyAttribute";

    /// <summary>The key template of the partition key, e.g. <c>CUSTOMER#{0}</c>.</summary>
    public const string PartitionKeyTemplate = Prefix + "PartitionKeyTemplate";

    /// <summary>The properties, in order, of the partition key's template.</summary>
    public const string PartitionKeyProperties = Prefix + "PartitionKeyProperties";

    /// <summary>The attribute of a sort key built from a key template, e.g. <c>SK</c>.</summary>
    public const string SortKeyAttribute = Prefix + "SortKeyAttribute";

    /// <summary>The key template of the sort key, e.g. <c>ORDER#{0:yyyy-MM-dd}#{1}</c>.</summary>
    public const string SortKeyTemplate = Prefix + "SortKeyTemplate";

    /// <summary>The properties, in order, of the sort key's template.</summary>
    public const string SortKeyProperties = Prefix + "SortKeyProperties";

    /// <summary>The attribute of an index partition key built from a key template, e.g. <c>GSI1PK</c>.</summary>
    public const string IndexPartitionKeyAttribute = Prefix + "IndexPartitionKeyAttribute";

    /// <summary>The key template of an index partition key.</summary>
    public const string IndexPartitionKeyTemplate = Prefix + "IndexPartitionKeyTemplate";

    /// <summary>The properties, in order, of an index partition key's template.</summary>
    public const string IndexPartitionKeyProperties = Prefix + "IndexPartitionKeyProperties";

    /// <summary>The attribute of an index sort key built from a key template, e.g. <c>GSI1SK</c>.</summary>
    public const string IndexSortKeyAttribute = Prefix + "IndexSortKeyAttribute";

    /// <summary>The key template of an index sort key.</summary>
    public const string IndexSortKeyTemplate = Prefix + "IndexSortKeyTemplate";

    /// <summary>The properties, in order, of an index sort key's template.</summary>
    public const string IndexSortKeyProperties = Prefix + "IndexSortKeyProperties";
}
