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

// Operators that run on the client over the rows the requests read (the client tail): aggregates, Distinct, Reverse of a window, orderings after Take.
internal sealed partial class DynamoDbQueryableMethodTranslatingExpressionVisitor
{
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

    // DynamoDB cannot remove duplicates: Distinct runs on the client over the rows read (items are unique by key, so only
    // projections can repeat).
    protected override ShapedQueryExpression? TranslateDistinct(ShapedQueryExpression source)
        => source.ShaperExpression is TerminalResultExpression or PagingShaperExpression
            ? NotSupported("Distinct", "it cannot follow a terminal operator.")
            : Client(source, nameof(Enumerable.Distinct), [Element(source)], ".Distinct()");

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
}
