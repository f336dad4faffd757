using System.Linq.Expressions;
using EFCore.DynamoDb.Query.Internal;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Query.Internal.Planning;
using EFCore.DynamoDb.Query.Internal.Translation;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Update.Internal;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>
///     DynamoDB's conditional writes for SaveChanges: a condition of your own on an entity's write, a version check skipped,
///     an unconditional PutItem (upsert), and condition checks on other items inside the save's transaction.
/// </summary>
public static class DynamoDbWriteConditionExtensions
{
    /// <summary>
    ///     ANDs <paramref name="condition" /> into the condition of this entity's next Put, Update or Delete (DynamoDB checks it
    ///     on the item as stored, at write time). It applies to the next successful SaveChanges only; calling it again adds a
    ///     further condition. When it does not hold, SaveChanges throws a <see cref="DbUpdateConcurrencyException" /> with this
    ///     entry, saying that the save condition failed. On an added entity it is checked on the absent item, so only conditions
    ///     that hold for missing attributes (<c>a => a.Owner == null</c>) can pass; with <c>Upsert</c> it decides whether the put
    ///     may create or replace the item as stored (PynamoDB's <c>save(condition=...)</c>).
    /// </summary>
    /// <example><c>context.Entry(account).WithSaveCondition(a => a.Balance >= 100);</c></example>
    /// <param name="entry">The entry of a root entity (not an owned one).</param>
    /// <param name="condition">A condition as a query's Where would write it; captured values are read now.</param>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <returns>The same entry.</returns>
    public static EntityEntry<TEntity> WithSaveCondition<TEntity>(this EntityEntry<TEntity> entry, Expression<Func<TEntity, bool>> condition)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(condition);
        var entityType = RootEntityType(entry, nameof(WithSaveCondition));
        var filter = EntityConditionTranslator.Translate(entityType, condition, nameof(WithSaveCondition));
        Pending(entry.Context).AddCondition(entry.Entity, filter, condition.Body.ToString());
        return entry;
    }

    /// <summary>
    ///     Sends this entity's next update or delete without checking its concurrency tokens and row version (DynamoDBContext's
    ///     <c>SkipVersionCheck</c>): it overwrites whatever another writer saved since the entity was read, a lost update. The
    ///     row version still moves on by one in the table (<c>ADD</c>); the entity keeps the version it had, so reload it before
    ///     saving it again with the check. It applies to the next successful SaveChanges only.
    /// </summary>
    /// <param name="entry">The entry of a root entity.</param>
    /// <returns>The same entry.</returns>
    public static EntityEntry SkipVersionCheck(this EntityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        RootEntityType(entry, nameof(SkipVersionCheck));
        Pending(entry.Context).SkipVersionCheck(entry.Entity);
        return entry;
    }

    /// <summary>
    ///     Adds <paramref name="entity" /> to be written by an unconditional PutItem (PynamoDB's <c>save()</c>): it creates the
    ///     item or replaces the one with its key, whatever it holds. The item is replaced whole, so attributes the model does not
    ///     map (written by other tools) are deleted, and a version another writer saved is overwritten. After SaveChanges the
    ///     entity is tracked as Unchanged, like a saved Added entity.
    /// </summary>
    /// <example><c>context.Threads.Upsert(thread); await context.SaveChangesAsync();</c></example>
    /// <param name="set">The entity's set.</param>
    /// <param name="entity">The entity to write.</param>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <returns>The entity's entry, in the Added state.</returns>
    public static EntityEntry<TEntity> Upsert<TEntity>(this DbSet<TEntity> set, TEntity entity)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(entity);
        var entry = set.Add(entity);
        RootEntityType(entry, nameof(Upsert));
        Pending(entry.Context).Upsert(entity);
        return entry;
    }

    /// <summary>
    ///     Adds a ConditionCheck to the next SaveChanges: the item the query pins (its full primary key, with <c>==</c>) must exist
    ///     and match the rest of its Where when the save's writes are applied. The save becomes one TransactWriteItems (even with a
    ///     single write), so nothing is written if the check fails; SaveChanges then throws a <see cref="DbUpdateConcurrencyException" />
    ///     naming the check. It applies to the next successful SaveChanges only.
    /// </summary>
    /// <example><c>context.Database.AddConditionCheck(context.Accounts.Where(a => a.Id == id &amp;&amp; a.Active));</c></example>
    /// <param name="database">The context's database facade.</param>
    /// <param name="query">A DbSet with Where calls only, pinning one item's full key.</param>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    public static void AddConditionCheck<TEntity>(this DatabaseFacade database, IQueryable<TEntity> query)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(query);
        var context = ((IInfrastructure<IServiceProvider>)database).GetService<ICurrentDbContext>().Context;
        var entityType = context.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"AddConditionCheck: '{typeof(TEntity).Name}' is not an entity type of the model.");
        var conditions = new List<LambdaExpression>();
        var expression = query.Expression;
        while (expression is MethodCallExpression { Method.Name: nameof(Queryable.Where) } where && where.Method.DeclaringType == typeof(Queryable))
        {
            conditions.Add((LambdaExpression)((UnaryExpression)where.Arguments[1]).Operand);
            expression = where.Arguments[0];
        }

        if (expression is not EntityQueryRootExpression || conditions.Count == 0)
        {
            throw new InvalidOperationException(
                $"AddConditionCheck takes a DbSet followed by Where calls only (context.Accounts.Where(a => a.Id == id && a.Active)); "
                + $"'{query.Expression}' has other operators.");
        }

        var root = entityType.GetRootType();
        var queryExpression = new DynamoDbQueryExpression(entityType, DiscriminatorFilters.For(entityType));
        foreach (var condition in conditions)
        {
            queryExpression.AddPredicate(EntityConditionTranslator.Translate(entityType, condition, nameof(AddConditionCheck)));
        }

        var tableName = context.GetService<ITableNameResolver>().Resolve(root);
        var plan = DynamoDbRequestPlanner.Plan(
            queryExpression,
            new PlanningContext(
                new Dictionary<string, object?>(), tableName, [], null, ReadOptions.Default, entityType.DisplayName(),
                _ => throw new InvalidOperationException("AddConditionCheck sends no PartiQL.")));
        if (plan is not GetItemPlan get)
        {
            throw new InvalidOperationException(
                $"AddConditionCheck on '{entityType.DisplayName()}' needs a Where that pins the full primary key with == (a ConditionCheck "
                + "addresses one item); this one does not.");
        }

        var description = $"'{entityType.DisplayName()}' with key ("
            + string.Join(", ", get.Request.Key.Select(k => $"{k.Key}={DynamoDbRequestFormatter.FormatValue(k.Value)}")) + ") where "
            + string.Join(" && ", conditions.Select(c => c.Body.ToString()));
        Pending(context).AddCheck(new ConditionCheckRequest(
            tableName,
            get.Request.Key,
            FilterBinder.Bind(queryExpression.Predicate ?? ConstantFilter.True, new Dictionary<string, object?>()) is var bound and not ConstantFilter
                ? bound
                : null,
            KeySchema.ForTable(root).PartitionKey,
            description));
    }

    private static IEntityType RootEntityType(EntityEntry entry, string api)
        => entry.Metadata.IsOwned()
            ? throw new InvalidOperationException(
                $"{api} applies to the entity that owns the item; '{entry.Metadata.DisplayName()}' is owned: call it on its owner's entry.")
            : entry.Metadata;

    private static PendingWriteOptions Pending(DbContext context) => context.GetService<PendingWriteOptions>();
}
