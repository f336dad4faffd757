using EFCore.DynamoDb.Query.Internal.Execution;
using System.Reflection;
using System.Linq.Expressions;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Query.Internal.Translation;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>
///     Translates LINQ operators into a <see cref="DynamoDbQueryExpression" />. Anything DynamoDB cannot answer exactly
///     (joins, grouping, aggregates, ordering by a non-key attribute, filtering after Take...) is reported untranslatable,
///     which EF turns into an <see cref="InvalidOperationException" /> naming the expression: never a client-side scan.
/// </summary>
internal sealed class DynamoDbQueryableMethodTranslatingExpressionVisitor : QueryableMethodTranslatingExpressionVisitor
{
    private readonly QueryCompilationContext _queryCompilationContext;
    private readonly DynamoDbFilterTranslator _filterTranslator;

    public DynamoDbQueryableMethodTranslatingExpressionVisitor(
        QueryableMethodTranslatingExpressionVisitorDependencies dependencies,
        QueryCompilationContext queryCompilationContext)
        : base(dependencies, queryCompilationContext, subquery: false)
    {
        _queryCompilationContext = queryCompilationContext;
        _filterTranslator = new DynamoDbFilterTranslator(queryCompilationContext);
    }

    public override Expression Translate(Expression expression)
    {
        // ToPageAsync can only be the outermost operator: it wraps the whole query.
        if (expression is MethodCallExpression { Method.IsGenericMethod: true } call
            && call.Method.GetGenericMethodDefinition() == DynamoDbQueryableExtensions.ToPageAsyncMethodInfo)
        {
            if (base.Translate(call.Arguments[0]) is not ShapedQueryExpression source)
            {
                return QueryCompilationContext.NotTranslatedExpression;
            }

            var queryExpression = (DynamoDbQueryExpression)source.QueryExpression;
            if (queryExpression.IsLimited || queryExpression.Terminal != QueryTerminal.Items || ClientTailComposer.IsClient(source)
                || queryExpression.Source != null)
            {
                throw new InvalidOperationException(
                    "ToPageAsync cannot be combined with Take, Skip, a terminal operator, an operator that runs on the client "
                    + "(Distinct, an aggregate), FromPartiQL or FromItems: the page size and continuation token decide which items a page holds.");
            }

            queryExpression.Paging = (call.Arguments[1], call.Arguments[2]);
            return source
                .UpdateShaperExpression(new PagingShaperExpression(source.ShaperExpression))
                .UpdateResultCardinality(ResultCardinality.Single);
        }

        return base.Translate(expression);
    }

    protected override Expression VisitMethodCall(MethodCallExpression methodCallExpression)
    {
        var method = methodCallExpression.Method;
        if (method.IsGenericMethod && method.GetGenericMethodDefinition() == DynamoDbExecuteUpdateExtensions.ExecuteUpdateAndGetMethodInfo)
        {
            return TranslateExecuteUpdateAndGet(methodCallExpression);
        }

        if (method.IsGenericMethod && method.DeclaringType == typeof(DynamoDbQueryableExtensions))
        {
            var definition = method.GetGenericMethodDefinition();
            if (Visit(methodCallExpression.Arguments[0]) is not ShapedQueryExpression source)
            {
                return QueryCompilationContext.NotTranslatedExpression;
            }

            var queryExpression = (DynamoDbQueryExpression)source.QueryExpression;
            if (definition == DynamoDbQueryableExtensions.WithIndexMethodInfo)
            {
                queryExpression.IndexName = methodCallExpression.Arguments[1];
                return source;
            }

            if (definition == DynamoDbQueryableExtensions.WithConsistentReadMethodInfo)
            {
                queryExpression.ConsistentRead = true;
                return source;
            }

            if (definition == DynamoDbQueryableExtensions.WithScanMethodInfo)
            {
                queryExpression.ExplicitScan = true;
                return source;
            }

            if (definition == DynamoDbQueryableExtensions.FromPartiQLMethodInfo
                || definition == DynamoDbQueryableExtensions.FromItemsMethodInfo)
            {
                return TranslateReadSource(source, queryExpression, methodCallExpression, definition);
            }

            if (definition == DynamoDbQueryableExtensions.WithTransactionalReadMethodInfo)
            {
                queryExpression.TransactionalRead = true;
                return source;
            }

            if (definition == DynamoDbQueryableExtensions.WithPageSizeMethodInfo)
            {
                queryExpression.PageSize = methodCallExpression.Arguments[1];
                return source;
            }

            if (definition == DynamoDbQueryableExtensions.WithReadCapacityLimitMethodInfo)
            {
                queryExpression.ReadCapacityLimit = methodCallExpression.Arguments[1];
                return source;
            }

            if (definition == DynamoDbQueryableExtensions.WithParallelScanMethodInfo)
            {
                queryExpression.TotalSegments = methodCallExpression.Arguments[1];
                queryExpression.ExplicitScan = true;
                return source;
            }
        }

        return base.VisitMethodCall(methodCallExpression);
    }

