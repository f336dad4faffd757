using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Metadata;
using EFCore.DynamoDb.Metadata.Conventions;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.ValueConversion.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Infrastructure.Internal;

/// <summary>
///     Rejects models DynamoDB cannot store, with messages that name the entity type and property, before any request is sent.
/// </summary>
public class DynamoDbModelValidator : ModelValidator
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
            ValidateAttributeNames(entityType);
            ValidateWritableShape(entityType);
        }

        base.Validate(model, logger);
    }

    /// <inheritdoc />
    protected override void ValidateNoMutableKeys(IModel model, IDiagnosticsLogger<DbLoggerCategory.Model.Validation> logger)
    {
        // The ordinal key of an owned collection element is rewritten on every save of its owner; other keys are immutable.
        foreach (var entityType in model.GetEntityTypes())
        {
            foreach (var key in entityType.GetDeclaredKeys())
            {
                var mutable = key.Properties.FirstOrDefault(p => p.ValueGenerated.HasFlag(ValueGenerated.OnUpdate)
                    && !DynamoDbValueGenerationConvention.IsOwnedCollectionOrdinal(entityType, p));
                if (mutable != null)
                {
                    throw new InvalidOperationException(
                        $"The key property '{entityType.DisplayName()}.{mutable.Name}' is configured to be generated on update, "
                        + "but DynamoDB keys cannot change once an item is written.");
                }
            }
        }
    }

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
    ///     Checks that the entity type has a partition key and at most a sort key, that they agree with EF's key, and that
    ///     both are stored as S, N or B.
    /// </summary>
    protected virtual void ValidateKeys(IEntityType entityType)
    {
        var type = entityType.DisplayName();
        var partitionKeyName = entityType.GetPartitionKeyPropertyName();
        var sortKeyName = entityType.GetSortKeyPropertyName();
        if (partitionKeyName != null && entityType.FindProperty(partitionKeyName) == null)
        {
            throw new InvalidOperationException(
                $"The partition key of '{type}' is configured as '{partitionKeyName}', which is not a property of '{type}'. Key "
                + $"properties must be declared on the root entity type of a hierarchy.");
        }

        if (sortKeyName != null && entityType.FindProperty(sortKeyName) == null)
        {
            throw new InvalidOperationException(
                $"The sort key of '{type}' is configured as '{sortKeyName}', which is not a property of '{type}'. Key "
                + $"properties must be declared on the root entity type of a hierarchy.");
        }

        var key = entityType.FindPrimaryKey();
        if (key == null && entityType is IConventionEntityType { IsKeyless: true })
        {
            throw new InvalidOperationException(
                $"The entity type '{type}' is keyless (HasNoKey or [Keyless]), but every DynamoDB item has a key. Remove "
                + $"HasNoKey/[Keyless] and give '{type}' a partition key with HasPartitionKey(...) or [PartitionKey].");
        }

        if (key == null && sortKeyName != null && partitionKeyName == null)
        {
            throw new InvalidOperationException(
                $"The entity type '{type}' has the sort key '{sortKeyName}' but no partition key. A DynamoDB table needs a "
                + $"partition key; call HasPartitionKey on '{type}' or mark a property with [PartitionKey].");
        }

        var partitionKey = entityType.GetPartitionKeyProperty();
        if (key == null || partitionKey == null)
        {
            throw new InvalidOperationException(
                $"The entity type '{type}' has no partition key. Every DynamoDB item needs one: call HasPartitionKey(...) "
                + $"(and HasSortKey(...)) on '{type}', mark a property with [PartitionKey], or configure a key with HasKey or [Key].");
        }

        if (key.Properties.Count > 2)
        {
            throw new InvalidOperationException(
                $"The key of '{type}' has {key.Properties.Count} properties ({Names(key.Properties)}); a DynamoDB key is a "
                + "partition key and at most one sort key.");
        }

        var sortKey = entityType.GetSortKeyProperty();
        if (sortKey != null && sortKey == partitionKey)
        {
            throw new InvalidOperationException(
                $"The property '{type}.{sortKey.Name}' cannot be both the partition key and the sort key.");
        }

        IReadOnlyList<IProperty> dynamoKey = sortKey == null ? [partitionKey] : [partitionKey, sortKey];
        if (!key.Properties.SequenceEqual(dynamoKey))
        {
            throw new InvalidOperationException(
                $"The DynamoDB key of '{type}' (partition key '{partitionKey.Name}'"
                + (sortKey == null ? ", no sort key" : $", sort key '{sortKey.Name}'")
                + $") does not match its EF key ({Names(key.Properties)}) configured with HasKey, [Key] or [PrimaryKey]. Configure the "
                + "key one way: HasPartitionKey/HasSortKey (or [PartitionKey]/[SortKey]) alone, or HasKey with the partition key "
                + "first and the sort key second.");
        }

        ValidateKeyAttributeType(entityType, partitionKey, "partition key");
        if (sortKey != null)
        {
            ValidateKeyAttributeType(entityType, sortKey, "sort key");
        }
    }

    /// <summary>Checks that a key property is stored as S, N or B.</summary>
    protected virtual void ValidateKeyAttributeType(IEntityType entityType, IProperty property, string role)
    {
        var attributeType = AttributeTypeOf(property);
        if (attributeType is not (DynamoDbAttributeType.S or DynamoDbAttributeType.N or DynamoDbAttributeType.B))
        {
            throw new InvalidOperationException(
                $"The {role} property '{entityType.DisplayName()}.{property.Name}' of type '{property.ClrType.ShortDisplayName()}' "
                + $"is stored as DynamoDB type {attributeType?.ToString() ?? "(unmapped)"}; key attributes must be strings (S), "
                + "numbers (N) or binary (B). Use a string, number, Guid, date or byte[] property, or a value converter to one.");
        }
    }

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
        Add(root.GetPartitionKeyProperty()!, $"partition key of table '{tableName}'");
        if (root.GetSortKeyProperty() is { } sortKey)
        {
            Add(sortKey, $"sort key of table '{tableName}'");
        }

        foreach (var index in indexes)
        {
            Add(index.GetIndexPartitionKeyProperty()!, $"partition key of index '{index.GetIndexName()}'");
            if (index.GetIndexSortKeyProperty() is { } indexSortKey)
            {
                Add(indexSortKey, $"sort key of index '{index.GetIndexName()}'");
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

    /// <summary>Checks each secondary index: its key properties, name, projection, throughput and (for local ones) the table key.</summary>
    protected virtual void ValidateIndexes(IEntityType entityType)
    {
        foreach (var index in entityType.GetDeclaredIndexes())
        {
            var name = index.GetIndexName();
            var type = entityType.DisplayName();
            if (entityType.IsOwned())
            {
                throw new InvalidOperationException(
                    $"The index '{name}' is declared on the owned type '{type}'; DynamoDB indexes can only use "
                    + "top-level attributes of an item. Declare it on the owner, on a property of the owner.");
            }

            var root = entityType.GetRootType();
            var hierarchy = root.GetDerivedTypesInclusive().ToHashSet();
            foreach (var property in index.Properties)
            {
                if (property.DeclaringType is not IEntityType declaring || !hierarchy.Contains(declaring))
                {
                    throw new InvalidOperationException(
                        $"The index '{name}' of '{type}' names the property '{property.DeclaringType.DisplayName()}."
                        + $"{property.Name}', which is not a property of '{type}' or its hierarchy.");
                }
            }

            if (!TableNameRules.IsValidName(name))
            {
                throw new InvalidOperationException(
                    $"The index name '{name}' of '{type}' (on {Names(index.Properties)}) is not a valid DynamoDB index name: it must "
                    + $"have {TableNameRules.MinLength} to {TableNameRules.MaxLength} characters, each a letter, digit, '_', '-' or '.'.");
            }

            if (index.IsUnique)
            {
                throw new InvalidOperationException(
                    $"The index '{name}' of '{type}' on {Names(index.Properties)} is unique, but DynamoDB secondary indexes cannot "
                    + "enforce uniqueness. Remove IsUnique().");
            }

            if (index.Properties.Count > 2)
            {
                throw new InvalidOperationException(
                    $"The index '{name}' of '{type}' has {index.Properties.Count} properties ({Names(index.Properties)}); a DynamoDB "
                    + "index has a partition key and at most one sort key.");
            }

            if (index.IsLocalSecondaryIndex())
            {
                ValidateLocalIndex(entityType, index);
            }

            var indexPartitionKey = (IProperty)index.GetIndexPartitionKeyProperty()!;
            ValidateKeyAttributeType(entityType, indexPartitionKey, $"partition key of index '{name}'");
            var indexSortKey = (IProperty?)index.GetIndexSortKeyProperty();
            if (indexSortKey != null)
            {
                ValidateKeyAttributeType(entityType, indexSortKey, $"sort key of index '{name}'");
                if (indexSortKey == indexPartitionKey)
                {
                    throw new InvalidOperationException(
                        $"The property '{indexSortKey.DeclaringType.DisplayName()}.{indexSortKey.Name}' cannot be both the partition "
                        + $"key and the sort key of index '{name}' of '{type}'.");
                }
            }

            ValidateProjection(entityType, index);
        }
    }

    /// <summary>Checks a local secondary index: the table's partition key, a table with a sort key, its own sort key.</summary>
    protected virtual void ValidateLocalIndex(IEntityType entityType, IIndex index)
    {
        var name = index.GetIndexName();
        var type = entityType.DisplayName();
        var root = entityType.GetRootType();
        var tablePartitionKey = root.GetPartitionKeyProperty();
        if (index.Properties.Count == 2 && index.Properties[0] != tablePartitionKey)
        {
            throw new InvalidOperationException(
                $"The local secondary index '{name}' of '{type}' has the partition key '{index.Properties[0].Name}', but a local index "
                + $"must use the table's partition key '{tablePartitionKey?.Name}'. Make '{tablePartitionKey?.Name}' its first "
                + "property, or make it a global index (remove IsLocalSecondaryIndex).");
        }

        var tableSortKey = root.GetSortKeyProperty();
        if (tableSortKey == null)
        {
            throw new InvalidOperationException(
                $"The local secondary index '{name}' of '{type}' is on a table without a sort key; DynamoDB only allows local "
                + $"indexes on tables with a sort key. Give '{root.DisplayName()}' a sort key, or make '{name}' a global index.");
        }

        var sortKey = index.GetIndexSortKeyProperty();
        if (sortKey != null && sortKey.GetAttributeName() == tableSortKey.GetAttributeName())
        {
            throw new InvalidOperationException(
                $"The local secondary index '{name}' of '{type}' has the sort key '{sortKey.Name}', which is already the table's sort "
                + "key; a local index must sort by another attribute.");
        }

        if (index[DynamoDbAnnotationNames.IndexProvisionedThroughput] != null)
        {
            throw new InvalidOperationException(
                $"The local secondary index '{name}' of '{type}' configures provisioned throughput, but local indexes use the "
                + "table's capacity. Remove HasProvisionedThroughput from the index.");
        }
    }

    /// <summary>Checks an index's projection: INCLUDE names at least one property, and only scalar properties of its hierarchy.</summary>
    protected virtual void ValidateProjection(IEntityType entityType, IIndex index)
    {
        var name = index.GetIndexName();
        var type = entityType.DisplayName();
        var declared = DynamoDbIndexExtensions.GetDeclaredProjection(index);
        var included = index[DynamoDbAnnotationNames.IndexIncludedProperties] as string[] ?? [];
        if (declared == DynamoDbIndexProjection.Include && included.Length == 0)
        {
            throw new InvalidOperationException(
                $"The index '{name}' of '{type}' has an INCLUDE projection but includes no property. Name them with "
                + "IncludeProperties(...), or choose HasProjection(DynamoDbIndexProjection.KeysOnly).");
        }

        if (declared != DynamoDbIndexProjection.Include && included.Length > 0)
        {
            throw new InvalidOperationException(
                $"The index '{name}' of '{type}' includes the properties {string.Join(", ", included.Select(n => "'" + n + "'"))} but its "
                + $"projection is {declared}; included properties need the Include projection.");
        }

        var hierarchy = entityType.GetRootType().GetDerivedTypesInclusive().ToList();
        foreach (var propertyName in included)
        {
            if (hierarchy.All(t => t.FindProperty(propertyName) == null))
            {
                var owner = entityType.Model.GetEntityTypes().FirstOrDefault(t => !hierarchy.Contains(t) && t.FindDeclaredProperty(propertyName) != null);
                throw new InvalidOperationException(
                    $"The index '{name}' of '{type}' includes the property '{propertyName}', which is not a property of '{type}' or "
                    + "its hierarchy" + (owner == null ? "" : $" (it is a property of '{owner.DisplayName()}')")
                    + ". An index can only project attributes of the items of its own entity type.");
            }
        }
    }

    /// <summary>Checks that row versions (PynamoDB's VersionAttribute) are integers the provider can increment.</summary>
    protected virtual void ValidateRowVersions(IEntityType entityType)
    {
        foreach (var property in entityType.GetDeclaredProperties())
        {
            if (property.IsConcurrencyToken && property.ValueGenerated == ValueGenerated.OnAddOrUpdate
                && !DynamoDbValueGenerationConvention.IsOwnedCollectionOrdinal(entityType, property)
                && property.ClrType.UnwrapNullableType() is var type && type != typeof(int) && type != typeof(long))
            {
                throw new InvalidOperationException(
                    $"The row version property '{entityType.DisplayName()}.{property.Name}' is of type '{property.ClrType.ShortDisplayName()}'; "
                    + "DynamoDB row versions are numbers the provider increments on each update, so use an int or long property.");
            }
        }
    }

    /// <summary>Checks that no two properties of one item (or one nested map) are stored in the same attribute.</summary>
    protected virtual void ValidateAttributeNames(IEntityType entityType)
    {
        if (entityType.BaseType != null)
        {
            return;
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in entityType.GetDerivedTypesInclusive())
        {
            foreach (var property in type.GetDeclaredProperties().Where(IsStored))
            {
                Check(property.GetAttributeName(), type.DisplayName() + "." + property.Name);
            }

            foreach (var complexProperty in type.GetDeclaredComplexProperties())
            {
                Check(complexProperty.GetAttributeName(), type.DisplayName() + "." + complexProperty.Name);
            }

            foreach (var navigation in type.GetDeclaredNavigations().Where(n => n.TargetEntityType.IsOwned() && !n.IsOnDependent))
            {
                Check(navigation.TargetEntityType.GetContainingAttributeName()!, type.DisplayName() + "." + navigation.Name);
            }
        }

        void Check(string attributeName, string member)
        {
            if (attributeName.Length == 0)
            {
                throw new InvalidOperationException($"'{member}' is mapped to an empty attribute name; DynamoDB attribute names cannot be empty.");
            }

            if (seen.TryGetValue(attributeName, out var other) && other != member)
            {
                throw new InvalidOperationException(
                    $"'{member}' and '{other}' are both stored in the attribute '{attributeName}'. Give one of them another name with "
                    + "HasAttributeName.");
            }

            seen[attributeName] = member;
        }
    }

    /// <summary>
    ///     Checks what the update pipeline cannot write faithfully: concurrency tokens inside an owner's item (an item is
    ///     written as a whole, so only the owner's tokens are checked) and complex collections (not read back yet).
    /// </summary>
    protected virtual void ValidateWritableShape(IEntityType entityType)
    {
        if (entityType.IsOwned()
            && entityType.GetDeclaredProperties().FirstOrDefault(p => p.IsConcurrencyToken) is { } ownedToken)
        {
            throw new InvalidOperationException(
                $"The property '{entityType.DisplayName()}.{ownedToken.Name}' is a concurrency token of an owned type. An owned entity is "
                + $"stored inside its owner's item and written with it, so DynamoDB checks concurrency per item: configure the token "
                + $"(or IsRowVersion()) on the owner '{entityType.FindOwnership()!.PrincipalEntityType.GetRootType().DisplayName()}'.");
        }

        foreach (var complexProperty in entityType.GetDeclaredComplexProperties())
        {
            CheckComplexProperty(complexProperty);
        }

        void CheckComplexProperty(IComplexProperty complexProperty)
        {
            var name = $"{complexProperty.DeclaringType.DisplayName()}.{complexProperty.Name}";
            if (complexProperty.IsCollection)
            {
                throw new InvalidOperationException(
                    $"The complex collection '{name}' cannot be mapped: the DynamoDB provider does not read complex collections "
                    + "back yet, so their data would be lost on the next query. Map the elements as an owned collection (OwnsMany), "
                    + "which is stored the same way (a list of maps).");
            }

            if (complexProperty.ComplexType.GetProperties().FirstOrDefault(p => p.IsConcurrencyToken) is { } complexToken)
            {
                throw new InvalidOperationException(
                    $"The property '{complexProperty.ComplexType.DisplayName()}.{complexToken.Name}' is a concurrency token inside the "
                    + $"complex property '{name}'. DynamoDB checks concurrency per item: configure the token on the entity type "
                    + $"'{entityType.GetRootType().DisplayName()}'.");
            }

            foreach (var nested in complexProperty.ComplexType.GetComplexProperties())
            {
                CheckComplexProperty(nested);
            }
        }
    }

    /// <summary>Whether a property is written to the item (owner keys and ordinals of owned types are not).</summary>
    internal static bool IsStored(IProperty property)
    {
        if (property.DeclaringType is IEntityType entityType && entityType.IsOwned())
        {
            return !property.IsKey() && !property.IsForeignKey();
        }

        return true;
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
        var pk = entityType.GetPartitionKeyProperty();
        var sk = entityType.GetSortKeyProperty();
        return $"partition key {pk?.GetAttributeName()} ({(pk == null ? "?" : AttributeTypeOf(pk))})"
            + (sk == null ? ", no sort key" : $", sort key {sk.GetAttributeName()} ({AttributeTypeOf(sk)})");
    }

    private static string IndexSignature(IIndex index)
        => (index.IsLocalSecondaryIndex() ? "local" : "global")
            + " on " + index.GetIndexPartitionKeyProperty()?.GetAttributeName()
            + (index.GetIndexSortKeyProperty() is { } sortKey ? "/" + sortKey.GetAttributeName() : "")
            + ", projection " + index.GetProjection()
            + (index.GetIncludedProperties() is { Count: > 0 } included
                ? " (" + string.Join(", ", included.Select(n => index.DeclaringEntityType.FindProperty(n)?.GetAttributeName() ?? n)) + ")"
                : "")
            + (index[DynamoDbAnnotationNames.IndexProvisionedThroughput] is ProvisionedThroughput throughput
                ? ", " + Describe(throughput)
                : "");
}
