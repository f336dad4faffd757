using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>Creates the visitor that compiles a translated query into code that runs it.</summary>
public class DynamoDbShapedQueryCompilingExpressionVisitorFactory : IShapedQueryCompilingExpressionVisitorFactory
{
    /// <summary>Creates the factory.</summary>
    public DynamoDbShapedQueryCompilingExpressionVisitorFactory(ShapedQueryCompilingExpressionVisitorDependencies dependencies)
        => Dependencies = dependencies;

    /// <summary>EF's dependencies of the visitor.</summary>
    protected virtual ShapedQueryCompilingExpressionVisitorDependencies Dependencies { get; }

    /// <inheritdoc />
    public virtual ShapedQueryCompilingExpressionVisitor Create(QueryCompilationContext queryCompilationContext)
        => new DynamoDbShapedQueryCompilingExpressionVisitor(Dependencies, queryCompilationContext);
}
