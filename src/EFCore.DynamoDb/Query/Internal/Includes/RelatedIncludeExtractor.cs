using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Includes;

/// <summary>
///     Takes <c>Include</c>/<c>ThenInclude</c> of navigations to entity types with items of their own out of a query and records
///     their paths: EF's navigation expansion would turn them into joins and correlated subqueries, which DynamoDB does not
///     have; the provider loads them with requests of its own (see <see cref="RelatedIncludeLoader" />). Includes of owned
///     types stay: they are stored inside the item.
/// </summary>
internal static class RelatedIncludeExtractor
{
    public static Expression Extract(Expression query, DynamoDbQueryCompilationContext context)
    {
        var root = RootEntityType(query);
        return root == null ? query : Strip(query, root, context, out _);
    }

    /// <summary>Removes include calls from the method chain; <paramref name="path" /> is the path of the outermost one removed.</summary>
    private static Expression Strip(Expression expression, IEntityType root, DynamoDbQueryCompilationContext context, out List<string>? path)
    {
        path = null;
        if (expression is not MethodCallExpression call || call.Arguments.Count == 0)
        {
            return expression;
        }

        var method = call.Method;
        if (method.DeclaringType == typeof(EntityFrameworkQueryableExtensions)
            && method.Name is nameof(EntityFrameworkQueryableExtensions.Include) or nameof(EntityFrameworkQueryableExtensions.ThenInclude))
        {
            var source = Strip(call.Arguments[0], root, context, out var previous);
            var isThen = method.Name == nameof(EntityFrameworkQueryableExtensions.ThenInclude);
            List<string>? names = call.Arguments[1] switch
            {
                ConstantExpression { Value: string text } => text.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                UnaryExpression { NodeType: ExpressionType.Quote, Operand: LambdaExpression lambda } => MemberPath(lambda),
                LambdaExpression lambda => MemberPath(lambda),
                _ => null,
            };
            if (names == null)
            {
                throw new InvalidOperationException(
                    $"The include '{call.Arguments[1]}' cannot be translated: the DynamoDB provider includes navigations (Include(x => x.Orders), "
                    + "ThenInclude(o => o.Lines)), not filtered or projected collections. Filter the related entities in a query of their own.");
            }

            if (isThen && previous == null)
            {
                // A ThenInclude after an Include that stays (of an owned type): keep both.
                return call.Update(call.Object, [source, .. call.Arguments.Skip(1)]);
            }

            var full = isThen ? [.. previous!, .. names] : names;
            if (!IsRelated(root, full))
            {
                path = null;
                return call.Update(call.Object, [source, .. call.Arguments.Skip(1)]);
            }

            context.RelatedIncludes.Add(full);
            path = full;
            return source;
        }

        var stripped = Strip(call.Arguments[0], root, context, out _);
        return stripped == call.Arguments[0] ? call : call.Update(call.Object, [stripped, .. call.Arguments.Skip(1)]);
    }

    /// <summary>Whether the path's first navigation leads to another entity type (not an owned one).</summary>
    private static bool IsRelated(IEntityType root, IReadOnlyList<string> path)
        => root.GetDerivedTypesInclusive().Select(t => t.FindNavigation(path[0])).FirstOrDefault(n => n != null) is { } navigation
            && !navigation.TargetEntityType.IsOwned();

    private static List<string>? MemberPath(LambdaExpression lambda)
    {
        var names = new List<string>();
        var current = lambda.Body;
        while (current is MemberExpression member)
        {
            names.Insert(0, member.Member.Name);
            current = member.Expression;
        }

        if (current is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.TypeAs } cast && cast.Operand == lambda.Parameters[0])
        {
            current = cast.Operand;
        }

        return current == lambda.Parameters[0] && names.Count > 0 ? names : null;
    }

    private static IEntityType? RootEntityType(Expression query)
    {
        while (true)
        {
            switch (query)
            {
                case EntityQueryRootExpression root:
                    return root.EntityType;
                case MethodCallExpression { Arguments.Count: > 0 } call:
                    query = call.Arguments[0];
                    continue;
                default:
                    return null;
            }
        }
    }
}
