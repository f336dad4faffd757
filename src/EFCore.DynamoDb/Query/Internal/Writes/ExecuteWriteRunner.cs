using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Infrastructure.Internal;
using EFCore.DynamoDb.Query.Internal.Execution;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Query.Internal.Planning;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Expressions;
using EFCore.DynamoDb.Update.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EFCore.DynamoDb.Query.Internal.Writes;

/// <summary>
///     Runs one execution of an ExecuteUpdate or ExecuteDelete (docs/design.md section 7). The Where is the condition of every
///     write, checked by DynamoDB at write time. When it pins the full primary key (or a list of full keys) the writes go
///     straight to those keys; otherwise the planner's Query or Scan reads the keys of the matching items (keys only), and
///     each is written with the condition again, so an item changed since it was read is not wrongly written. Writes run in
///     parallel, at most <c>MaxBatchWriteParallelism</c> at once, each under the execution strategy. The result is the number
///     of items DynamoDB actually changed: a write whose condition failed changes nothing and counts nothing.
/// </summary>
internal sealed class ExecuteWriteRunner
{
    private readonly QueryRunner _reader;
    private readonly IReadOnlyList<string> _tableKeys;
    private readonly string _entityTypeName;
    private readonly string _partitionKey;

    public ExecuteWriteRunner(DynamoDbQueryExpression query, IReadOnlyList<UpdateAction>? actions)
    {
        Query = query;
        Actions = actions;
        var table = KeySchema.ForTable(query.RootEntityType);
        _tableKeys = table.KeyAttributes;
        _partitionKey = table.PartitionKey;
        _reader = new QueryRunner(query, _tableKeys);
        _entityTypeName = query.EntityType.DisplayName();
    }

    public DynamoDbQueryExpression Query { get; }

    /// <summary>The update's actions; null for a delete.</summary>
    public IReadOnlyList<UpdateAction>? Actions { get; }

    private string OperationName => Actions == null ? "ExecuteDelete" : "ExecuteUpdate";

    /// <summary>The entry point of a compiled ExecuteUpdateAsync / ExecuteDeleteAsync: the number of items changed.</summary>
    public static async Task<int> ExecuteAsync(DynamoDbQueryContext context, ExecuteWriteRunner runner, Type contextType, bool threadSafetyChecks)
    {
        using var _ = threadSafetyChecks ? context.ConcurrencyDetector.EnterCriticalSection() : (IDisposable?)null;
        try
        {
            EntityFrameworkMetricsData.ReportQueryExecuting();
            return await runner.RunAsync(context, returnItem: false, context.CancellationToken).ConfigureAwait(false) is { } result
                ? result.Changed
                : 0;
        }
        catch (Exception exception) when (context.ExceptionDetector.IsCancellation(exception, context.CancellationToken))
        {
            context.QueryLogger.QueryCanceled(contextType);
            throw;
        }
    }

    /// <summary>ExecuteUpdate and ExecuteDelete have no synchronous form here: the AWS SDK is asynchronous on .NET.</summary>
    public static int Execute(DynamoDbQueryContext context, ExecuteWriteRunner runner, Type contextType, bool threadSafetyChecks)
        => throw new InvalidOperationException(
            $"The DynamoDB provider does not support synchronous {runner.OperationName}: the AWS SDK is asynchronous on .NET. Use "
            + $"{runner.OperationName}Async.");

