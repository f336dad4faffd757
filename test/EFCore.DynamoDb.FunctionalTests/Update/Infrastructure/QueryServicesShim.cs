using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;

namespace EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;

/// <summary>
///     Until the provider registers its query services (the query pipeline is being built on another branch), a context cannot
///     even be created: EF resolves its query compiler with every context. This gives the update tests an internal service
///     provider with placeholder query services that throw if used. It switches itself off as soon as the provider registers
///     the real ones, so it can be deleted then.
/// </summary>
internal static class QueryServicesShim
{
    private static readonly bool Needed = !new ServiceCollection()
        .AddEntityFrameworkDynamoDb()
        .Any(d => d.ServiceType == typeof(IQueryContextFactory));

    private static readonly ConcurrentDictionary<object, IServiceProvider> Providers = new();

    /// <summary>Uses the shim's service provider for <paramref name="key" /> (one per distinct singleton options) when needed.</summary>
    public static void Apply(DbContextOptionsBuilder builder, object key)
    {
        if (!Needed)
        {
            return;
        }

        builder.UseInternalServiceProvider(Providers.GetOrAdd(key, static _ => new ServiceCollection()
            .AddEntityFrameworkDynamoDb()
            .AddScoped<IQueryContextFactory, Unavailable>()
            .AddScoped<IQueryableMethodTranslatingExpressionVisitorFactory, Unavailable>()
            .AddScoped<IShapedQueryCompilingExpressionVisitorFactory, Unavailable>()
            .BuildServiceProvider()));
    }

    private sealed class Unavailable
        : IQueryContextFactory, IQueryableMethodTranslatingExpressionVisitorFactory, IShapedQueryCompilingExpressionVisitorFactory
    {
        public QueryContext Create() => throw NotYet();

        public QueryableMethodTranslatingExpressionVisitor Create(QueryCompilationContext queryCompilationContext) => throw NotYet();

        ShapedQueryCompilingExpressionVisitor IShapedQueryCompilingExpressionVisitorFactory.Create(
            QueryCompilationContext queryCompilationContext)
            => throw NotYet();

        private static NotSupportedException NotYet()
            => new("Queries are not available to the update tests yet; read items with the raw SDK.");
    }
}
