using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query.Internal;

namespace EFCore.DynamoDb.Internal;

/// <summary>
///     The database half of <c>FindAsync</c> for one entity type of one model: the query EF's finder builds on every call
///     (<c>set.FirstOrDefault(e =&gt; EF.Property(e, "Pk") == pk &amp;&amp; EF.Property(e, "Sk") == sk)</c>, predicate shaped exactly
///     as EF shapes it) compiled once, as <c>EF.CompileAsyncQuery</c> does, with the key values as its parameters. So each call
///     skips expression building, parameter extraction and EF's query-cache lookup, and still runs the provider's own pipeline:
///     a GetItem planned from the key, logged, retried by the execution strategy, shaped and tracked as any query's results.
///     One compilation per query tracking behavior, since a compiled query fixes its tracking when it is compiled.
/// </summary>
internal sealed class DynamoDbKeyLookup<TEntity>
    where TEntity : class
{
    private static readonly MethodInfo SetMethod
        = typeof(DbContext).GetMethods().Single(m => m.Name == nameof(DbContext.Set) && m.GetParameters().Length == 0)
            .MakeGenericMethod(typeof(TEntity));

    private static readonly MethodInfo SharedTypeSetMethod
        = typeof(DbContext).GetMethods().Single(m => m.Name == nameof(DbContext.Set) && m.GetParameters().Length == 1)
            .MakeGenericMethod(typeof(TEntity));

    private static readonly MethodInfo FirstOrDefaultMethod
        = typeof(Queryable).GetMethods()
            .Single(m => m.Name == nameof(Queryable.FirstOrDefault)
                && m.GetParameters() is [_, { ParameterType.Name: "Expression`1" }])
            .MakeGenericMethod(typeof(TEntity));

    private static readonly MethodInfo PropertyMethod = typeof(EF).GetMethod(nameof(EF.Property))!;

    private readonly IEntityType _entityType;
    private readonly Query?[] _queries = new Query?[3];

    public DynamoDbKeyLookup(IEntityType entityType) => _entityType = entityType;

    public Task<TEntity?> FindAsync(DbContext context, object[] keyValues, CancellationToken cancellationToken)
    {
        var trackingBehavior = context.ChangeTracker.QueryTrackingBehavior;
        var query = _queries[(int)trackingBehavior] ??= new Query(BuildQuery(trackingBehavior));
        return query.ExecuteAsync(context, keyValues, cancellationToken);
    }

    private LambdaExpression BuildQuery(QueryTrackingBehavior trackingBehavior)
    {
        var contextParameter = Expression.Parameter(typeof(DbContext), "context");
        Expression source = _entityType.HasSharedClrType
            ? Expression.Call(contextParameter, SharedTypeSetMethod, Expression.Constant(_entityType.Name))
            : Expression.Call(contextParameter, SetMethod);
        source = Expression.Call(TrackingMethod(trackingBehavior), source);

        var entity = Expression.Parameter(typeof(TEntity), "e");
        var keyProperties = _entityType.FindPrimaryKey()!.Properties;
        var keyParameters = new ParameterExpression[keyProperties.Count];
        Expression? predicate = null;
        for (var i = 0; i < keyProperties.Count; i++)
        {
            var (equal, parameter) = KeyEquality(entity, keyProperties[i], i);
            keyParameters[i] = parameter;
            predicate = predicate == null ? equal : Expression.AndAlso(predicate, equal);
        }

        return Expression.Lambda(
            Expression.Call(FirstOrDefaultMethod, source, Expression.Quote(Expression.Lambda(predicate!, entity))),
            [contextParameter, .. keyParameters]);
    }

    private static MethodInfo TrackingMethod(QueryTrackingBehavior trackingBehavior)
        => typeof(EntityFrameworkQueryableExtensions).GetMethods()
            .Single(m => m.Name == trackingBehavior switch
                {
                    QueryTrackingBehavior.TrackAll => nameof(EntityFrameworkQueryableExtensions.AsTracking),
                    QueryTrackingBehavior.NoTracking => nameof(EntityFrameworkQueryableExtensions.AsNoTracking),
                    _ => nameof(EntityFrameworkQueryableExtensions.AsNoTrackingWithIdentityResolution),
                }
                && m.GetParameters().Length == 1)
            .MakeGenericMethod(typeof(TEntity));

    /// <summary>
    ///     What EF's finder compares a key property with (EF's <c>ExpressionExtensions.BuildPredicate</c>), once its value buffer
    ///     has become a query parameter: <c>==</c> for numbers, bools, enums and reference types, <c>Equals</c> over object
    ///     for other value types (Guid, DateTime...). The same shapes, so the same translation.
    /// </summary>
    private static (Expression Equal, ParameterExpression Parameter) KeyEquality(ParameterExpression entity, IProperty property, int index)
    {
        var name = Expression.Constant(property.Name, typeof(string));
        var clrType = property.ClrType;
        var nonNullableType = clrType.UnwrapNullableType();
        if (clrType.IsValueType && !(nonNullableType == typeof(bool) || IsNumeric(nonNullableType) || nonNullableType.IsEnum))
        {
            var boxed = Expression.Parameter(typeof(object), "findKey" + index);
            return (Microsoft.EntityFrameworkCore.Infrastructure.ExpressionExtensions.CreateEqualsExpression(
                Expression.Call(PropertyMethod.MakeGenericMethod(typeof(object)), entity, name), boxed), boxed);
        }

        var typed = Expression.Parameter(clrType, "findKey" + index);
        return (Expression.Equal(Expression.Call(PropertyMethod.MakeGenericMethod(clrType), entity, name), typed), typed);
    }

    private static bool IsNumeric(Type type)
        => type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort)
            || type == typeof(int) || type == typeof(uint) || type == typeof(long) || type == typeof(ulong)
            || type == typeof(float) || type == typeof(double) || type == typeof(decimal) || type == typeof(char);

    /// <summary>EF's compiled async query, called with the key values as its parameters (in key order).</summary>
    private sealed class Query(LambdaExpression queryExpression) : CompiledAsyncTaskQuery<DbContext, TEntity?>(queryExpression)
    {
        public Task<TEntity?> ExecuteAsync(DbContext context, object[] keyValues, CancellationToken cancellationToken)
            => ExecuteCore(context, cancellationToken, keyValues);
    }
}
