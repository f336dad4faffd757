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

// The validator's table rules: names, placement, time to live, tables shared by several types.
public partial class DynamoDbModelValidator
{
    /// <summary>
    ///     Checks that table-level configuration (table name, keys, throughput, time to live) is made on the root of a
    ///     hierarchy, where it takes effect, and not on a derived or owned type, where it would be silently ignored.
    /// </summary>
    protected virtual void ValidateTableConfigurationPlacement(IEntityType entityType)
    {
        if (entityType.IsOwned())
        {
            var owner = entityType.FindOwnership()!.PrincipalEntityType;
            var tableName = (string?)entityType[DynamoDbAnnotationNames.TableName]
                ?? (string?)entityType[DynamoDbAnnotationNames.RelationalTableName];
            if (tableName != null)
            {
                throw new InvalidOperationException(
                    $"The owned entity type '{entityType.DisplayName()}' is mapped to the table '{tableName}', but owned types are "
                    + $"stored inside their owner's item (in '{owner.GetRootType().GetTableName()}'). Remove ToTable from "
                    + $"'{entityType.DisplayName()}', or make it an entity type of its own.");
            }

            foreach (var (annotation, api) in RootOnlyAnnotations)
            {
                if (entityType[annotation] != null)
                {
                    throw new InvalidOperationException(
                        $"'{api}' is configured on the owned entity type '{entityType.DisplayName()}', but owned types are stored "
                        + $"inside their owner's item and have no table of their own. Configure it on '{owner.DisplayName()}'.");
                }
            }

            return;
        }

        if (entityType.BaseType == null)
        {
            return;
        }

        var root = entityType.GetRootType();
        foreach (var tableAnnotation in new[] { DynamoDbAnnotationNames.TableName, DynamoDbAnnotationNames.RelationalTableName })
        {
            if (entityType[tableAnnotation] is string name && name != root.GetTableName())
            {
                throw new InvalidOperationException(
                    $"The derived entity type '{entityType.DisplayName()}' is mapped to the table '{name}', but a hierarchy is stored "
                    + $"in the table of its root '{root.DisplayName()}' ('{root.GetTableName()}'). Call ToTable on "
                    + $"'{root.DisplayName()}' only.");
            }
        }

        foreach (var (annotation, api) in RootOnlyAnnotations)
        {
            // A copy of the root's own setting (left by an attribute seen before the hierarchy was known) is harmless.
            if (entityType[annotation] is { } value && !Equals(value, root[annotation]))
            {
                throw new InvalidOperationException(
                    $"'{api}' is configured on the derived entity type '{entityType.DisplayName()}'"
                    + (value is string propertyName ? $" for the property '{propertyName}'" : "")
                    + ", but keys, throughput and time "
                    + $"to live belong to the table, which the hierarchy shares: configure them on the root entity type "
                    + $"'{root.DisplayName()}'.");
            }
        }
    }

    private static readonly (string Annotation, string Api)[] RootOnlyAnnotations =
    [
        (DynamoDbAnnotationNames.PartitionKeyProperty, "HasPartitionKey/[PartitionKey]"),
        (DynamoDbAnnotationNames.SortKeyProperty, "HasSortKey/[SortKey]"),
        (DynamoDbAnnotationNames.ProvisionedThroughput, "HasProvisionedThroughput"),
        (DynamoDbAnnotationNames.TimeToLiveProperty, "HasTimeToLive"),
    ];

    /// <summary>
    ///     Checks the characters and length of the table name. The options' <c>TableNamePrefix</c> is not part of the model, so
    ///     the minimum length is checked on the full name, when the table is first used.
    /// </summary>
    protected virtual void ValidateTableName(IEntityType entityType)
    {
        var name = entityType.GetTableName()!;
        if (!TableNameRules.IsValidPart(name) || name.Length > TableNameRules.MaxLength)
        {
            throw new InvalidOperationException(
                $"The table name '{name}' of entity type '{entityType.DisplayName()}' is not a valid DynamoDB table name: it must "
                + $"have {TableNameRules.MinLength} to {TableNameRules.MaxLength} characters (with the table name prefix), each a "
                + "letter, digit, '_', '-' or '.'.");
        }
    }

