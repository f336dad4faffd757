using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Metadata.Conventions;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Infrastructure.Internal;

/// <summary>
///     Rejects models DynamoDB cannot store, with messages that name the entity type and property, before any request is sent.
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public partial class DynamoDbModelValidator : ModelValidator
{
    /// <summary>DynamoDB's limit of global secondary indexes per table.</summary>
    public const int MaxGlobalSecondaryIndexes = 20;

    /// <summary>DynamoDB's limit of local secondary indexes per table.</summary>
    public const int MaxLocalSecondaryIndexes = 5;

    /// <summary>DynamoDB's limit of projected non-key attributes, summed over all secondary indexes of a table.</summary>
    public const int MaxProjectedNonKeyAttributes = 100;

    private static readonly HashSet<Type> IntegerTypes =
    [
        typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
    ];

    /// <summary>Creates the validator.</summary>
    public DynamoDbModelValidator(ModelValidatorDependencies dependencies)
        : base(dependencies)
    {
    }

    /// <inheritdoc />
    public override void Validate(IModel model, IDiagnosticsLogger<DbLoggerCategory.Model.Validation> logger)
    {
        // Our own rules first: they explain DynamoDB's constraints better than EF's generic messages would.
        foreach (var entityType in model.GetEntityTypes())
        {
            ValidateTableConfigurationPlacement(entityType);
        }

        var roots = model.GetEntityTypes().Where(e => e.BaseType == null && !e.IsOwned()).ToList();
        foreach (var entityType in roots)
        {
            ValidateKeys(entityType);
            ValidateTableName(entityType);
            ValidateTimeToLive(entityType);
        }

        foreach (var entityType in model.GetEntityTypes())
        {
            ValidateIndexes(entityType);
        }

        foreach (var table in roots.GroupBy(e => e.GetTableName()!, StringComparer.Ordinal))
        {
            ValidateSharedTable(table.Key, table.ToList());
        }

        foreach (var entityType in model.GetEntityTypes())
        {
            ValidateRowVersions(entityType);
            ValidateDateTimeFormats(entityType);
            ValidateAttributeNames(entityType);
            ValidateElementConverters(entityType);
            ValidateWritableShape(entityType);
        }

        base.Validate(model, logger);
    }

    /// <summary>Whether a property is written to the item (owner keys and ordinals of owned types are not).</summary>
    internal static bool IsStored(IProperty property)
    {
        if (property.DeclaringType is IEntityType entityType && entityType.IsOwned())
        {
            return !property.IsKey() && !property.IsForeignKey();
        }

        // A property a key template holds lives in the key attribute's text, not in an attribute of its own.
        return !DynamoDbKeyParts.IsTemplateComponent(property);
    }

    private static DynamoDbAttributeType? AttributeTypeOf(IReadOnlyProperty property)
        => (property.FindTypeMapping() as DynamoDbTypeMapping)?.AttributeType;

    private static string Names(IEnumerable<IReadOnlyProperty> properties)
        => string.Join(", ", properties.Select(p => "'" + p.Name + "'"));

    private static string Names(IEnumerable<IReadOnlyEntityType> entityTypes)
        => string.Join(", ", entityTypes.Select(e => "'" + e.DisplayName() + "'"));

    private static string Describe(ProvisionedThroughput? throughput)
        => throughput == null ? "on-demand" : $"read {throughput.ReadCapacityUnits}, write {throughput.WriteCapacityUnits}";

    private static string KeySchema(IEntityType entityType)
    {
        var pk = DynamoDbKeyParts.PartitionKey(entityType);
        var sk = DynamoDbKeyParts.SortKey(entityType);
        return $"partition key {pk?.AttributeName} ({KeyTypeOf(pk)})"
            + (sk == null ? ", no sort key" : $", sort key {sk.AttributeName} ({KeyTypeOf(sk)})");
    }

    /// <summary>The type a key attribute is stored as: its property's, or S for a key template's text.</summary>
    private static string KeyTypeOf(DynamoDbKeyPart? part)
        => part == null ? "?" : part.Template != null ? "S" : AttributeTypeOf(part.Property!)?.ToString() ?? "?";

    private static string IndexSignature(IIndex index)
        => (index.IsLocalSecondaryIndex() ? "local" : "global")
            + " on " + index.GetIndexPartitionKeyAttributeName()
            + (index.GetIndexSortKeyAttributeName() is { } sortKey ? "/" + sortKey : "")
            + ", projection " + index.GetProjection()
            + (index.GetIncludedProperties() is { Count: > 0 } included
                ? " (" + string.Join(", ", included.Select(n => index.DeclaringEntityType.FindProperty(n)?.GetAttributeName() ?? n)) + ")"
                : "")
            + (index[DynamoDbAnnotationNames.IndexProvisionedThroughput] is ProvisionedThroughput throughput
                ? ", " + Describe(throughput)
                : "");
}
