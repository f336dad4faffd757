using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Forum;

/// <summary>
///     How EF's design-time tools make a <see cref="ForumContext" /> (the sample builds its services by hand, which the tools
///     cannot run): `dotnet ef dbcontext optimize` only reads the model, so the endpoint is never contacted.
/// </summary>
public sealed class ForumContextFactory : IDesignTimeDbContextFactory<ForumContext>
{
    public ForumContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<ForumContext>().UseDynamoDb("http://localhost:8000").Options);
}