    /// <summary>
    ///     Checks the time-to-live property: DynamoDB only expires items whose attribute is a number of epoch seconds, so it
    ///     must be a <see cref="DateTime" /> or <see cref="DateTimeOffset" /> (stored as epoch seconds) or an integer.
    /// </summary>
    protected virtual void ValidateTimeToLive(IEntityType entityType)
    {
        if (entityType[DynamoDbAnnotationNames.TimeToLiveProperty] is not string name)
        {
            return;
        }

        var property = entityType.FindProperty(name)
            ?? throw new InvalidOperationException(
                $"The time-to-live property '{name}' of '{entityType.DisplayName()}' is not a property of '{entityType.DisplayName()}'. "
                + "It must be declared on the root entity type of a hierarchy.");

        var converter = property.GetValueConverter();
        if (converter is DateTimeToEpochSecondsConverter or DateTimeOffsetToEpochSecondsConverter)
        {
            return;
        }

        if (converter != null || property.GetProviderClrType() != null)
        {
            if (AttributeTypeOf(property) != DynamoDbAttributeType.N)
            {
                throw new InvalidOperationException(
                    $"The time-to-live property '{entityType.DisplayName()}.{property.Name}' has a value converter that stores it as "
                    + $"DynamoDB type {AttributeTypeOf(property)?.ToString() ?? "(unmapped)"}; DynamoDB's time to live only reads "
                    + "numbers (N) of seconds since the Unix epoch. Convert it to an integer number of epoch seconds.");
            }

            return;
        }

        if (!IntegerTypes.Contains(property.ClrType.UnwrapNullableType()))
        {
            throw new InvalidOperationException(
                $"The time-to-live property '{entityType.DisplayName()}.{property.Name}' is of type "
                + $"'{property.ClrType.ShortDisplayName()}'; DynamoDB's time to live only reads numbers of seconds since the Unix "
                + "epoch. Use a DateTime or DateTimeOffset property (stored as epoch seconds) or an integer property holding epoch "
                + "seconds; nullable types are allowed.");
        }
    }