    /// <summary>FromPartiQL / FromItems: the query's items come from the statement or the list, not from key conditions.</summary>
    private Expression TranslateReadSource(
        ShapedQueryExpression source,
        DynamoDbQueryExpression queryExpression,
        MethodCallExpression call,
        MethodInfo definition)
    {
        var name = definition == DynamoDbQueryableExtensions.FromPartiQLMethodInfo ? "FromPartiQL" : "FromItems";
        if (queryExpression.Source != null || queryExpression.IsLimited || queryExpression.Orderings.Count > 0
            || queryExpression.Predicate != DiscriminatorFilters.For(queryExpression.EntityType)
            || ClientTailComposer.IsClient(source) || source.ShaperExpression is not StructuralTypeShaperExpression)
        {
            AddTranslationErrorDetails($"{name} must be called on the DbSet itself, before any other operator.");
            return QueryCompilationContext.NotTranslatedExpression;
        }

        if (definition == DynamoDbQueryableExtensions.FromPartiQLMethodInfo)
        {
            queryExpression.Source = new PartiQLSource(call.Arguments[1], call.Arguments[2]);
        }
        else
        {
            queryExpression.Source = new GivenItemsSource(call.Arguments[1]);
        }

        return source;
    }

    /// <summary>ExecuteDelete: one conditional DeleteItem per matching item (docs/design.md section 7).</summary>
    protected override Expression? TranslateExecuteDelete(ShapedQueryExpression source)
        => WriteSource(source, "ExecuteDelete") is { } query ? new DynamoDbWriteExpression(query, actions: null) : null;

    /// <summary>ExecuteUpdate: the SetProperty calls become DynamoDB update actions, the Where their condition (docs/design.md section 7).</summary>
    protected override Expression? TranslateExecuteUpdate(ShapedQueryExpression source, IReadOnlyList<ExecuteUpdateSetter> setters)
        => WriteSource(source, "ExecuteUpdate") is { } query && TranslateSetters(source, query, setters) is { } actions
            ? new DynamoDbWriteExpression(query, actions)
            : null;

    /// <summary>ExecuteUpdateAndGetAsync: the update of one item as a query whose one result is the item after it.</summary>
    private Expression TranslateExecuteUpdateAndGet(MethodCallExpression call)
    {
        if (Visit(call.Arguments[0]) is not ShapedQueryExpression source)
        {
            return QueryCompilationContext.NotTranslatedExpression;
        }

        var setters = ((NewArrayExpression)call.Arguments[1]).Expressions.Cast<NewExpression>()
            .Select(n => new ExecuteUpdateSetter(
                (LambdaExpression)n.Arguments[0],
                n.Arguments[1] is UnaryExpression { NodeType: ExpressionType.Convert, Operand: var value } convert && convert.Type == typeof(object)
                    ? value
                    : n.Arguments[1]))
            .ToList();
        return WriteSource(source, "ExecuteUpdateAndGetAsync") is { } query && TranslateSetters(source, query, setters) is { } actions
            ? source.UpdateQueryExpression(new DynamoDbWriteExpression(query, actions))
            : throw new InvalidOperationException(
                $"ExecuteUpdateAndGetAsync on '{call.Arguments[0].Print()}' could not be translated: {TranslationErrorDetails}");
    }

    private List<Writes.UpdateAction>? TranslateSetters(
        ShapedQueryExpression source,
        DynamoDbQueryExpression query,
        IReadOnlyList<ExecuteUpdateSetter> setters)
    {
        var translator = new UpdateSetterTranslator();
        var actions = translator.Translate(
            query.EntityType,
            setters.Select(s => (
                RemapLambdaBody(source, s.PropertySelector),
                s.ValueExpression is LambdaExpression value ? RemapLambdaBody(source, value) : s.ValueExpression,
                $"SetProperty({s.PropertySelector.Print()}, {s.ValueExpression.Print()})")).ToList());
        if (actions == null)
        {
            AddTranslationErrorDetails(translator.Error!);
        }

        return actions;
    }

