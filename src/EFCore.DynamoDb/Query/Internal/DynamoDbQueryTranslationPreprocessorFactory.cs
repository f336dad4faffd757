using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>Creates <see cref="DynamoDbQueryTranslationPreprocessor" />s.</summary>
internal sealed class DynamoDbQueryTranslationPreprocessorFactory(QueryTranslationPreprocessorDependencies dependencies)
    : IQueryTranslationPreprocessorFactory
{
    public QueryTranslationPreprocessor Create(QueryCompilationContext queryCompilationContext)
        => new DynamoDbQueryTranslationPreprocessor(dependencies, queryCompilationContext);
}
