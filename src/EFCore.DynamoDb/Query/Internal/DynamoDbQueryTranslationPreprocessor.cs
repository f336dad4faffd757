using System.Linq.Expressions;
using EFCore.DynamoDb.Query.Internal.Includes;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>
///     EF's preprocessing, after taking the includes of other entity types out of the query (see
///     <see cref="RelatedIncludeExtractor" />): DynamoDB has no joins, so the provider loads them with requests of their own.
/// </summary>
internal sealed class DynamoDbQueryTranslationPreprocessor(
    QueryTranslationPreprocessorDependencies dependencies,
    QueryCompilationContext queryCompilationContext)
    : QueryTranslationPreprocessor(dependencies, queryCompilationContext)
{
    public override Expression Process(Expression query)
        => base.Process(RelatedIncludeExtractor.Extract(query, (DynamoDbQueryCompilationContext)QueryCompilationContext));
}
