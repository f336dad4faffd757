using EFCore.DynamoDb.Query.Internal.Includes;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

// EF's constructor with "precompiling" is marked experimental (EF9100); the provider passes it through unchanged.
#pragma warning disable EF9100

/// <summary>EF's per-compilation state, plus the includes of other entity types the provider loads itself.</summary>
internal sealed class DynamoDbQueryCompilationContext(QueryCompilationContextDependencies dependencies, bool async, bool precompiling)
    : QueryCompilationContext(dependencies, async, precompiling)
{
    /// <summary>
    ///     The navigation paths of <c>Include</c>/<c>ThenInclude</c> to entity types with items of their own, taken out of the
    ///     query before EF's navigation expansion (which would make joins of them) and loaded after the query's own requests.
    /// </summary>
    public List<IReadOnlyList<string>> RelatedIncludes { get; } = [];
}