    /// <summary>The writes of one execution; with <paramref name="returnItem" />, the one item as it is after the update.</summary>
    public async Task<WriteOutcome?> RunAsync(DynamoDbQueryContext context, bool returnItem, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var condition = FilterBinder.Bind(Query.Predicate ?? ConstantFilter.True, context.Parameters);
        if (condition is ConstantFilter { Value: false })
        {
            return null;
        }

        var plan = _reader.Plan(context);
        if (returnItem && plan is not (GetItemPlan or EmptyPlan))
        {
            throw new InvalidOperationException(
                $"ExecuteUpdateAndGetAsync on '{_entityTypeName}' needs a Where that pins its full primary key with == (one item); this "
                + $"one would read {Describe(plan)}. Use ExecuteUpdateAsync to update several items.");
        }

        if (plan is GetItemPlan pinned)
        {
            // The key equalities are the key the request addresses: they hold for the item it writes, or there is no item.
            condition = PlanParts.AndAll(FilterBinder.Conjuncts(condition).Where(c => !IsKeyEquality(c, pinned.Request.Key)).ToList())
                ?? ConstantFilter.True;
        }

        (condition, var keyChecks) = SplitKeyChecks(condition);
        var template = BuildTemplate(context, condition, plan.TableName, returnItem) with { KeyChecks = keyChecks };
        switch (plan)
        {
            case EmptyPlan:
                return null;
            case GetItemPlan get:
                // One key: no read, no parallelism, one conditional request.
                return await WriteOneAsync(context, template, get.Request.Key, cancellationToken).ConfigureAwait(false);
            case BatchGetItemPlan batch:
                return await WriteAllAsync(context, template, batch.Keys.ToAsyncEnumerable(), cancellationToken).ConfigureAwait(false);
            case QueryPlan or ScanPlan:
                return await WriteAllAsync(context, template, ReadKeysAsync(context, plan, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
            default:
                throw new InvalidOperationException($"{OperationName} cannot write the items of a {plan.GetType().Name}.");
        }
    }

    /// <summary>
    ///     Splits off the conditions on properties a table key template holds (<c>o.OrderDate &gt;= d</c> inside <c>SK</c>): a
    ///     ConditionExpression cannot compare inside a key's text, so they are checked on each key before its write instead. A key
    ///     never changes, so what they say of it still holds when the write lands. A condition that mixes such a property with
    ///     other attributes (in one OR) can be checked neither way and is refused.
    /// </summary>
    private (FilterNode Condition, FilterNode? KeyChecks) SplitKeyChecks(FilterNode condition)
    {
        var conjuncts = FilterBinder.Conjuncts(condition).ToList();
        if (!conjuncts.Any(PlanParts.HasKeyComponent))
        {
            return (condition, null);
        }

        var keyChecks = new List<FilterNode>();
        var rest = new List<FilterNode>();
        foreach (var conjunct in conjuncts)
        {
            if (!PlanParts.HasKeyComponent(conjunct))
            {
                rest.Add(conjunct);
            }
            else if (PlanParts.AttributesOf(conjunct).All(_tableKeys.Contains))
            {
                keyChecks.Add(conjunct);
            }
            else
            {
                throw new InvalidOperationException(
                    $"{OperationName} of '{_entityTypeName}': the condition '{conjunct}' combines a property a key template holds with "
                    + "other attributes, which DynamoDB can check neither in the key nor in the write's condition. Write the key "
                    + "properties' conditions as conditions of their own (joined by &&), or run one operation per alternative.");
            }
        }

        return (PlanParts.AndAll(rest) ?? ConstantFilter.True, PlanParts.AndAll(keyChecks));
    }

    /// <summary>The request every item gets, but for its key: built once per execution.</summary>
    private WriteTemplate BuildTemplate(DynamoDbQueryContext context, FilterNode condition, string tableName, bool returnItem)
    {
        var builder = new DynamoDbExpressionBuilder();
        var conditions = new List<string> { $"attribute_exists({builder.Name(_partitionKey)})" };
        string? updateExpression = null;
        var idempotent = true;
        if (Actions != null)
        {
            var writer = new UpdateExpressionWriter(builder, context.Parameters);
            writer.Write(Actions);
            if (!writer.IsEmpty)
            {
                updateExpression = writer.Expression;
                DynamoDbExpressionLimits.Check("UpdateExpression", updateExpression, 0);
            }

            idempotent = writer.IsIdempotent;
            conditions.AddRange(writer.Conditions());
        }

        if (condition is not ConstantFilter)
        {
            // The Where, in parentheses: a single node may render as an OR (a null check matches a missing or NULL attribute).
            var filterWriter = new FilterWriter(builder);
            var text = filterWriter.Write(condition);
            DynamoDbExpressionLimits.Check("ConditionExpression", text, filterWriter.OperatorCount);
            conditions.Add($"({text})");
        }

        var conditionExpression = string.Join(" AND ", conditions);
        DynamoDbExpressionLimits.Check("ConditionExpression", conditionExpression, 0);
        return new WriteTemplate(
            tableName, updateExpression, conditionExpression, builder.NamesOrNull, builder.ValuesOrNull, idempotent,
            Actions != null && updateExpression == null, returnItem);
    }

    /// <summary>The keys of the items the plan reads (it projects the keys only, and filters as the query would).</summary>
    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> ReadKeysAsync(
        DynamoDbQueryContext context,
        ReadPlan plan,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in ItemSource.ReadPagesAsync(context, plan, null, static () => null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                var key = new Dictionary<string, AttributeValue>(_tableKeys.Count, StringComparer.Ordinal);
                foreach (var name in _tableKeys)
                {
                    key[name] = item[name];
                }

                yield return key;
            }
        }
    }

    private async Task<WriteOutcome> WriteAllAsync(
        DynamoDbQueryContext context,
        WriteTemplate template,
        IAsyncEnumerable<Dictionary<string, AttributeValue>> keys,
        CancellationToken cancellationToken)
    {
        var changed = 0;
        var parallelism = context.Context.GetService<IDynamoDbSingletonOptions>().MaxBatchWriteParallelism;
        using var inFlight = new InFlightCancellation(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(
                    keys,
                    new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = inFlight.Stop },
                    async (key, _) =>
                    {
                        var outcome = await WriteOneAsync(context, template, key, inFlight.Requests).ConfigureAwait(false);
                        Interlocked.Add(ref changed, outcome.Changed);
                    })
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(
                $"{OperationName} of '{_entityTypeName}' was cancelled after changing {changed} item(s); no further request was sent, "
                + "and the items not reached are unchanged.",
                exception,
                cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"{OperationName} of '{_entityTypeName}' failed after changing {changed} item(s); no further request was sent. "
                + exception.Message,
                exception);
        }

        return new WriteOutcome(changed, null);
    }

