using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Tests.Metadata;

/// <summary>
///     Builds and validates DynamoDB models without a server: the context points at a closed port, and reading its model
///     (conventions, validation) sends no request.
/// </summary>
internal static class ModelHelpers
{
    public const string NoServer = "http://127.0.0.1:1";

    /// <summary>Builds, finalizes and validates the model <paramref name="configure" /> describes.</summary>
    public static IModel BuildModel(Action<ModelBuilder> configure)
    {
        using var context = new ConfigurableContext(configure);
        return context.Model;
    }

    /// <summary>Asserts that building the model fails, and returns the error to check its message.</summary>
    public static InvalidOperationException AssertInvalid(Action<ModelBuilder> configure)
        => Assert.Throws<InvalidOperationException>(() => BuildModel(configure));

    /// <summary>The CreateTable requests EnsureCreated would send for the model, by table name (with the prefix).</summary>
    public static IReadOnlyDictionary<string, DynamoDbTableDefinition> TableDefinitions(Action<ModelBuilder> configure, string? prefix = null)
    {
        using var context = new ConfigurableContext(configure, prefix);
        return DynamoDbTableDefinition.FromModel(context.Model, context.GetService<ITableNameResolver>())
            .ToDictionary(t => t.TableName);
    }

    /// <summary>A context whose model is built by a callback, and never cached, so each test builds its own.</summary>
    public class ConfigurableContext(Action<ModelBuilder> configure, string? prefix = null) : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
            => optionsBuilder
                .UseDynamoDb(NoServer, o => o.TableNamePrefix(prefix))
                .ReplaceService<IModelCacheKeyFactory, NoCacheKeyFactory>()
                .ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning));

        protected override void OnModelCreating(ModelBuilder modelBuilder) => configure(modelBuilder);
    }

    private sealed class NoCacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) => new();
    }
}
