using Amazon.DynamoDBv2;
using EFCore.DynamoDb.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>The <c>UseDynamoDb</c> methods that select Amazon DynamoDB as a context's database.</summary>
public static class DynamoDbDbContextOptionsExtensions
{
    /// <summary>Uses the DynamoDB endpoint at <paramref name="serviceUrl" />, e.g. DynamoDB Local at <c>http://localhost:8000</c>.</summary>
    public static DbContextOptionsBuilder UseDynamoDb(
        this DbContextOptionsBuilder optionsBuilder,
        string serviceUrl,
        Action<DynamoDbDbContextOptionsBuilder>? dynamoDbOptionsAction = null)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceUrl);
        return optionsBuilder.UseDynamoDb(b =>
        {
            b.ServiceUrl(serviceUrl);
            dynamoDbOptionsAction?.Invoke(b);
        });
    }

    /// <summary>Uses DynamoDB configured by <paramref name="dynamoDbOptionsAction" /> (region, credentials, endpoint...).</summary>
    public static DbContextOptionsBuilder UseDynamoDb(
        this DbContextOptionsBuilder optionsBuilder,
        Action<DynamoDbDbContextOptionsBuilder> dynamoDbOptionsAction)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        ArgumentNullException.ThrowIfNull(dynamoDbOptionsAction);

        var extension = optionsBuilder.Options.FindExtension<DynamoDbOptionsExtension>() ?? new DynamoDbOptionsExtension();
        ((IDbContextOptionsBuilderInfrastructure)optionsBuilder).AddOrUpdateExtension(extension);
        dynamoDbOptionsAction(new DynamoDbDbContextOptionsBuilder(optionsBuilder));
        return optionsBuilder;
    }

    /// <summary>Uses an <see cref="IAmazonDynamoDB" /> client the application created and owns.</summary>
    public static DbContextOptionsBuilder UseDynamoDb(
        this DbContextOptionsBuilder optionsBuilder,
        IAmazonDynamoDB client,
        Action<DynamoDbDbContextOptionsBuilder>? dynamoDbOptionsAction = null)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        ArgumentNullException.ThrowIfNull(client);

        var extension = (optionsBuilder.Options.FindExtension<DynamoDbOptionsExtension>() ?? new DynamoDbOptionsExtension())
            .WithClient(client);
        ((IDbContextOptionsBuilderInfrastructure)optionsBuilder).AddOrUpdateExtension(extension);
        dynamoDbOptionsAction?.Invoke(new DynamoDbDbContextOptionsBuilder(optionsBuilder));
        return optionsBuilder;
    }

    /// <inheritdoc cref="UseDynamoDb(DbContextOptionsBuilder, string, Action{DynamoDbDbContextOptionsBuilder})" />
    public static DbContextOptionsBuilder<TContext> UseDynamoDb<TContext>(
        this DbContextOptionsBuilder<TContext> optionsBuilder,
        string serviceUrl,
        Action<DynamoDbDbContextOptionsBuilder>? dynamoDbOptionsAction = null)
        where TContext : DbContext
        => (DbContextOptionsBuilder<TContext>)UseDynamoDb((DbContextOptionsBuilder)optionsBuilder, serviceUrl, dynamoDbOptionsAction);

    /// <inheritdoc cref="UseDynamoDb(DbContextOptionsBuilder, Action{DynamoDbDbContextOptionsBuilder})" />
    public static DbContextOptionsBuilder<TContext> UseDynamoDb<TContext>(
        this DbContextOptionsBuilder<TContext> optionsBuilder,
        Action<DynamoDbDbContextOptionsBuilder> dynamoDbOptionsAction)
        where TContext : DbContext
        => (DbContextOptionsBuilder<TContext>)UseDynamoDb((DbContextOptionsBuilder)optionsBuilder, dynamoDbOptionsAction);

    /// <inheritdoc cref="UseDynamoDb(DbContextOptionsBuilder, IAmazonDynamoDB, Action{DynamoDbDbContextOptionsBuilder})" />
    public static DbContextOptionsBuilder<TContext> UseDynamoDb<TContext>(
        this DbContextOptionsBuilder<TContext> optionsBuilder,
        IAmazonDynamoDB client,
        Action<DynamoDbDbContextOptionsBuilder>? dynamoDbOptionsAction = null)
        where TContext : DbContext
        => (DbContextOptionsBuilder<TContext>)UseDynamoDb((DbContextOptionsBuilder)optionsBuilder, client, dynamoDbOptionsAction);
}
