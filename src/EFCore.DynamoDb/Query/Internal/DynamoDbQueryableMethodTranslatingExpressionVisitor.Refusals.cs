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

// Operators DynamoDB cannot answer: each refusal says why and what to do instead.
internal sealed partial class DynamoDbQueryableMethodTranslatingExpressionVisitor
{
    private ShapedQueryExpression? NotSupported(string operatorName, string why)
    {
        AddTranslationErrorDetails($"{operatorName} cannot be translated to DynamoDB: {why}");
        return null;
    }

    protected override ShapedQueryExpression? TranslateConcat(ShapedQueryExpression source1, ShapedQueryExpression source2)
        => NotSupported("Concat", "DynamoDB cannot combine the results of two requests.");

    protected override ShapedQueryExpression? TranslateContains(ShapedQueryExpression source, Expression item)
        => NotSupported("Contains on a query", "use Any with a predicate on the key instead.");

    protected override ShapedQueryExpression? TranslateDefaultIfEmpty(ShapedQueryExpression source, Expression? defaultValue)
        => NotSupported("DefaultIfEmpty", "it only makes sense with joins, which DynamoDB does not have.");

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