    // Owned objects are included in the entity's shaper; they are inside its item, so they are written with it.
    private static Expression StripIncludes(Expression shaper) => shaper is IncludeExpression include ? StripIncludes(include.EntityExpression) : shaper;

    /// <summary>The query whose items ExecuteUpdate or ExecuteDelete writes, or null (with the reason) when DynamoDB cannot write them so.</summary>
    private DynamoDbQueryExpression? WriteSource(ShapedQueryExpression source, string operation)
    {
        var query = (DynamoDbQueryExpression)source.QueryExpression;
        var reason = ClientTailComposer.IsClient(source) ? "an operator before it runs on the client"
            : query.IsLimited ? "Take or Skip before it would pick items by their order, which a conditional write of each item cannot apply"
            : query.Orderings.Count > 0 ? "an ordering before it means nothing to a write (each item is written on its own): remove the OrderBy"
            : query.Source != null ? "FromPartiQL and FromItems give items, not keys to write; use a Where on the DbSet"
            : query.Paging != null || query.Terminal != QueryTerminal.Items ? "it must follow the DbSet and its Where"
            : StripIncludes(source.ShaperExpression) is not StructuralTypeShaperExpression { StructuralType: IEntityType } ? "a Select before it leaves no entity to write"
            : null;
        if (reason != null)
        {
            AddTranslationErrorDetails($"{operation} on '{query.EntityType.DisplayName()}' cannot be translated to DynamoDB: {reason}.");
            return null;
        }

        return query;
    }

    protected override QueryableMethodTranslatingExpressionVisitor CreateSubqueryVisitor()
        => new DynamoDbQueryableMethodTranslatingExpressionVisitor(Dependencies, _queryCompilationContext);

    protected override ShapedQueryExpression? CreateShapedQueryExpression(IEntityType entityType)
    {
        if (entityType.IsOwned())
        {
            AddTranslationErrorDetails(
                $"The owned type '{entityType.DisplayName()}' is stored inside its owner's items; query the owner instead.");
            return null;
        }

        var buffer = new ItemValueBufferExpression(entityType, [], owner: null, ownerNavigation: null);
        var queryExpression = new DynamoDbQueryExpression(entityType, DiscriminatorFilters.For(entityType));
        return new ShapedQueryExpression(queryExpression, new StructuralTypeShaperExpression(entityType, buffer, nullable: false));
    }

    protected override ShapedQueryExpression? TranslateWhere(ShapedQueryExpression source, LambdaExpression predicate)
    {
        var queryExpression = (DynamoDbQueryExpression)source.QueryExpression;
        if (ClientTailComposer.IsClient(source) || queryExpression.IsLimited)
        {
            // DynamoDB filters before it limits: a Where after Take or Skip filters the window read, on the client.
            return Client(source, nameof(Enumerable.Where), [Element(source)], $".Where({Text(predicate)})", arguments: predicate);
        }

        var filter = TranslatePredicate(source, predicate);
        if (filter == null)
        {
            return null;
        }

        queryExpression.AddPredicate(filter);
        return source;
    }

    protected override ShapedQueryExpression? TranslateOrderBy(ShapedQueryExpression source, LambdaExpression keySelector, bool ascending)
    {
        var queryExpression = (DynamoDbQueryExpression)source.QueryExpression;
        if (ClientTailComposer.IsClient(source) || queryExpression.IsLimited || queryExpression.Source != null)
        {
            // An OrderBy after Take or Skip orders the window read, on the client; so does one over a statement's or given items.
            return ClientOrdering(source, keySelector, ascending ? nameof(Enumerable.OrderBy) : nameof(Enumerable.OrderByDescending));
        }

        queryExpression.Orderings.Clear();
        return TranslateThenBy(source, keySelector, ascending);
    }