    /// <summary>
    ///     Checks that entity types sharing a table agree on its key schema, throughput, time to live, discriminator and
    ///     indexes, and that the table stays within DynamoDB's index limits.
    /// </summary>
    protected virtual void ValidateSharedTable(string tableName, IReadOnlyList<IEntityType> entityTypes)
    {
        var first = entityTypes[0];
        var schema = KeySchema(first);
        foreach (var other in entityTypes.Skip(1))
        {
            var otherSchema = KeySchema(other);
            if (otherSchema != schema)
            {
                throw new InvalidOperationException(
                    $"The entity types '{first.DisplayName()}' and '{other.DisplayName()}' share the table '{tableName}' but have "
                    + $"different key schemas ({schema} vs {otherSchema}). Entity types in one table must use the same partition "
                    + "and sort key attribute names and types.");
            }
        }

        var withThroughput = entityTypes.Where(e => e.GetProvisionedThroughput() != null).ToList();
        var differentThroughput = withThroughput.FirstOrDefault(e => e.GetProvisionedThroughput() != withThroughput[0].GetProvisionedThroughput());
        if (differentThroughput != null)
        {
            throw new InvalidOperationException(
                $"The entity types '{withThroughput[0].DisplayName()}' and '{differentThroughput.DisplayName()}' share the table "
                + $"'{tableName}' but configure different provisioned throughput ({Describe(withThroughput[0].GetProvisionedThroughput())} "
                + $"vs {Describe(differentThroughput.GetProvisionedThroughput())}); a table has one.");
        }

        var withTtl = entityTypes.Where(e => e.GetTimeToLiveProperty() != null).ToList();
        var differentTtl = withTtl.FirstOrDefault(
            e => e.GetTimeToLiveProperty()!.GetAttributeName() != withTtl[0].GetTimeToLiveProperty()!.GetAttributeName());
        if (differentTtl != null)
        {
            throw new InvalidOperationException(
                $"The entity types '{withTtl[0].DisplayName()}' and '{differentTtl.DisplayName()}' share the table '{tableName}' but "
                + $"use different time-to-live attributes ('{withTtl[0].GetTimeToLiveProperty()!.GetAttributeName()}' and "
                + $"'{differentTtl.GetTimeToLiveProperty()!.GetAttributeName()}'); a table has one.");
        }

        if (entityTypes.Count > 1)
        {
            ValidateDiscriminators(tableName, entityTypes);
        }

        var tableThroughput = withThroughput.FirstOrDefault()?.GetProvisionedThroughput();
        var indexes = entityTypes.SelectMany(e => e.GetDerivedTypesInclusive()).SelectMany(e => e.GetDeclaredIndexes())
            .GroupBy(i => i.GetIndexName(), StringComparer.Ordinal)
            .ToList();
        foreach (var sameName in indexes)
        {
            var signatures = sameName.Select(IndexSignature).Distinct().ToList();
            if (signatures.Count > 1)
            {
                throw new InvalidOperationException(
                    $"The index '{sameName.Key}' of table '{tableName}' is declared on "
                    + $"{string.Join(" and ", sameName.Select(i => "'" + i.DeclaringEntityType.DisplayName() + "'").Distinct())} "
                    + $"with different definitions ({string.Join(" vs ", signatures)}); an index name denotes one index of the table.");
            }

            var index = sameName.First();
            if (index[DynamoDbAnnotationNames.IndexProvisionedThroughput] != null && tableThroughput == null)
            {
                throw new InvalidOperationException(
                    $"The index '{sameName.Key}' of '{index.DeclaringEntityType.DisplayName()}' configures provisioned throughput, but "
                    + $"the table '{tableName}' uses on-demand capacity. Call HasProvisionedThroughput on the entity type too, or "
                    + "remove it from the index.");
            }
        }

        ValidateKeyAttributeTypes(tableName, entityTypes, indexes.Select(g => g.First()).ToList());
        ValidateKeyPrefixes(tableName, entityTypes);

        var globalCount = indexes.Count(g => !g.First().IsLocalSecondaryIndex());
        var localCount = indexes.Count - globalCount;
        if (globalCount > MaxGlobalSecondaryIndexes)
        {
            throw new InvalidOperationException(
                $"The table '{tableName}' ({Names(entityTypes)}) has {globalCount} global secondary indexes; DynamoDB allows at "
                + $"most {MaxGlobalSecondaryIndexes} per table.");
        }

        if (localCount > MaxLocalSecondaryIndexes)
        {
            throw new InvalidOperationException(
                $"The table '{tableName}' ({Names(entityTypes)}) has {localCount} local secondary indexes; DynamoDB allows at "
                + $"most {MaxLocalSecondaryIndexes} per table.");
        }

        var projected = indexes.Sum(g => g.First().GetIncludedProperties().Count);
        if (projected > MaxProjectedNonKeyAttributes)
        {
            throw new InvalidOperationException(
                $"The indexes of table '{tableName}' project {projected} non-key attributes in total; DynamoDB allows at most "
                + $"{MaxProjectedNonKeyAttributes} summed over all secondary indexes of a table. Project all attributes instead.");
        }
    }

