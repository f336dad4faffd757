using System.Linq.Expressions;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Execution;
using EFCore.DynamoDb.Query.Internal.Materialization;
using EFCore.DynamoDb.Query.Internal.Writes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using static System.Linq.Expressions.Expression;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>
///     Compiles a translated query: the shaper becomes a delegate turning one DynamoDB item into one result (EF's
///     materializer does the entity work: constructors, identity resolution, tracking), and the query becomes an enumerable
///     that plans the requests at each execution and pages through the responses.
/// </summary>
internal sealed class DynamoDbShapedQueryCompilingExpressionVisitor : ShapedQueryCompilingExpressionVisitor
{
    public DynamoDbShapedQueryCompilingExpressionVisitor(
        ShapedQueryCompilingExpressionVisitorDependencies dependencies,
        QueryCompilationContext queryCompilationContext)
        : base(dependencies, queryCompilationContext)
    {
    }

    /// <summary>ExecuteUpdate and ExecuteDelete: a call that runs the writes and returns the number of items changed.</summary>
    protected override Expression VisitExtension(Expression extensionExpression)
    {
        if (extensionExpression is DynamoDbWriteExpression write)
        {
            return Call(
                typeof(ExecuteWriteRunner).GetMethod(
                    QueryCompilationContext.IsAsync ? nameof(ExecuteWriteRunner.ExecuteAsync) : nameof(ExecuteWriteRunner.Execute))!,
                Convert(QueryCompilationContext.QueryContextParameter, typeof(DynamoDbQueryContext)),
                Constant(new ExecuteWriteRunner(write.Query, write.Actions)),
                Constant(QueryCompilationContext.ContextType),
                Constant(Dependencies.CoreSingletonOptions.AreThreadSafetyChecksEnabled));
        }

        return base.VisitExtension(extensionExpression);
    }

    protected override Expression VisitShapedQuery(ShapedQueryExpression shapedQueryExpression)
    {
        var queryContext = Convert(QueryCompilationContext.QueryContextParameter, typeof(DynamoDbQueryContext));
        var contextType = Constant(QueryCompilationContext.ContextType);
        var threadSafety = Constant(Dependencies.CoreSingletonOptions.AreThreadSafetyChecksEnabled);

        if (shapedQueryExpression.QueryExpression is DynamoDbWriteExpression write)
        {
            // ExecuteUpdateAndGetAsync: the update, then the item it returned, shaped as any query's results.
            var (updatedItemShaper, _) = new ShaperBuilder(this).Build(shapedQueryExpression.ShaperExpression);
            return New(
                typeof(UpdatedItemQueryingEnumerable<>).MakeGenericType(shapedQueryExpression.ShaperExpression.Type).GetConstructors()[0],
                queryContext, Constant(new ExecuteWriteRunner(write.Query, write.Actions)), Constant(updatedItemShaper.Compile()), contextType,
                threadSafety);
        }

        var query = (DynamoDbQueryExpression)shapedQueryExpression.QueryExpression;
        if (shapedQueryExpression.ShaperExpression is TerminalResultExpression terminal)
        {
            return New(
                typeof(TerminalQueryingEnumerable<>).MakeGenericType(terminal.Type).GetConstructors()[0],
                queryContext, Constant(new QueryRunner(query, [])), contextType, threadSafety);
        }

        if (shapedQueryExpression.ShaperExpression is ClientTailExpression clientTail)
        {
            return CompileClientTail(query, clientTail, queryContext, contextType, threadSafety);
        }

        if (QueryCompilationContext is DynamoDbQueryCompilationContext { RelatedIncludes.Count: > 0 } withIncludes
            && Includes.RelatedIncludeShapers.IsEntityShaper(shapedQueryExpression.ShaperExpression, query.EntityType))
        {
            return CompileWithIncludes(query, shapedQueryExpression.ShaperExpression, withIncludes, queryContext, contextType, threadSafety);
        }

        var paging = shapedQueryExpression.ShaperExpression as PagingShaperExpression;
        if (paging != null && QueryCompilationContext is DynamoDbQueryCompilationContext { RelatedIncludes: [var include, ..] })
        {
            // A page ends at a continuation token over the query's own items; the related items read with them have no place in it.
            throw new InvalidOperationException(
                $"ToPageAsync cannot be combined with Include of related entities ('{query.EntityType.DisplayName()}.{string.Join(".", include)}'): "
                + "a page and its continuation token cover the query's own items only. Read the page without the Include, then load "
                + "each entity's related ones (context.Entry(entity).Collection(...).LoadAsync()) or query them by their partition.");
        }

        var itemShaper = paging?.ItemShaper ?? shapedQueryExpression.ShaperExpression;
        var (shaper, projectedAttributes) = new ShaperBuilder(this).Build(itemShaper);
        var runner = new QueryRunner(query, projectedAttributes);
        var standAlone = QueryCompilationContext.QueryTrackingBehavior == QueryTrackingBehavior.NoTrackingWithIdentityResolution;
        var enumerableType = (paging != null ? typeof(PagingQueryingEnumerable<>) : typeof(ItemQueryingEnumerable<>))
            .MakeGenericType(itemShaper.Type);

        return New(
            enumerableType.GetConstructors()[0],
            queryContext, Constant(runner), Constant(shaper.Compile()), contextType, Constant(standAlone), threadSafety);
    }