    protected override ShapedQueryExpression? TranslateThenBy(ShapedQueryExpression source, LambdaExpression keySelector, bool ascending)
    {
        var queryExpression = (DynamoDbQueryExpression)source.QueryExpression;
        if (ClientTailComposer.IsClient(source))
        {
            return ClientOrdering(source, keySelector, ascending ? nameof(Enumerable.ThenBy) : nameof(Enumerable.ThenByDescending));
        }

        if (queryExpression.IsLimited)
        {
            AddTranslationErrorDetails("A ThenBy after Take or Skip cannot be translated; order first.");
            return null;
        }

        var key = RemapLambdaBody(source, keySelector);
        if (AttributePathResolver.ResolvePath(key) is { Component: { } component } componentPath)
        {
            // A property inside a sort key template's text: the keys sort by it when it is the next hole and its text sorts.
            var earlier = queryExpression.Orderings.Count(o => o.Path.Component?.Part == component.Part);
            var hole = component.Part.HoleOf(component.PropertyIndex);
            if (component.Part.AttributeName != queryExpression.RootEntityType.GetSortKeyAttributeName() || hole != earlier
                || !Metadata.Internal.KeyComponentFormatter.IsOrderPreserving(
                    component.Part.Properties[component.PropertyIndex], component.Part.FormatOf(component.PropertyIndex),
                    hole == component.Part.Template!.Holes.Count - 1 && component.Part.Template.Literals[^1].Length == 0))
            {
                AddTranslationErrorDetails(
                    $"'{keySelector}' orders by a property of the sort key template '{component.Part.Template!.Text}'; DynamoDB returns items "
                    + "in the order of the whole key text, which is the order of that property only when it is the template's first "
                    + "hole (or follows the ones ordered by before) and its text sorts like its values (a fixed-width format).");
                return null;
            }

            queryExpression.Orderings.Add(new DynamoDbOrdering(componentPath, ascending));
            return source;
        }

        if (AttributePathResolver.ResolvePath(key) is { IsTopLevel: true, Property: IProperty, Mapping: { PreservesOrder: false } mapping })
        {
            AddTranslationErrorDetails(
                $"'{keySelector}' orders by the {mapping.Description}, whose stored form does not sort like its values"
                + (mapping.UnorderedReason is { } reason ? $" ({reason})" : "") + ", so DynamoDB cannot return items in its order.");
            return null;
        }

        if (AttributePathResolver.ResolvePath(key) is not { IsTopLevel: true, Property: IProperty property } path
            || !KeyAttributes.IsOrderable(queryExpression.RootEntityType, property))
        {
            AddTranslationErrorDetails(
                $"DynamoDB can only order by the sort key of the table or of a secondary index (within one partition); '{keySelector}' "
                + "is not such a key. To order on the client the items the query reads, call AsAsyncEnumerable() before OrderBy, or order after ToListAsync().");
            return null;
        }

        queryExpression.Orderings.Add(new DynamoDbOrdering(path, ascending));
        return source;
    }

    protected override ShapedQueryExpression TranslateSelect(ShapedQueryExpression source, LambdaExpression selector)
    {
        if (selector.Body == selector.Parameters[0])
        {
            return source;
        }

        if (ClientTailComposer.IsClient(source))
        {
            if (ClientTailComposer.IsIdentity(selector))
            {
                // EF's includes of owned objects, added after client operators that keep the rows: they shape the rows.
                return ClientTailComposer.YieldsRows(source)
                    ? ClientTailComposer.WithRowShaper(
                        source,
                        new OwnedIncludeRewriter().Visit(
                            ReplacingExpressionVisitor.Replace(selector.Parameters[0], ((ClientTailExpression)source.ShaperExpression).RowShaper, selector.Body)))
                    : source;
            }

            return Client(source, nameof(Enumerable.Select), [Element(source), selector.ReturnType], $".Select({Text(selector)})", arguments: selector)!;
        }

        var newShaper = new OwnedIncludeRewriter().Visit(RemapLambdaBody(source, selector));
        if (ProjectionSubqueryFinder.Find(newShaper) is { } subquery)
        {
            AddTranslationErrorDetails(
                $"The projection '{selector.Print()}' reads {subquery}, which is stored in items of its own: DynamoDB has no joins or "
                + "subqueries. Query it separately (or store it inside the item as an owned type) and combine the results on the client.");

            // EF's base visitor reports a null translation as untranslatable, with the details above.
            return null!;
        }

        return source.UpdateShaperExpression(newShaper);
    }

    protected override ShapedQueryExpression? TranslateTake(ShapedQueryExpression source, Expression count)
    {
        if (ClientTailComposer.IsClient(source))
        {
            return Client(source, nameof(Enumerable.Take), [Element(source)], $".Take({Text(count)})", arguments: count);
        }

        ((DynamoDbQueryExpression)source.QueryExpression).ApplyLimit(count);
        return source;
    }

