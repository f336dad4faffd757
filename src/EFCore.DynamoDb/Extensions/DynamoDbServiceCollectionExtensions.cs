using System.ComponentModel;
using EFCore.DynamoDb.Diagnostics.Internal;
using EFCore.DynamoDb.Infrastructure.Internal;
using EFCore.DynamoDb.Metadata.Conventions;
using EFCore.DynamoDb.Query.Internal;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;

// ReSharper disable once CheckNamespace
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the DynamoDB provider's services.</summary>
public static class DynamoDbServiceCollectionExtensions
{
    /// <summary>
    ///     Registers <typeparamref name="TContext" /> with <c>AddDbContext</c>, configured to use DynamoDB at
    ///     <paramref name="serviceUrl" /> (or the regional endpoint configured in <paramref name="dynamoDbOptionsAction" />).
    /// </summary>
    public static IServiceCollection AddDynamoDb<TContext>(
        this IServiceCollection serviceCollection,
        string? serviceUrl,
        Action<DynamoDbDbContextOptionsBuilder>? dynamoDbOptionsAction = null,
        Action<DbContextOptionsBuilder>? optionsAction = null)
        where TContext : DbContext
        => serviceCollection.AddDbContext<TContext>((_, options) =>
        {
            optionsAction?.Invoke(options);
            options.UseDynamoDb(b =>
            {
                if (serviceUrl != null)
                {
                    b.ServiceUrl(serviceUrl);
                }

                dynamoDbOptionsAction?.Invoke(b);
            });
        });

    /// <summary>
    ///     Adds the services the DynamoDB provider needs to an application service provider. Only needed when the application
    ///     builds EF's internal service provider itself (<c>UseInternalServiceProvider</c>); <c>UseDynamoDb</c> calls it otherwise.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static IServiceCollection AddEntityFrameworkDynamoDb(this IServiceCollection serviceCollection)
    {
        ArgumentNullException.ThrowIfNull(serviceCollection);

        var builder = new EntityFrameworkServicesBuilder(serviceCollection)
            .TryAdd<LoggingDefinitions, DynamoDbLoggingDefinitions>()
            .TryAdd<IDatabaseProvider, DatabaseProvider<DynamoDbOptionsExtension>>()
            .TryAdd<IDatabase, DynamoDbDatabase>()
            .TryAdd<Microsoft.EntityFrameworkCore.ValueGeneration.IValueGeneratorSelector, EFCore.DynamoDb.ValueGeneration.Internal.DynamoDbValueGeneratorSelector>()
            .TryAdd<IExecutionStrategyFactory, DynamoDbExecutionStrategyFactory>()
            .TryAdd<IDbContextTransactionManager, DynamoDbTransactionManager>()
            .TryAdd<IModelValidator, DynamoDbModelValidator>()
            .TryAdd<IProviderConventionSetBuilder, DynamoDbConventionSetBuilder>()
            .TryAdd<IDatabaseCreator, DynamoDbDatabaseCreator>()
            .TryAdd<Microsoft.EntityFrameworkCore.Internal.IEntityFinderSource, EFCore.DynamoDb.Internal.DynamoDbEntityFinderSource>()
            .TryAdd<ITypeMappingSource, DynamoDbTypeMappingSource>()
            .TryAdd<IQueryContextFactory, DynamoDbQueryContextFactory>()
            .TryAdd<IQueryCompilationContextFactory, DynamoDbQueryCompilationContextFactory>()
            .TryAdd<IQueryTranslationPreprocessorFactory, DynamoDbQueryTranslationPreprocessorFactory>()
            .TryAdd<IQueryableMethodTranslatingExpressionVisitorFactory, DynamoDbQueryableMethodTranslatingExpressionVisitorFactory>()
            .TryAdd<IShapedQueryCompilingExpressionVisitorFactory, DynamoDbShapedQueryCompilingExpressionVisitorFactory>()
            .TryAdd<ISingletonOptions, IDynamoDbSingletonOptions>(p => p.GetRequiredService<IDynamoDbSingletonOptions>())
            .TryAdd<IResettableService, EFCore.DynamoDb.Update.Internal.ReadItemValues>(
                p => p.GetRequiredService<EFCore.DynamoDb.Update.Internal.ReadItemValues>())
            .TryAdd<IResettableService, EFCore.DynamoDb.Update.Internal.PendingWriteOptions>(
                p => p.GetRequiredService<EFCore.DynamoDb.Update.Internal.PendingWriteOptions>())
            .TryAddProviderSpecificServices(b => b
                .TryAddSingleton<IDynamoDbSingletonOptions, DynamoDbSingletonOptions>()
                .TryAddSingleton<IDynamoDbClientProvider, DynamoDbClientProvider>()
                .TryAddSingleton<TimeProvider>(_ => TimeProvider.System)
                .TryAddScoped<ITableNameResolver, TableNameResolver>()
                .TryAddScoped<EFCore.DynamoDb.Update.Internal.DynamoDbUpdatePipeline, EFCore.DynamoDb.Update.Internal.DynamoDbUpdatePipeline>()
                .TryAddScoped<EFCore.DynamoDb.Update.Internal.ReadItemValues, EFCore.DynamoDb.Update.Internal.ReadItemValues>()
                .TryAddScoped<EFCore.DynamoDb.Update.Internal.PendingWriteOptions, EFCore.DynamoDb.Update.Internal.PendingWriteOptions>()
                .TryAddScoped<IDynamoDbRequestExecutor, DynamoDbRequestExecutor>());

        builder.TryAddCoreServices();
        return serviceCollection;
    }
}
