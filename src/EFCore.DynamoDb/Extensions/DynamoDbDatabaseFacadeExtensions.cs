using Amazon.DynamoDBv2;
using EFCore.DynamoDb.Infrastructure.Internal;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>DynamoDB-specific methods on <see cref="DbContext.Database" />.</summary>
public static class DynamoDbDatabaseFacadeExtensions
{
    /// <summary>
    ///     The <see cref="IAmazonDynamoDB" /> client the context uses: shared by every context with the same options, for any
    ///     DynamoDB operation the provider does not cover. Do not dispose it.
    /// </summary>
    public static IAmazonDynamoDB GetDynamoDbClient(this DatabaseFacade databaseFacade)
    {
        ArgumentNullException.ThrowIfNull(databaseFacade);
        if (!databaseFacade.IsDynamoDb())
        {
            throw new InvalidOperationException(
                $"GetDynamoDbClient can only be used when the context uses the DynamoDB provider; this context uses '{databaseFacade.ProviderName}'.");
        }

        return ((IInfrastructure<IServiceProvider>)databaseFacade).GetService<IDynamoDbClientProvider>().Client;
    }

    /// <summary>
    ///     Schema evolution without migrations: creates the model's tables that do not exist (as <c>EnsureCreatedAsync</c>
    ///     does, seed data included) and brings existing ones to the model as far as DynamoDB allows in place: adds the global
    ///     secondary indexes the model declares and the table lacks (one at a time, each backfilled and ACTIVE before the call
    ///     returns) and enables time to live. It never deletes or changes anything else: extra indexes, other projections,
    ///     missing local indexes (DynamoDB creates those only with the table) and a different key schema are reported in the
    ///     result and logged (<c>DynamoDbEventId.ExistingTableDiffers</c>); each change is logged (<c>TableUpdated</c>,
    ///     <c>TableCreated</c>). Running it again when nothing changed in the model changes nothing.
    /// </summary>
    /// <example><code>
    /// var report = await context.Database.EnsureSchemaAsync(cancellationToken);
    /// foreach (var difference in report.Differences) logger.LogWarning("{difference}", difference);
    /// </code></example>
    public static Task<DynamoDbSchemaReport> EnsureSchemaAsync(this DatabaseFacade databaseFacade, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(databaseFacade);
        if (!databaseFacade.IsDynamoDb())
        {
            throw new InvalidOperationException(
                $"EnsureSchemaAsync can only be used when the context uses the DynamoDB provider; this context uses '{databaseFacade.ProviderName}'.");
        }

        return ((DynamoDbDatabaseCreator)((IInfrastructure<IServiceProvider>)databaseFacade).GetService<IDatabaseCreator>())
            .EnsureSchemaAsync(cancellationToken);
    }

    /// <summary>
    ///     The name of the DynamoDB table <typeparamref name="TEntity" /> is stored in, with the context's TableNamePrefix: the
    ///     name to give the raw client or a PartiQL statement.
    /// </summary>
    public static string GetDynamoDbTableName<TEntity>(this DatabaseFacade databaseFacade)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(databaseFacade);
        var services = (IInfrastructure<IServiceProvider>)databaseFacade;
        var entityType = services.GetService<ICurrentDbContext>().Context.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"The type '{typeof(TEntity).Name}' is not an entity type of this context's model.");
        return services.GetService<ITableNameResolver>().Resolve(entityType);
    }

    /// <summary>Whether the context uses the DynamoDB provider.</summary>
    public static bool IsDynamoDb(this DatabaseFacade databaseFacade)
    {
        ArgumentNullException.ThrowIfNull(databaseFacade);
        return databaseFacade.ProviderName == typeof(DynamoDbOptionsExtension).Assembly.GetName().Name;
    }
}
