using Microsoft.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore.Infrastructure;

/// <summary>Gives extension packages access to the underlying <see cref="DbContextOptionsBuilder" />.</summary>
public interface IDynamoDbDbContextOptionsBuilderInfrastructure
{
    /// <summary>The options builder being configured.</summary>
    DbContextOptionsBuilder OptionsBuilder { get; }
}