    protected override ShapedQueryExpression? TranslateSkip(ShapedQueryExpression source, Expression count)
    {
        if (ClientTailComposer.IsClient(source))
        {
            return Client(source, nameof(Enumerable.Skip), [Element(source)], $".Skip({Text(count)})", arguments: count);
        }

        ((DynamoDbQueryExpression)source.QueryExpression).ApplyOffset(count);
        return source;
    }

    protected override ShapedQueryExpression? TranslateFirstOrDefault(
        ShapedQueryExpression source,
        LambdaExpression? predicate,
        Type returnType,
        bool returnDefault)
        => TranslateSingleResult(source, predicate, returnType, 1);

    protected override ShapedQueryExpression? TranslateSingleOrDefault(
        ShapedQueryExpression source,
        LambdaExpression? predicate,
        Type returnType,
        bool returnDefault)
        => TranslateSingleResult(source, predicate, returnType, 2);

    protected override ShapedQueryExpression? TranslateLastOrDefault(
        ShapedQueryExpression source,
        LambdaExpression? predicate,
        Type returnType,
        bool returnDefault)
    {
        var queryExpression = (DynamoDbQueryExpression)source.QueryExpression;
        if (ClientTailComposer.IsClient(source))
        {
            return ClientSingleResult(source, predicate, returnType, nameof(Enumerable.TakeLast), 1);
        }

        if (queryExpression.Orderings.Count == 0 || queryExpression.IsLimited)
        {
            AddTranslationErrorDetails("Last and LastOrDefault need an OrderBy on a sort key (and no Take or Skip before them).");
            return null;
        }

        for (var i = 0; i < queryExpression.Orderings.Count; i++)
        {
            queryExpression.Orderings[i] = queryExpression.Orderings[i] with { Ascending = !queryExpression.Orderings[i].Ascending };
        }

        return TranslateSingleResult(source, predicate, returnType, 1);
    }

    private ShapedQueryExpression? TranslateSingleResult(ShapedQueryExpression source, LambdaExpression? predicate, Type returnType, int take)
    {
        if (ClientTailComposer.IsClient(source))
        {
            return ClientSingleResult(source, predicate, returnType, nameof(Enumerable.Take), take);
        }

        if (predicate != null && TranslateWhere(source, predicate) == null)
        {
            return null;
        }

        var queryExpression = (DynamoDbQueryExpression)source.QueryExpression;
        queryExpression.ApplyLimit(Expression.Constant(take));
        return source.ShaperExpression.Type == returnType
            ? source
            : source.UpdateShaperExpression(Expression.Convert(source.ShaperExpression, returnType));
    }

    /// <summary>First, Single and Last over the client tail: at most <paramref name="take" /> rows, for EF's cardinality check.</summary>
    private ShapedQueryExpression? ClientSingleResult(
        ShapedQueryExpression source,
        LambdaExpression? predicate,
        Type returnType,
        string method,
        int take)
    {
        var filtered = predicate == null ? source : TranslateWhere(source, predicate);
        var limited = filtered == null ? null : Client(filtered, method, [Element(filtered)], $".{method}({take})", arguments: Expression.Constant(take));
        return limited == null || limited.ShaperExpression.Type == returnType
            ? limited
            : Client(limited, nameof(Enumerable.Cast), [returnType], $".Cast<{returnType.Name}>()");
    }

    protected override ShapedQueryExpression? TranslateCount(ShapedQueryExpression source, LambdaExpression? predicate)
        => TranslateTerminal(source, predicate, QueryTerminal.Count, typeof(int));

    protected override ShapedQueryExpression? TranslateLongCount(ShapedQueryExpression source, LambdaExpression? predicate)
        => TranslateTerminal(source, predicate, QueryTerminal.Count, typeof(long));

    protected override ShapedQueryExpression? TranslateAny(ShapedQueryExpression source, LambdaExpression? predicate)
        => TranslateTerminal(source, predicate, QueryTerminal.Any, typeof(bool));

