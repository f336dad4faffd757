using System.Reflection;
using Amazon.DynamoDBv2.DataModel;
using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Metadata.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace EFCore.DynamoDb.Metadata.Conventions;

/// <summary>
///     Maps the AWS SDK's object persistence attributes (<c>Amazon.DynamoDBv2.DataModel</c>), so that classes written for
///     DynamoDBContext map to the same table and attributes without fluent configuration: <c>[DynamoDBTable]</c> (its name and
///     lower camel case attribute names), <c>[DynamoDBHashKey]</c> and <c>[DynamoDBRangeKey]</c> (the keys),
///     <c>[DynamoDBProperty("name")]</c> (the attribute name; <c>StoreAsEpoch</c> stores epoch seconds), <c>[DynamoDBIgnore]</c>,
///     <c>[DynamoDBVersion]</c> (a row version), and the global and local secondary index key attributes (the indexes).
///     Everything is configured at data annotation level, so the fluent API wins. What DynamoDBContext does that EF does not
///     (its property converters, atomic counters, generated timestamps, flattening, polymorphic types) is refused when the model
///     is built, naming the property and what to do instead, rather than read or written in another form.
/// </summary>
internal sealed class DynamoDbContextAttributeConvention : IEntityTypeAddedConvention, IPropertyAddedConvention, IModelFinalizingConvention
{
    public void ProcessEntityTypeAdded(IConventionEntityTypeBuilder entityTypeBuilder, IConventionContext<IConventionEntityTypeBuilder> context)
    {
        var clrType = entityTypeBuilder.Metadata.ClrType;
        if (entityTypeBuilder.Metadata.HasSharedClrType || clrType == typeof(Dictionary<string, object>))
        {
            return;
        }

        if (clrType.GetCustomAttribute<DynamoDBTableAttribute>(inherit: true) is { TableName: { Length: > 0 } tableName })
        {
            entityTypeBuilder.HasAnnotation(DynamoDbAnnotationNames.TableName, tableName, fromDataAnnotation: true);
        }

        foreach (var member in clrType.GetRuntimeProperties().Cast<MemberInfo>().Concat(clrType.GetRuntimeFields()))
        {
            if (member.IsDefined(typeof(DynamoDBIgnoreAttribute), inherit: true))
            {
                entityTypeBuilder.Ignore(member.Name, fromDataAnnotation: true);
            }
        }
    }

