using Amazon.DynamoDBv2;
using Amazon.Runtime;
using EFCore.DynamoDb.Infrastructure.Internal;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Microsoft.EntityFrameworkCore.Infrastructure;

/// <summary>
///     DynamoDB-specific configuration of a <see cref="DbContext" />, reached through
///     <c>options.UseDynamoDb(o => ...)</c>.
/// </summary>
public class DynamoDbDbContextOptionsBuilder : IDynamoDbDbContextOptionsBuilderInfrastructure
{
    private readonly DbContextOptionsBuilder _optionsBuilder;

    /// <summary>Creates a builder that writes into <paramref name="optionsBuilder" />.</summary>
    public DynamoDbDbContextOptionsBuilder(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        _optionsBuilder = optionsBuilder;
    }

    DbContextOptionsBuilder IDynamoDbDbContextOptionsBuilderInfrastructure.OptionsBuilder => _optionsBuilder;

    /// <summary>
    ///     Sends requests to this endpoint instead of the regional AWS endpoint, e.g. <c>http://localhost:8000</c> for DynamoDB
    ///     Local. A loopback URL with no credentials configured uses placeholder credentials, so no AWS setup is needed.
    /// </summary>
    public virtual DynamoDbDbContextOptionsBuilder ServiceUrl(string serviceUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceUrl);
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"'{serviceUrl}' is not an absolute URL such as 'http://localhost:8000'.", nameof(serviceUrl));
        }

        return WithOption(e => e.WithServiceUrl(serviceUrl));
    }

    /// <summary>Uses the DynamoDB endpoint of this AWS region, e.g. <c>eu-west-1</c>.</summary>
    public virtual DynamoDbDbContextOptionsBuilder Region(string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        if (region.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"'{region}' is not an AWS region name such as 'eu-west-1'.", nameof(region));
        }

        return WithOption(e => e.WithRegion(region));
    }

    /// <summary>Uses these credentials instead of the SDK's default credential chain.</summary>
    public virtual DynamoDbDbContextOptionsBuilder Credentials(AWSCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return WithOption(e => e.WithCredentials(credentials));
    }

    /// <summary>Uses an access key and secret key.</summary>
    public virtual DynamoDbDbContextOptionsBuilder Credentials(string accessKey, string secretKey)
        => Credentials(new BasicAWSCredentials(accessKey, secretKey));

    /// <summary>
    ///     Adjusts the SDK's <see cref="AmazonDynamoDBConfig" /> (timeouts, retry mode, HTTP client factory...) before the
    ///     client is created. Pass a static lambda or a cached delegate: the delegate is part of the options' identity, and
    ///     each distinct delegate gets its own client.
    /// </summary>
    public virtual DynamoDbDbContextOptionsBuilder ConfigureClient(Action<AmazonDynamoDBConfig> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return WithOption(e => e.WithConfigureClient(configure));
    }

    /// <summary>Puts <paramref name="prefix" /> in front of every table name, e.g. <c>"test_"</c> or <c>"prod-"</c>.</summary>
    public virtual DynamoDbDbContextOptionsBuilder TableNamePrefix(string? prefix)
    {
        if (prefix != null && !TableNameRules.IsValidPart(prefix))
        {
            throw new ArgumentException(
                $"The table name prefix '{prefix}' may only contain letters, digits, '_', '-' and '.'.", nameof(prefix));
        }

        return WithOption(e => e.WithTableNamePrefix(prefix));
    }

    /// <summary>Uses the given execution strategy to retry transient failures (throttling, 5xx, dropped connections).</summary>
    public virtual DynamoDbDbContextOptionsBuilder ExecutionStrategy(Func<ExecutionStrategyDependencies, IExecutionStrategy> getExecutionStrategy)
    {
        ArgumentNullException.ThrowIfNull(getExecutionStrategy);
        return WithOption(e => e.WithExecutionStrategyFactory(getExecutionStrategy));
    }

    /// <summary>
    ///     Retries transient failures with exponential backoff and jitter, on top of the AWS SDK's own retries.
    /// </summary>
    /// <param name="maxRetryCount">How many times an operation is retried after the first attempt.</param>
    /// <param name="maxRetryDelay">The longest wait between two attempts.</param>
    public virtual DynamoDbDbContextOptionsBuilder EnableRetryOnFailure(int maxRetryCount = 6, TimeSpan? maxRetryDelay = null)
        => ExecutionStrategy(d => new DynamoDbRetryingExecutionStrategy(d, maxRetryCount, maxRetryDelay ?? TimeSpan.FromSeconds(10)));

    /// <summary>
    ///     How many BatchWriteItem requests one <c>SaveChangesAsync</c> may have in flight at once when
    ///     <see cref="AutoTransactionBehavior.Never" /> is set (default 4).
    /// </summary>
    public virtual DynamoDbDbContextOptionsBuilder MaxBatchWriteParallelism(int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        return WithOption(e => e.WithMaxBatchWriteParallelism(parallelism));
    }

    /// <summary>
    ///     What a query that would run as a Scan without asking for one (with <c>WithScan()</c>) does: with
    ///     <see cref="DynamoDbScanBehavior.Disallow" /> it is refused before any request; by default it runs and logs
    ///     <c>DynamoDbEventId.ImplicitScan</c> as a warning. Read per context, like the table name prefix.
    /// </summary>
    public virtual DynamoDbDbContextOptionsBuilder ScanBehavior(DynamoDbScanBehavior behavior)
    {
        if (!Enum.IsDefined(behavior))
        {
            throw new ArgumentOutOfRangeException(nameof(behavior), behavior, "Use DynamoDbScanBehavior.Allow or DynamoDbScanBehavior.Disallow.");
        }

        return WithOption(e => e.WithScanBehavior(behavior));
    }

    /// <summary>Applies a change to the options extension and stores the new extension in the options builder.</summary>
    protected virtual DynamoDbDbContextOptionsBuilder WithOption(Func<DynamoDbOptionsExtension, DynamoDbOptionsExtension> setAction)
    {
        var extension = _optionsBuilder.Options.FindExtension<DynamoDbOptionsExtension>() ?? new DynamoDbOptionsExtension();
        ((IDbContextOptionsBuilderInfrastructure)_optionsBuilder).AddOrUpdateExtension(setAction(extension));
        return this;
    }
}