    protected override ShapedQueryExpression? TranslateAll(ShapedQueryExpression source, LambdaExpression predicate)
    {
        if (ClientTailComposer.IsClient(source))
        {
            return Client(source, nameof(Enumerable.All), [Element(source)], $".All({Text(predicate)})", isScalar: true, predicate);
        }

        var queryExpression = (DynamoDbQueryExpression)source.QueryExpression;
        if (queryExpression.IsLimited)
        {
            AddTranslationErrorDetails("All after Take or Skip cannot be translated: the predicate would have to be checked within the window.");
            return null;
        }

        var filter = TranslatePredicate(source, predicate);
        if (filter == null)
        {
            return null;
        }

        // All(p) is "no item where !p".
        queryExpression.AddPredicate(new NotFilter(filter));
        queryExpression.Terminal = QueryTerminal.All;
        return source.UpdateShaperExpression(new TerminalResultExpression(typeof(bool)));
    }

    private ShapedQueryExpression? TranslateTerminal(
        ShapedQueryExpression source,
        LambdaExpression? predicate,
        QueryTerminal terminal,
        Type resultType)
    {
        if (ClientTailComposer.IsClient(source))
        {
            var method = terminal == QueryTerminal.Any ? nameof(Enumerable.Any)
                : resultType == typeof(long) ? nameof(Enumerable.LongCount)
                : nameof(Enumerable.Count);
            return predicate == null
                ? Client(source, method, [Element(source)], $".{method}()", isScalar: true)
                : Client(source, method, [Element(source)], $".{method}({Text(predicate)})", isScalar: true, predicate);
        }

        var queryExpression = (DynamoDbQueryExpression)source.QueryExpression;
        if (predicate != null && TranslateWhere(source, predicate) == null)
        {
            return null;
        }

        // After Take/Skip the terminal counts within the window: min(limit, max(0, matches - offset)).
        queryExpression.Terminal = terminal;
        return source.UpdateShaperExpression(new TerminalResultExpression(resultType));
    }

    protected override ShapedQueryExpression? TranslateOfType(ShapedQueryExpression source, Type resultType)
    {
        if (source.ShaperExpression is not StructuralTypeShaperExpression { StructuralType: IEntityType entityType } shaper)
        {
            AddTranslationErrorDetails("OfType can only be applied to entities.");
            return null;
        }

        if (entityType.ClrType == resultType)
        {
            return source;
        }

        var derived = entityType.GetDerivedTypes().FirstOrDefault(t => t.ClrType == resultType);
        if (derived == null)
        {
            var baseType = entityType.GetAllBaseTypes().FirstOrDefault(t => t.ClrType == resultType);
            return baseType != null ? source.UpdateShaperExpression(shaper.WithType(baseType)) : null;
        }

        var queryExpression = (DynamoDbQueryExpression)source.QueryExpression;
        if (DiscriminatorFilters.ForTypes(derived) is { } filter)
        {
            queryExpression.AddPredicate(filter);
        }

        queryExpression.EntityType = derived;
        return source.UpdateShaperExpression(shaper.WithType(derived));
    }

    protected override ShapedQueryExpression? TranslateCast(ShapedQueryExpression source, Type castType)
        => source.ShaperExpression.Type == castType
            ? source
            : source.UpdateShaperExpression(Expression.Convert(source.ShaperExpression, castType));

    private FilterNode? TranslatePredicate(ShapedQueryExpression source, LambdaExpression predicate)
    {
        var filter = _filterTranslator.Translate(RemapLambdaBody(source, predicate));
        if (filter == null)
        {
            AddTranslationErrorDetails(_filterTranslator.Error ?? $"The condition '{predicate}' cannot be translated to DynamoDB.");
        }

        return filter;
    }

    private static Expression RemapLambdaBody(ShapedQueryExpression source, LambdaExpression lambda)
        => ReplacingExpressionVisitor.Replace(lambda.Parameters[0], source.ShaperExpression, lambda.Body);

    /// <summary>Appends a LINQ-to-Objects operator to the query's client tail (see <see cref="ClientTailComposer" />).</summary>
    private ShapedQueryExpression? Client(
        ShapedQueryExpression source,
        string method,
        Type[] typeArguments,
        string description,
        bool isScalar = false,
        params Expression[] arguments)
    {
        var composed = ClientTailComposer.Compose(source, method, typeArguments, isScalar, arguments, description, out var error);
        if (composed == null)
        {
            AddTranslationErrorDetails(error!);
        }

        return composed;
    }

    private static Type Element(ShapedQueryExpression source) => ClientTailComposer.ElementType(source);