    public void ProcessPropertyAdded(IConventionPropertyBuilder propertyBuilder, IConventionContext<IConventionPropertyBuilder> context)
    {
        var member = MemberOf(propertyBuilder.Metadata);
        if (member == null)
        {
            return;
        }

        if (member.GetCustomAttributes<DynamoDBRenamableAttribute>(inherit: true).Select(a => a.AttributeName).FirstOrDefault(n => !string.IsNullOrEmpty(n))
            is { } attributeName)
        {
            propertyBuilder.HasAnnotation(DynamoDbAnnotationNames.AttributeName, attributeName, fromDataAnnotation: true);
        }

        // The exact types: the index key attributes derive from these two.
        var entityType = propertyBuilder.Metadata.DeclaringType as IConventionEntityType;
        if (entityType != null && !entityType.IsOwned())
        {
            var attributes = member.GetCustomAttributes<DynamoDBAttribute>(inherit: true).ToList();
            if (attributes.Any(a => a.GetType() == typeof(DynamoDBHashKeyAttribute)))
            {
                DynamoDbKeyConfiguration.SetPartitionKey(entityType.GetRootType(), propertyBuilder.Metadata.Name, fromDataAnnotation: true);
            }

            if (attributes.Any(a => a.GetType() == typeof(DynamoDBRangeKeyAttribute)))
            {
                DynamoDbKeyConfiguration.SetSortKey(entityType.GetRootType(), propertyBuilder.Metadata.Name, fromDataAnnotation: true);
            }
        }

        if (member.IsDefined(typeof(DynamoDBVersionAttribute), inherit: true))
        {
            // DynamoDBContext's optimistic lock: the provider's row version (1 on insert, +1 per update, checked).
            propertyBuilder.IsConcurrencyToken(true, fromDataAnnotation: true);
            propertyBuilder.ValueGenerated(ValueGenerated.OnAddOrUpdate, fromDataAnnotation: true);
        }

        // StoreAsEpoch is obsolete in the SDK, but classes still carry it and their items hold epoch seconds.
#pragma warning disable CS0618
        if (member.GetCustomAttribute<DynamoDBPropertyAttribute>(inherit: true) is { StoreAsEpoch: true } or { StoreAsEpochLong: true }
#pragma warning restore CS0618
            && DynamoDbTimeToLiveConvention.EpochSecondsConverter(propertyBuilder.Metadata.ClrType.UnwrapNullableType()) is { } converter)
        {
            propertyBuilder.HasConversion(converter, fromDataAnnotation: true);
        }
    }

    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes().Where(e => !e.HasSharedClrType || e.IsOwned()).ToList())
        {
            NameByTableCasing(entityType);
            if (entityType.IsOwned())
            {
                continue;
            }

            RefuseWhatEfDoesNotDo(entityType);
            if (entityType.BaseType == null)
            {
                AddIndexes(entityType);
            }
        }
    }

    /// <summary>
    ///     [DynamoDBTable(..., AttributeCasing = ...)] (or LowerCamelCaseProperties): the names DynamoDBContext gives, the first
    ///     letter in lower case ("URLValue" is "uRLValue", as the SDK writes it). Its legacy casing (and LowerCamelCaseProperties)
    ///     cases the item's own attributes only; CamelCase those of nested maps too.
    /// </summary>
    private static void NameByTableCasing(IConventionEntityType entityType)
    {
        var owner = entityType;
        var depth = 0;
        while (owner.FindOwnership() is { } ownership)
        {
            owner = ownership.PrincipalEntityType;
            depth++;
        }

        if (owner.GetRootType().ClrType.GetCustomAttribute<DynamoDBTableAttribute>(inherit: true) is not { } table)
        {
            return;
        }

        // LowerCamelCaseProperties and LegacyCamelCase are obsolete in the SDK, but tables were written with them.
#pragma warning disable CS0618
        var (itemCasing, nestedCasing) = table.AttributeCasing switch
        {
            CaseMode.CamelCase => ((Func<string, string>?)LowerFirst, (Func<string, string>?)LowerFirst),
            CaseMode.LegacyCamelCase => (LowerFirst, null),
            CaseMode.PascalCase => (null, null),
            _ => table.LowerCamelCaseProperties ? (LowerFirst, null) : (null, null),
        };
#pragma warning restore CS0618

        // DynamoDBContext cases every attribute name, those its attributes give included ([DynamoDBHashKey("Id")] is "id");
        // only a name the model configures explicitly (HasAttributeName) is kept as it is.
        if (depth > 0 && (depth == 1 ? itemCasing : nestedCasing) is { } navigationCasing
            && entityType.FindOwnership()!.PrincipalToDependent is { } navigation)
        {
            Rename(entityType, navigation.Name, navigationCasing);
        }

        NameMembers(entityType, depth == 0 ? itemCasing : nestedCasing, nestedCasing);
    }

    private static void NameMembers(IConventionTypeBase type, Func<string, string>? casing, Func<string, string>? nestedCasing)
    {
        foreach (var property in type.GetDeclaredProperties())
        {
            Rename(property, property.Name, casing);
        }

        foreach (var complexProperty in type.GetDeclaredComplexProperties())
        {
            Rename(complexProperty, complexProperty.Name, casing);
            NameMembers(complexProperty.ComplexType, nestedCasing, nestedCasing);
        }
    }

    private static void Rename(IConventionAnnotatable member, string memberName, Func<string, string>? casing)
    {
        if (casing != null && member.FindAnnotation(DynamoDbAnnotationNames.AttributeName) is var name
            && name?.GetConfigurationSource() != ConfigurationSource.Explicit)
        {
            member.SetAnnotation(DynamoDbAnnotationNames.AttributeName, casing((string?)name?.Value ?? memberName), fromDataAnnotation: true);
        }
    }

    private static MemberInfo? MemberOf(IReadOnlyProperty property) => property.PropertyInfo ?? (MemberInfo?)property.FieldInfo;

    private static string LowerFirst(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The indexes the index key attributes declare: a global index per name, a local one per name.</summary>
    private static void AddIndexes(IConventionEntityType root)
    {
        var global = new Dictionary<string, (List<IConventionProperty> Hash, List<IConventionProperty> Range)>(StringComparer.Ordinal);
        var local = new Dictionary<string, List<IConventionProperty>>(StringComparer.Ordinal);
        foreach (var property in root.GetDerivedTypesInclusive().SelectMany(t => t.GetDeclaredProperties()))
        {
            if (MemberOf(property) is not { } member)
            {
                continue;
            }

            foreach (var attribute in member.GetCustomAttributes<DynamoDBAttribute>(inherit: true))
            {
                switch (attribute)
                {
                    case DynamoDBGlobalSecondaryIndexHashKeyAttribute hash:
                        foreach (var name in hash.IndexNames ?? [])
                        {
                            GlobalOf(name).Hash.Add(property);
                        }

                        break;
                    case DynamoDBGlobalSecondaryIndexRangeKeyAttribute range:
                        foreach (var name in range.IndexNames ?? [])
                        {
                            GlobalOf(name).Range.Add(property);
                        }

                        break;
                    case DynamoDBLocalSecondaryIndexRangeKeyAttribute lsi:
                        foreach (var name in lsi.IndexNames ?? [])
                        {
                            (local.TryGetValue(name, out var list) ? list : local[name] = []).Add(property);
                        }

                        break;
                }
            }
        }

        foreach (var (name, (hash, range)) in global)
        {
            if (hash.Count != 1 || range.Count > 1)
            {
                throw new InvalidOperationException(
                    $"The global secondary index '{name}' of '{root.DisplayName()}' has {hash.Count} [DynamoDBGlobalSecondaryIndexHashKey] and "
                    + $"{range.Count} [DynamoDBGlobalSecondaryIndexRangeKey] properties; the DynamoDB provider maps an index with one partition "
                    + "key property and at most one sort key property. For a key made of several properties, give the index a key "
                    + "template: HasIndex(...).HasPartitionKey(\"GSI1PK\", x => new { x.A, x.B }, \"{0}#{1}\").");
            }

            root.Builder.HasIndex([.. hash.Select(p => p.Name), .. range.Select(p => p.Name)], name, fromDataAnnotation: true);
        }

        foreach (var (name, range) in local)
        {
            if (range.Count != 1 || root.GetPartitionKeyProperty()?.Name is not { } partitionKey)
            {
                throw new InvalidOperationException(
                    $"The local secondary index '{name}' of '{root.DisplayName()}' needs the table's partition key ([DynamoDBHashKey]) and "
                    + $"one [DynamoDBLocalSecondaryIndexRangeKey] property; it has {range.Count}.");
            }

            root.Builder.HasIndex([partitionKey, range[0].Name], name, fromDataAnnotation: true)
                ?.HasAnnotation(DynamoDbAnnotationNames.IsLocalSecondaryIndex, true, fromDataAnnotation: true);
        }

        (List<IConventionProperty> Hash, List<IConventionProperty> Range) GlobalOf(string name)
            => global.TryGetValue(name, out var keys) ? keys : global[name] = ([], []);
    }

    /// <summary>DynamoDBContext behaviours EF does not have: refused, so that nothing is stored in a form nobody asked for.</summary>
    private static void RefuseWhatEfDoesNotDo(IConventionEntityType entityType)
    {
        if (entityType.ClrType.IsDefined(typeof(DynamoDBPolymorphicTypeAttribute), inherit: false))
        {
            throw new InvalidOperationException(
                $"'{entityType.DisplayName()}' has [DynamoDBPolymorphicType], which the DynamoDB provider does not read. Map the derived "
                + "types as an EF inheritance hierarchy with a discriminator: HasDiscriminator<string>(\"<attribute>\").HasValue<T>(\"<value>\").");
        }

        foreach (var property in entityType.GetDeclaredProperties())
        {
            if (MemberOf(property) is not { } member)
            {
                continue;
            }

            var name = $"'{entityType.DisplayName()}.{property.Name}'";
            foreach (var attribute in member.GetCustomAttributes<DynamoDBAttribute>(inherit: true))
            {
                var refusal = attribute switch
                {
                    DynamoDBPropertyAttribute { Converter: { } converter } when property.GetValueConverter() == null
                        => $"uses the DynamoDBContext converter '{converter.Name}', which EF does not run. Give it HasConversion(...) with a "
                        + "converter that stores the same form",
                    DynamoDBAtomicCounterAttribute
                        => "has [DynamoDBAtomicCounter], which EF does not increment on save. Increment it atomically with "
                        + "ExecuteUpdateAsync(s => s.SetProperty(x => x.Counter, x => x.Counter + 1)) and remove the attribute",
                    DynamoDBAutoGeneratedTimestampAttribute
                        => "has [DynamoDBAutoGeneratedTimestamp], which EF does not set. Set the value before SaveChanges (for example in "
                        + "an override of SaveChangesAsync) and remove the attribute",
                    DynamoDBFlattenAttribute
                        => "has [DynamoDBFlatten]; EF stores an owned or complex object as a nested map, not as attributes of the item. "
                        + "Map its members as properties of the entity, or store it as a map and remove the attribute",
                    DynamoDbUpdateBehaviorAttribute
                        => "has [DynamoDbUpdateBehavior], which EF does not apply. Remove the attribute; EF writes only the properties "
                        + "that changed",
                    _ => null,
                };
                if (refusal != null)
                {
                    throw new InvalidOperationException($"The property {name} {refusal}.");
                }
            }
        }
    }
}