    /// <summary>The query's entities with the includes of other entity types the provider loads itself.</summary>
    private Expression CompileWithIncludes(
        DynamoDbQueryExpression query,
        Expression entityShaper,
        DynamoDbQueryCompilationContext context,
        Expression queryContext,
        Expression contextType,
        Expression threadSafety)
    {
        var includes = Includes.RelatedInclude.Build(query.EntityType, context.RelatedIncludes);
        var shapers = new Dictionary<Microsoft.EntityFrameworkCore.Metadata.IEntityType, Func<QueryContext, Dictionary<string, AttributeValue>, object>>();
        foreach (var target in Includes.RelatedIncludeShapers.Targets(includes))
        {
            var (targetShaper, _) = new ShaperBuilder(this).Build(Convert(Includes.RelatedIncludeShapers.EntityShaper(target), typeof(object)));
            shapers[target] = (Func<QueryContext, Dictionary<string, AttributeValue>, object>)targetShaper.Compile();
        }

        var (shaper, _) = new ShaperBuilder(this).Build(entityShaper);
        var loader = new Includes.RelatedIncludeLoader(includes, shapers, IsTracking);
        var standAlone = QueryCompilationContext.QueryTrackingBehavior == QueryTrackingBehavior.NoTrackingWithIdentityResolution;
        return New(
            typeof(IncludingQueryingEnumerable<>).MakeGenericType(entityShaper.Type).GetConstructors()[0],
            queryContext, Constant(new QueryRunner(query, projectedAttributes: null)), Constant(shaper.Compile()), Constant(loader), contextType,
            Constant(standAlone), threadSafety);
    }

    /// <summary>The query's rows, as any query's results, followed by its client tail over them.</summary>
    private Expression CompileClientTail(
        DynamoDbQueryExpression query,
        ClientTailExpression clientTail,
        Expression queryContext,
        Expression contextType,
        Expression threadSafety)
    {
        var rowType = clientTail.RowShaper.Type;
        var (shaper, projectedAttributes) = new ShaperBuilder(this).Build(clientTail.RowShaper);
        var standAlone = QueryCompilationContext.QueryTrackingBehavior == QueryTrackingBehavior.NoTrackingWithIdentityResolution;
        var rows = New(
            typeof(ItemQueryingEnumerable<>).MakeGenericType(rowType).GetConstructors()[0],
            queryContext, Constant(new QueryRunner(query, projectedAttributes)), Constant(shaper.Compile()), contextType, Constant(standAlone),
            threadSafety);

        var tail = Lambda(
                Convert(clientTail.Tail.Body, typeof(object)),
                clientTail.Tail.Parameters)
            .Compile();
        return New(
            typeof(ClientTailQueryingEnumerable<,>).MakeGenericType(rowType, clientTail.Type).GetConstructors()[0],
            rows, QueryCompilationContext.QueryContextParameter, Constant(tail), Constant(clientTail.IsScalar), Constant(clientTail.Description));
    }

    /// <summary>EF's materializer injection, for the shaper builder.</summary>
    internal Expression InjectMaterializers(Expression expression) => InjectStructuralTypeMaterializers(expression);

    internal bool IsTracking => QueryCompilationContext.QueryTrackingBehavior == QueryTrackingBehavior.TrackAll;

    internal static readonly ParameterExpression ItemParameter = Parameter(typeof(Dictionary<string, AttributeValue>), "item");
}