    /// <summary>An ordering on the client; strings in DynamoDB's order (code points), as a sort key would order them.</summary>
    private ShapedQueryExpression? ClientOrdering(ShapedQueryExpression source, LambdaExpression keySelector, string method)
        => keySelector.ReturnType == typeof(string)
            ? Client(source, method, [Element(source), typeof(string)], $".{method}({Text(keySelector)})", false,
                keySelector, Expression.Constant(DynamoDbStringComparer.Instance, typeof(IComparer<string>)))
            : Client(source, method, [Element(source), keySelector.ReturnType], $".{method}({Text(keySelector)})", arguments: keySelector);

    private static string Text(Expression expression) => expression.Print();

    private ShapedQueryExpression? NotSupported(string operatorName, string why)
    {
        AddTranslationErrorDetails($"{operatorName} cannot be translated to DynamoDB: {why}");
        return null;
    }

    // DynamoDB has no aggregates: they run on the client over the rows the query reads (a Query of a partition, BatchGetItem,
    // or a Scan — which is logged as a warning, or refused with ScanBehavior(Disallow), unless the query asks for it).
    protected override ShapedQueryExpression? TranslateAverage(ShapedQueryExpression source, LambdaExpression? selector, Type resultType)
        => Aggregate(source, nameof(Enumerable.Average), selector);

    protected override ShapedQueryExpression? TranslateSum(ShapedQueryExpression source, LambdaExpression? selector, Type resultType)
        => Aggregate(source, nameof(Enumerable.Sum), selector);

    protected override ShapedQueryExpression? TranslateMax(ShapedQueryExpression source, LambdaExpression? selector, Type resultType)
        => Aggregate(source, nameof(Enumerable.Max), selector);

    protected override ShapedQueryExpression? TranslateMin(ShapedQueryExpression source, LambdaExpression? selector, Type resultType)
        => Aggregate(source, nameof(Enumerable.Min), selector);

    private ShapedQueryExpression? Aggregate(ShapedQueryExpression source, string method, LambdaExpression? selector)
    {
        if (source.ShaperExpression is TerminalResultExpression or PagingShaperExpression)
        {
            return NotSupported(method, "it cannot follow a terminal operator.");
        }

        var projected = selector == null ? source : TranslateSelect(source, selector);
        if (projected == null)
        {
            return null;
        }

        var element = Element(projected);
        if (element == typeof(string) && method is nameof(Enumerable.Max) or nameof(Enumerable.Min))
        {
            // Strings in DynamoDB's order, as a sort key would order them.
            return Client(projected, method, [typeof(string)], $".{method}()", true,
                Expression.Constant(DynamoDbStringComparer.Instance, typeof(IComparer<string>)));
        }

        var typeArguments = method is nameof(Enumerable.Max) or nameof(Enumerable.Min) && !IsNumeric(element) ? new[] { element } : [];
        return Client(projected, method, typeArguments, $".{method}()", isScalar: true);
    }

    private static bool IsNumeric(Type type)
        => Type.GetTypeCode(Nullable.GetUnderlyingType(type) ?? type) is TypeCode.Int32 or TypeCode.Int64 or TypeCode.Single
            or TypeCode.Double or TypeCode.Decimal;

    protected override ShapedQueryExpression? TranslateConcat(ShapedQueryExpression source1, ShapedQueryExpression source2)
        => NotSupported("Concat", "DynamoDB cannot combine the results of two requests.");

    protected override ShapedQueryExpression? TranslateContains(ShapedQueryExpression source, Expression item)
        => NotSupported("Contains on a query", "use Any with a predicate on the key instead.");

    protected override ShapedQueryExpression? TranslateDefaultIfEmpty(ShapedQueryExpression source, Expression? defaultValue)
        => NotSupported("DefaultIfEmpty", "it only makes sense with joins, which DynamoDB does not have.");

    // DynamoDB cannot remove duplicates: Distinct runs on the client over the rows read (items are unique by key, so only
    // projections can repeat).
    protected override ShapedQueryExpression? TranslateDistinct(ShapedQueryExpression source)
        => source.ShaperExpression is TerminalResultExpression or PagingShaperExpression
            ? NotSupported("Distinct", "it cannot follow a terminal operator.")
            : Client(source, nameof(Enumerable.Distinct), [Element(source)], ".Distinct()");

    protected override ShapedQueryExpression? TranslateElementAtOrDefault(
        ShapedQueryExpression source,
        Expression index,
        bool returnDefault)
        => NotSupported("ElementAt", "use Skip(n).First() or ToPageAsync.");

