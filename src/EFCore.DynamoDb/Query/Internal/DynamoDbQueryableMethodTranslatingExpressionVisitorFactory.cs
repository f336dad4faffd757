using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>Creates the visitor that translates LINQ operators for one query compilation.</summary>
public class DynamoDbQueryableMethodTranslatingExpressionVisitorFactory : IQueryableMethodTranslatingExpressionVisitorFactory
{
    /// <summary>Creates the factory.</summary>
    public DynamoDbQueryableMethodTranslatingExpressionVisitorFactory(QueryableMethodTranslatingExpressionVisitorDependencies dependencies)
        => Dependencies = dependencies;

    /// <summary>EF's dependencies of the visitor.</summary>
    protected virtual QueryableMethodTranslatingExpressionVisitorDependencies Dependencies { get; }

    /// <inheritdoc />
    public virtual QueryableMethodTranslatingExpressionVisitor Create(QueryCompilationContext queryCompilationContext)
        => new DynamoDbQueryableMethodTranslatingExpressionVisitor(Dependencies, queryCompilationContext);
}
