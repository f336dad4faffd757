using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.Infrastructure;

/// <summary>Gives extension packages access to the underlying <see cref="DbContextOptionsBuilder" />.</summary>
public interface IDynamoDbDbContextOptionsBuilderInfrastructure
{
    /// <summary>The options builder being configured.</summary>
    DbContextOptionsBuilder OptionsBuilder { get; }
}
