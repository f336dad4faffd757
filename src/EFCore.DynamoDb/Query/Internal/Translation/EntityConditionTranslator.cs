using System.Linq.Expressions;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Query.Internal.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>
///     Translates a condition on an entity written outside a query (<c>WithSaveCondition(a => a.Balance >= 100)</c>, the Where
///     of <c>AddConditionCheck</c>) with the query translator: the same conditions, the same C# semantics. Values captured
///     from the caller are evaluated now: the condition is bound once.
/// </summary>
internal static class EntityConditionTranslator
{
    private static readonly IReadOnlyDictionary<string, object?> NoParameters = new Dictionary<string, object?>();

    public static FilterNode Translate(IEntityType entityType, LambdaExpression condition, string api)
    {
        var shaper = new StructuralTypeShaperExpression(entityType, new ItemValueBufferExpression(entityType, [], owner: null, ownerNavigation: null), nullable: false);
        var body = ReplacingExpressionVisitor.Replace(condition.Parameters[0], shaper, condition.Body);

        // No query parameters here (captured values are constants), so the translator needs no compilation context.
        var translator = new DynamoDbFilterTranslator(null!);
        var filter = translator.Translate(body)
            ?? throw new InvalidOperationException(
                $"{api}: the condition '{condition.Print()}' on '{entityType.DisplayName()}' cannot be translated to a DynamoDB condition"
                + (translator.Error is { } error ? ": " + error : "."));
        return FilterBinder.Bind(filter, NoParameters);
    }
}