    protected override ShapedQueryExpression? TranslateExcept(ShapedQueryExpression source1, ShapedQueryExpression source2)
        => NotSupported("Except", "DynamoDB cannot combine the results of two requests.");

    protected override ShapedQueryExpression? TranslateGroupBy(
        ShapedQueryExpression source,
        LambdaExpression keySelector,
        LambdaExpression? elementSelector,
        LambdaExpression? resultSelector)
        => NotSupported(
            "GroupBy",
            "DynamoDB cannot group on the server. To group on the client the items the query reads, say so: call AsAsyncEnumerable() "
            + "before GroupBy (query.AsAsyncEnumerable().GroupBy(...)), or group after ToListAsync().");

    protected override ShapedQueryExpression? TranslateGroupJoin(
        ShapedQueryExpression outer,
        ShapedQueryExpression inner,
        LambdaExpression outerKeySelector,
        LambdaExpression innerKeySelector,
        LambdaExpression resultSelector)
        => NotSupported("GroupJoin", "DynamoDB has no joins.");

    protected override ShapedQueryExpression? TranslateIntersect(ShapedQueryExpression source1, ShapedQueryExpression source2)
        => NotSupported("Intersect", "DynamoDB cannot combine the results of two requests.");

    protected override ShapedQueryExpression? TranslateJoin(
        ShapedQueryExpression outer,
        ShapedQueryExpression inner,
        LambdaExpression outerKeySelector,
        LambdaExpression innerKeySelector,
        LambdaExpression resultSelector)
        => NotSupported("Join", "DynamoDB has no joins. Query each table and combine the results on the client.");

    protected override ShapedQueryExpression? TranslateLeftJoin(
        ShapedQueryExpression outer,
        ShapedQueryExpression inner,
        LambdaExpression outerKeySelector,
        LambdaExpression innerKeySelector,
        LambdaExpression resultSelector)
        => NotSupported("LeftJoin", "DynamoDB has no joins.");

    protected override ShapedQueryExpression? TranslateRightJoin(
        ShapedQueryExpression outer,
        ShapedQueryExpression inner,
        LambdaExpression outerKeySelector,
        LambdaExpression innerKeySelector,
        LambdaExpression resultSelector)
        => NotSupported("RightJoin", "DynamoDB has no joins.");

    protected override ShapedQueryExpression? TranslateReverse(ShapedQueryExpression source)
    {
        var queryExpression = (DynamoDbQueryExpression)source.QueryExpression;
        if (ClientTailComposer.IsClient(source) || (queryExpression.IsLimited && queryExpression.Orderings.Count > 0)
            || queryExpression.Source != null)
        {
            // The window read (after Take or Skip), reversed on the client.
            return Client(source, nameof(Enumerable.Reverse), [Element(source)], ".Reverse()");
        }

        if (queryExpression.Orderings.Count == 0)
        {
            return NotSupported("Reverse", "it needs an OrderBy on the sort key before it (DynamoDB has no other order to reverse).");
        }

        // Reverse of an ordering on the sort key is the opposite ordering: ScanIndexForward flipped.
        for (var i = 0; i < queryExpression.Orderings.Count; i++)
        {
            queryExpression.Orderings[i] = queryExpression.Orderings[i] with { Ascending = !queryExpression.Orderings[i].Ascending };
        }

        return source;
    }

    protected override ShapedQueryExpression? TranslateSelectMany(
        ShapedQueryExpression source,
        LambdaExpression collectionSelector,
        LambdaExpression resultSelector)
        => NotSupported("SelectMany", "DynamoDB has no joins.");

    protected override ShapedQueryExpression? TranslateSelectMany(ShapedQueryExpression source, LambdaExpression selector)
        => NotSupported("SelectMany", "DynamoDB has no joins.");

    protected override ShapedQueryExpression? TranslateSkipWhile(ShapedQueryExpression source, LambdaExpression predicate)
        => NotSupported("SkipWhile", "it depends on the order of evaluation.");

    protected override ShapedQueryExpression? TranslateTakeWhile(ShapedQueryExpression source, LambdaExpression predicate)
        => NotSupported("TakeWhile", "it depends on the order of evaluation.");

    protected override ShapedQueryExpression? TranslateUnion(ShapedQueryExpression source1, ShapedQueryExpression source2)
        => NotSupported("Union", "DynamoDB cannot combine the results of two requests.");
}
