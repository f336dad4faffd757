using EFCore.DynamoDb.Update.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Update;

namespace EFCore.DynamoDb.Storage.Internal;

/// <summary>EF's database service: SaveChanges turns the change tracker's entries into DynamoDB writes.</summary>
/// <remarks>
///     This is an internal API that supports the Entity Framework Core infrastructure and not subject to the same
///     compatibility standards as public APIs. It may be changed or removed without notice in any release. You should only
///     use it directly in your code with extreme caution and knowing that doing so can result in application failures when
///     updating to a new Entity Framework Core release.
/// </remarks>
[EntityFrameworkInternal]
public class DynamoDbDatabase : Database
{
    private readonly DynamoDbUpdatePipeline _updatePipeline;

    /// <summary>Creates the database service.</summary>
    public DynamoDbDatabase(DatabaseDependencies dependencies, DynamoDbUpdatePipeline updatePipeline)
        : base(dependencies)
        => _updatePipeline = updatePipeline;

    /// <inheritdoc />
    public override int SaveChanges(IList<IUpdateEntry> entries)
        => throw new InvalidOperationException(
            "The DynamoDB provider does not support synchronous I/O: the AWS SDK is asynchronous on .NET. Use 'SaveChangesAsync' instead.");

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(IList<IUpdateEntry> entries, CancellationToken cancellationToken = default)
        => _updatePipeline.SaveChangesAsync(entries, cancellationToken);

    internal Task SeedAsync(IList<IUpdateEntry> entries, CancellationToken cancellationToken)
        => _updatePipeline.SeedAsync(entries, cancellationToken);
}