    /// <summary>
    ///     Checks that the entity types sharing a table can be told apart: each has a discriminator, stored in the same
    ///     attribute, and no two types have the same discriminator value.
    /// </summary>
    protected virtual void ValidateDiscriminators(string tableName, IReadOnlyList<IEntityType> entityTypes)
    {
        // Types told apart by their key templates' prefixes need none (ValidateKeyPrefixes checks the prefixes).
        if (entityTypes.All(e => e.FindDiscriminatorProperty() == null && HasKeyTemplates(e)))
        {
            return;
        }

        IProperty? firstDiscriminator = null;
        var values = new Dictionary<object, IEntityType>();
        foreach (var entityType in entityTypes)
        {
            var discriminator = entityType.FindDiscriminatorProperty();
            if (discriminator == null)
            {
                throw new InvalidOperationException(
                    $"The entity type '{entityType.DisplayName()}' shares the table '{tableName}' with {Names(entityTypes.Where(e => e != entityType))} "
                    + $"but has no discriminator, so its queries could not tell its items from theirs. The provider adds a string "
                    + $"discriminator '{DynamoDbTableConvention.DefaultDiscriminatorName}' unless a property of that name is in the way: "
                    + "configure one with HasDiscriminator<string>(\"...\").");
            }

            if (firstDiscriminator == null)
            {
                firstDiscriminator = discriminator;
            }
            else if (discriminator.GetAttributeName() != firstDiscriminator.GetAttributeName())
            {
                throw new InvalidOperationException(
                    $"The entity types '{((IEntityType)firstDiscriminator.DeclaringType).DisplayName()}' and '{entityType.DisplayName()}' "
                    + $"share the table '{tableName}' but store their discriminators in different attributes "
                    + $"('{firstDiscriminator.GetAttributeName()}' and '{discriminator.GetAttributeName()}'); use one attribute name.");
            }

            foreach (var concrete in entityType.GetConcreteDerivedTypesInclusive())
            {
                var value = concrete.GetDiscriminatorValue();
                if (value == null)
                {
                    continue;
                }

                if (values.TryGetValue(value, out var other) && other != concrete)
                {
                    throw new InvalidOperationException(
                        $"The entity types '{other.DisplayName()}' and '{concrete.DisplayName()}' share the table '{tableName}' and have "
                        + $"the same discriminator value '{value}'. Give one of them another value with HasDiscriminator(...).HasValue(...).");
                }

                values[value] = concrete;
            }
        }
    }

    /// <summary>
    ///     Checks that every key attribute of the table and of its indexes has one type: DynamoDB declares each key attribute
    ///     once per table, and rejects a write whose value has another type.
    /// </summary>
    protected virtual void ValidateKeyAttributeTypes(string tableName, IReadOnlyList<IEntityType> entityTypes, IReadOnlyList<IIndex> indexes)
    {
        var keyAttributes = new Dictionary<string, (DynamoDbAttributeType? Type, string Role, IReadOnlyProperty Property)>(StringComparer.Ordinal);
        var root = entityTypes[0];
        AddPart(DynamoDbKeyParts.PartitionKey(root), $"partition key of table '{tableName}'");
        AddPart(DynamoDbKeyParts.SortKey(root), $"sort key of table '{tableName}'");
        foreach (var index in indexes)
        {
            AddPart(DynamoDbKeyParts.IndexPartitionKey(index), $"partition key of index '{index.GetIndexName()}'");
            AddPart(DynamoDbKeyParts.IndexSortKey(index), $"sort key of index '{index.GetIndexName()}'");
        }

        void AddPart(DynamoDbKeyPart? part, string role)
        {
            // A key template's attribute holds text of its own; only a key stored as a property has a property's type.
            if (part?.Property != null)
            {
                Add(part.Property, role);
            }
        }

        foreach (var property in entityTypes.SelectMany(e => e.GetDerivedTypesInclusive()).SelectMany(e => e.GetDeclaredProperties()))
        {
            Check(property, null);
        }

        void Add(IReadOnlyProperty property, string role)
        {
            if (!Check(property, role))
            {
                keyAttributes[property.GetAttributeName()] = (AttributeTypeOf(property), role, property);
            }
        }

        bool Check(IReadOnlyProperty property, string? role)
        {
            if (!keyAttributes.TryGetValue(property.GetAttributeName(), out var known))
            {
                return false;
            }

            var type = AttributeTypeOf(property);
            if (type != known.Type)
            {
                throw new InvalidOperationException(
                    $"'{property.DeclaringType.DisplayName()}.{property.Name}' is stored in the attribute '{property.GetAttributeName()}' "
                    + $"as {type?.ToString() ?? "(unmapped)"}{(role == null ? "" : $" as the {role}")}, but that attribute is the "
                    + $"{known.Role} as {known.Type} (from '{known.Property.DeclaringType.DisplayName()}.{known.Property.Name}'). A key "
                    + "attribute has one type in a table: change one property's type or converter, or store it under another "
                    + "attribute name with HasAttributeName.");
            }

            return true;
        }
    }
}
