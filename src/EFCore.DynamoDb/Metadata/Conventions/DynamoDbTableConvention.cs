using System.Reflection;
using Amazon.DynamoDBv2.DataModel;
using EFCore.DynamoDb.Metadata.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace EFCore.DynamoDb.Metadata.Conventions;

/// <summary>
///     Finishes the DynamoDB mapping once the model is complete: names each table after its <c>DbSet</c> property unless
///     configured, keeps EF's primary key equal to the partition and sort key, and gives every entity type that shares a
///     table with another a discriminator so that each type's queries only see its own items.
/// </summary>
public class DynamoDbTableConvention : IModelFinalizingConvention
{
    /// <summary>The default name of the discriminator attribute of entity types sharing a table.</summary>
    public const string DefaultDiscriminatorName = "Discriminator";

    /// <summary>Creates the convention.</summary>
    public DynamoDbTableConvention(ProviderConventionSetBuilderDependencies dependencies) => Dependencies = dependencies;

    /// <summary>The convention's dependencies.</summary>
    protected virtual ProviderConventionSetBuilderDependencies Dependencies { get; }

    /// <inheritdoc />
    public virtual void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        var setNames = Dependencies.SetFinder.FindSets(Dependencies.ContextType)
            .GroupBy(s => s.Type)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single().Name);

        var roots = modelBuilder.Metadata.GetEntityTypes()
            .Where(e => e.BaseType == null && !e.IsOwned() && !e.HasSharedClrType)
            .ToList();

        foreach (var entityType in roots)
        {
            if (entityType[DynamoDbAnnotationNames.TableName] == null
                && entityType[DynamoDbAnnotationNames.RelationalTableName] == null
                && setNames.TryGetValue(entityType.ClrType, out var setName))
            {
                entityType.Builder.HasAnnotation(DynamoDbAnnotationNames.TableName, setName);
            }

            DynamoDbKeyConfiguration.ApplyPrimaryKey(entityType);
        }

        foreach (var table in roots.GroupBy(e => e.GetTableName(), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            // A single-table design whose types all have key templates with literal prefixes needs no discriminator: the
            // prefixes tell the items apart (the model validator checks that they do), as in tables written by other tools.
            if (table.All(e => e.FindDiscriminatorProperty() == null && Query.Internal.Translation.DiscriminatorFilters.KeyPrefix(e) != null))
            {
                continue;
            }

            RefuseImplicitDiscriminatorOfDynamoDbContextClasses(table.Key, [.. table]);
            foreach (var entityType in table)
            {
                AddDiscriminator(entityType);
            }
        }
    }

    /// <summary>
    ///     Classes written for DynamoDBContext that share a table by their <c>[DynamoDBTable]</c> (AWS's ProductCatalog holds
    ///     books and bicycles) are not told apart by DynamoDBContext: its items carry no discriminator. The one the provider
    ///     would add is missing from every item DynamoDBContext or other tools wrote, so EF would not see them: refused.
    /// </summary>
    private static void RefuseImplicitDiscriminatorOfDynamoDbContextClasses(string? tableName, IReadOnlyList<IConventionEntityType> table)
    {
        if (table.Any(e => e.FindDiscriminatorProperty() != null)
            || !table.All(e => e.ClrType.GetCustomAttribute<DynamoDBTableAttribute>(inherit: true) != null))
        {
            return;
        }

        var names = string.Join("', '", table.Select(e => e.DisplayName()));
        throw new InvalidOperationException(
            $"The entity types '{names}' share the table '{tableName}' through [DynamoDBTable], but their items carry no "
            + "discriminator (DynamoDBContext writes none): the 'Discriminator' attribute the provider would add is missing from the "
            + "items DynamoDBContext and other tools write, and EF would not see them. Map each class in a DbContext of its own (its "
            + "queries then read every item of the table, as DynamoDBContext's do), or tell the items apart by an attribute they "
            + $"hold: modelBuilder.Entity<{table[0].ClrType.Name}>().HasDiscriminator<string>(\"<property whose attribute tells the types "
            + "apart>\").HasValue(\"<its value for the type>\"), and the same for each type.");
    }

    private static void AddDiscriminator(IConventionEntityType entityType)
    {
        // A hierarchy already has EF's discriminator; a lone type sharing a table gets one holding its own name.
        if (entityType.FindDiscriminatorProperty() != null)
        {
            return;
        }

        var discriminator = entityType.Builder.HasDiscriminator(DefaultDiscriminatorName, typeof(string));
        discriminator?.HasValue(entityType, entityType.ShortName());
    }
}
