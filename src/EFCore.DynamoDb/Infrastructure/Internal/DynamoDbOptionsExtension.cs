using Microsoft.EntityFrameworkCore;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EFCore.DynamoDb.Infrastructure.Internal;

/// <summary>
///     The options of one DynamoDB <see cref="Microsoft.EntityFrameworkCore.DbContext" /> configuration. Every option that changes
///     the client or the provider's services takes part in <see cref="ExtensionInfo.GetServiceProviderHashCode" />, so each distinct
///     set of options gets its own internal service provider and therefore its own long-lived <see cref="IAmazonDynamoDB" />.
///     The table name prefix does not: it is read per context, so many prefixes share one client.
/// </summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public class DynamoDbOptionsExtension : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    /// <summary>Creates an empty options extension.</summary>
    public DynamoDbOptionsExtension()
    {
    }

    /// <summary>Copy constructor used by the With* methods: options extensions are immutable.</summary>
    protected DynamoDbOptionsExtension(DynamoDbOptionsExtension copyFrom)
    {
        ServiceUrl = copyFrom.ServiceUrl;
        Region = copyFrom.Region;
        Credentials = copyFrom.Credentials;
        ConfigureClient = copyFrom.ConfigureClient;
        Client = copyFrom.Client;
        TableNamePrefix = copyFrom.TableNamePrefix;
        ExecutionStrategyFactory = copyFrom.ExecutionStrategyFactory;
        MaxBatchWriteParallelism = copyFrom.MaxBatchWriteParallelism;
        ScanBehavior = copyFrom.ScanBehavior;
    }

    /// <inheritdoc />
    public virtual DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    /// <summary>The endpoint, e.g. <c>http://localhost:8000</c> for DynamoDB Local.</summary>
    public virtual string? ServiceUrl { get; private set; }

    /// <summary>The AWS region system name, e.g. <c>eu-west-1</c>.</summary>
    public virtual string? Region { get; private set; }

    /// <summary>Explicit credentials; when null the SDK's default credential chain is used (placeholders for loopback URLs).</summary>
    public virtual AWSCredentials? Credentials { get; private set; }

    /// <summary>A callback that adjusts the SDK client configuration before the client is created.</summary>
    public virtual Action<AmazonDynamoDBConfig>? ConfigureClient { get; private set; }

    /// <summary>A client supplied by the application; the provider never disposes it.</summary>
    public virtual IAmazonDynamoDB? Client { get; private set; }

    /// <summary>A prefix put in front of every table name of the model.</summary>
    public virtual string? TableNamePrefix { get; private set; }

    /// <summary>A factory for the execution strategy used to retry transient failures.</summary>
    public virtual Func<ExecutionStrategyDependencies, IExecutionStrategy>? ExecutionStrategyFactory { get; private set; }

    /// <summary>How many BatchWriteItem requests one SaveChanges may have in flight at once.</summary>
    public virtual int? MaxBatchWriteParallelism { get; private set; }

    /// <summary>What a query that would scan without asking for it does (read per context).</summary>
    public virtual DynamoDbScanBehavior ScanBehavior { get; private set; }

    /// <summary>Returns a copy with the given scan behavior.</summary>
    public virtual DynamoDbOptionsExtension WithScanBehavior(DynamoDbScanBehavior behavior) => With(e => e.ScanBehavior = behavior);

    /// <summary>Returns a copy with the given service URL.</summary>
    public virtual DynamoDbOptionsExtension WithServiceUrl(string? serviceUrl) => With(e => e.ServiceUrl = serviceUrl);

    /// <summary>Returns a copy with the given region.</summary>
    public virtual DynamoDbOptionsExtension WithRegion(string? region) => With(e => e.Region = region);

    /// <summary>Returns a copy with the given credentials.</summary>
    public virtual DynamoDbOptionsExtension WithCredentials(AWSCredentials? credentials) => With(e => e.Credentials = credentials);

    /// <summary>Returns a copy with the given client configuration callback.</summary>
    public virtual DynamoDbOptionsExtension WithConfigureClient(Action<AmazonDynamoDBConfig>? configure)
        => With(e => e.ConfigureClient = configure);

    /// <summary>Returns a copy that uses the given client.</summary>
    public virtual DynamoDbOptionsExtension WithClient(IAmazonDynamoDB? client) => With(e => e.Client = client);

    /// <summary>Returns a copy with the given table name prefix.</summary>
    public virtual DynamoDbOptionsExtension WithTableNamePrefix(string? prefix) => With(e => e.TableNamePrefix = prefix);

    /// <summary>Returns a copy with the given execution strategy factory.</summary>
    public virtual DynamoDbOptionsExtension WithExecutionStrategyFactory(Func<ExecutionStrategyDependencies, IExecutionStrategy>? factory)
        => With(e => e.ExecutionStrategyFactory = factory);

    /// <summary>Returns a copy with the given batch write parallelism.</summary>
    public virtual DynamoDbOptionsExtension WithMaxBatchWriteParallelism(int? parallelism)
        => With(e => e.MaxBatchWriteParallelism = parallelism);

    /// <summary>Creates a copy of this extension.</summary>
    protected virtual DynamoDbOptionsExtension Clone() => new(this);

    private DynamoDbOptionsExtension With(Action<DynamoDbOptionsExtension> change)
    {
        var clone = Clone();
        change(clone);
        return clone;
    }

    /// <inheritdoc />
    public virtual void ApplyServices(IServiceCollection services) => services.AddEntityFrameworkDynamoDb();

    /// <inheritdoc />
    public virtual void Validate(IDbContextOptions options)
    {
        if (Client != null && (ServiceUrl != null || Region != null || Credentials != null || ConfigureClient != null))
        {
            throw new InvalidOperationException(
                "UseDynamoDb was given an IAmazonDynamoDB client and also ServiceUrl, Region, Credentials or ConfigureClient. "
                + "Configure the client you pass in, or let the provider create one, not both.");
        }
    }

    private sealed class ExtensionInfo(DynamoDbOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        private int? _serviceProviderHash;
        private string? _logFragment;

        private new DynamoDbOptionsExtension Extension => (DynamoDbOptionsExtension)base.Extension;

        public override bool IsDatabaseProvider => true;

        // The execution strategy, like the table name prefix, is read from each context's own options (the strategy factory
        // is a scoped service), so it takes no part here: EnableRetryOnFailure in OnConfiguring makes a new delegate for every
        // context instance, and each would otherwise cost a new internal service provider and SDK client.
        public override int GetServiceProviderHashCode()
            => _serviceProviderHash ??= HashCode.Combine(
                HashCode.Combine(Extension.ServiceUrl, Extension.Region, Extension.Credentials, Extension.ConfigureClient),
                HashCode.Combine(Extension.Client, Extension.MaxBatchWriteParallelism));

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other)
            => other is ExtensionInfo otherInfo
                && Extension.ServiceUrl == otherInfo.Extension.ServiceUrl
                && Extension.Region == otherInfo.Extension.Region
                && ReferenceEquals(Extension.Credentials, otherInfo.Extension.Credentials)
                && Equals(Extension.ConfigureClient, otherInfo.Extension.ConfigureClient)
                && ReferenceEquals(Extension.Client, otherInfo.Extension.Client)
                && Extension.MaxBatchWriteParallelism == otherInfo.Extension.MaxBatchWriteParallelism;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
            debugInfo["DynamoDb:ServiceUrl"] = (Extension.ServiceUrl?.GetHashCode() ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            debugInfo["DynamoDb:Region"] = (Extension.Region?.GetHashCode() ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public override string LogFragment
        {
            get
            {
                if (_logFragment == null)
                {
                    var builder = new StringBuilder();
                    if (Extension.ServiceUrl != null)
                    {
                        builder.Append("ServiceUrl=").Append(Extension.ServiceUrl).Append(' ');
                    }

                    if (Extension.Region != null)
                    {
                        builder.Append("Region=").Append(Extension.Region).Append(' ');
                    }

                    if (Extension.Client != null)
                    {
                        builder.Append("Client=external ");
                    }

                    if (Extension.TableNamePrefix != null)
                    {
                        builder.Append("TableNamePrefix=").Append(Extension.TableNamePrefix).Append(' ');
                    }

                    _logFragment = builder.ToString();
                }

                return _logFragment;
            }
        }
    }
}