    private async Task<WriteOutcome> WriteOneAsync(
        DynamoDbQueryContext context,
        WriteTemplate template,
        Dictionary<string, AttributeValue> key,
        CancellationToken cancellationToken)
    {
        if (template.KeyChecks != null && !FilterEvaluator.Matches(template.KeyChecks, key))
        {
            // The key itself does not match the Where (a condition on a later hole of its template): nothing to write.
            return new WriteOutcome(0, null);
        }

        if (template.CountOnly)
        {
            // The values left nothing to do (an empty Union): DynamoDB needs an action, so the condition is checked by a read.
            return await CountAsync(context, template, key, cancellationToken).ConfigureAwait(false);
        }

        AmazonDynamoDBRequest request = Actions == null
            ? new DeleteItemRequest
            {
                TableName = template.TableName,
                Key = key,
                ConditionExpression = template.ConditionExpression,
                ExpressionAttributeNames = template.Names,
                ExpressionAttributeValues = template.Values,
            }
            : new UpdateItemRequest
            {
                TableName = template.TableName,
                Key = key,
                UpdateExpression = template.UpdateExpression,
                ConditionExpression = template.ConditionExpression,
                ExpressionAttributeNames = template.Names,
                ExpressionAttributeValues = template.Values,
                ReturnValues = template.ReturnItem ? ReturnValue.ALL_NEW : null,
            };
        return await context.ExecutionStrategy.ExecuteAsync(
                (runner: this, context, request, template, key),
                static async (_, state, ct) =>
                {
                    try
                    {
                        if (state.request is UpdateItemRequest update)
                        {
                            var response = await state.context.Executor.UpdateItemAsync(update, ct).ConfigureAwait(false);
                            return new WriteOutcome(1, response.Attributes is { Count: > 0 } item ? item : null);
                        }

                        await state.context.Executor.DeleteItemAsync((DeleteItemRequest)state.request, ct).ConfigureAwait(false);
                        return new WriteOutcome(1, null);
                    }
                    catch (ConditionalCheckFailedException)
                    {
                        // The item does not exist, or no longer matches the Where: not changed, not counted.
                        return new WriteOutcome(0, null);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        throw state.runner.Fail(state.template, state.key, exception);
                    }
                },
                null,
                cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Whether the item matches the condition, by a consistent read of it (no write is needed).</summary>
    private async Task<WriteOutcome> CountAsync(
        DynamoDbQueryContext context,
        WriteTemplate template,
        Dictionary<string, AttributeValue> key,
        CancellationToken cancellationToken)
    {
        var plan = new GetItemPlan(new GetItemRequest { TableName = template.TableName, Key = key, ConsistentRead = true })
        {
            TableName = template.TableName,
            ClientFilter = FilterBinder.Bind(Query.Predicate ?? ConstantFilter.True, context.Parameters) is var bound and not ConstantFilter
                ? bound
                : null,
            EntityTypeName = _entityTypeName,
        };
        var count = 0;
        await foreach (var page in ItemSource.ReadPagesAsync(context, plan, null, static () => 1, cancellationToken).ConfigureAwait(false))
        {
            count += page.Items.Count;
        }

        return new WriteOutcome(count, null);
    }

    private Exception Fail(WriteTemplate template, Dictionary<string, AttributeValue> key, Exception exception)
    {
        var operation = Actions == null ? "DeleteItem" : "UpdateItem";
        var target = $"{OperationName} of '{_entityTypeName}': DynamoDB {operation} on table '{template.TableName}' for the item with key "
            + $"({string.Join(", ", key.Select(k => $"{k.Key}={DynamoDbRequestFormatter.FormatValue(k.Value)}"))})";
        if (!template.IsIdempotent && DynamoDbTransientErrors.IsOutcomeUnknown(exception))
        {
            // Sending ADD or list_append again after a lost answer could apply it twice: not a retry the strategy may make.
            return new InvalidOperationException(
                $"{target} failed and may or may not have been applied: {exception.Message} It was not retried, because its actions (ADD, "
                + "list_append, arithmetic or the row version) would be applied twice if the first attempt had landed.",
                exception);
        }

        return DynamoDbTransientErrors.RequestFailure(
            exception is Amazon.Runtime.AmazonServiceException service
                ? $"{target} failed: {exception.Message} ({service.ErrorCode ?? "no error code"}, HTTP {(int)service.StatusCode})."
                : $"{target} could not be completed: {exception.Message}",
            exception);
    }

    private static bool IsKeyEquality(FilterNode conjunct, Dictionary<string, AttributeValue> key)
        => conjunct is ComparisonFilter
            {
                Operator: Filters.ComparisonOperator.Equal, Left: PathOperand { IsTopLevel: true } path, Right: ConstantOperand { Value: not null } value,
            }
            && key.TryGetValue(path.RootAttribute, out var keyValue)
            && value.Mapping.ToAttributeValue(value.Value) is { } stored
            && PlanParts.KeyText(stored) == PlanParts.KeyText(keyValue);

    private static string Describe(ReadPlan plan)
        => plan switch
        {
            BatchGetItemPlan batch => $"{batch.Keys.Count} keys",
            QueryPlan => "the items of a Query",
            _ => "the items of a Scan",
        };

    /// <summary>What one execution sends to every item.</summary>
    private sealed record WriteTemplate(
        string TableName,
        string? UpdateExpression,
        string ConditionExpression,
        Dictionary<string, string>? Names,
        Dictionary<string, AttributeValue>? Values,
        bool IsIdempotent,
        bool CountOnly,
        bool ReturnItem)
    {
        /// <summary>The Where's conditions on properties a key template holds, checked on each key before its write.</summary>
        public FilterNode? KeyChecks { get; init; }
    }
}

/// <summary>What the writes of an execution did: the items changed, and for ExecuteUpdateAndGetAsync the item after the update.</summary>
internal sealed record WriteOutcome(int Changed, Dictionary<string, AttributeValue>? Item);
