using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Metadata.Internal;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Query.Internal.Includes;
using EFCore.DynamoDb.Query.Internal.Planning;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     The results of a query with includes of other entity types. When every include lives in its principal's partition (an
///     item collection) and the query reads whole partitions of the table (a key lookup or a Query of partitions), one Query of
///     each partition returns the entities and everything included, told apart by their keys; otherwise the query runs as
///     it would and <see cref="RelatedIncludeLoader" /> reads the includes after it, by key. Results are yielded once their
///     includes are loaded.
/// </summary>
internal sealed class IncludingQueryingEnumerable<T>(
    DynamoDbQueryContext queryContext,
    QueryRunner runner,
    Func<QueryContext, Dictionary<string, AttributeValue>, T> shaper,
    RelatedIncludeLoader loader,
    Type contextType,
    bool standAloneStateManager,
    bool threadSafetyChecksEnabled)
    : QueryingEnumerableBase<T>(queryContext, runner, contextType, standAloneStateManager, threadSafetyChecksEnabled)
{
    protected override async IAsyncEnumerable<T> ProduceAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var plan = Runner.Plan(QueryContext);
        var limit = Runner.Limit(QueryContext);
        var offset = Runner.Offset(QueryContext);
        var results = new List<T>();
        if (limit == 0)
        {
            yield break;
        }

        if (ItemCollectionPlan(plan) is { } partitions)
        {
            // One read of the whole partitions: the query's entities are the items its condition holds for.
            var items = new List<Dictionary<string, AttributeValue>>();
            await foreach (var page in ItemSource.ReadPagesAsync(QueryContext, partitions, null, static () => null, cancellationToken)
                               .ConfigureAwait(false))
            {
                items.AddRange(page.Items);
            }

            var condition = FilterBinder.Bind(Runner.Query.Predicate ?? ConstantFilter.True, QueryContext.Parameters);
            foreach (var item in items.Where(i => FilterEvaluator.Matches(condition, i)).Skip(offset).Take(limit ?? int.MaxValue))
            {
                results.Add(shaper(QueryContext, item));
            }

            loader.LoadFromItems(QueryContext, results.Cast<object>().ToList(), items);
        }
        else
        {
            var skipped = 0;
            await foreach (var page in ItemSource.ReadPagesAsync(
                                   QueryContext, plan, null, () => limit == null ? null : limit + offset - skipped - results.Count, cancellationToken)
                               .ConfigureAwait(false))
            {
                foreach (var item in page.Items)
                {
                    if (skipped < offset)
                    {
                        skipped++;
                        continue;
                    }

                    if (results.Count < (limit ?? int.MaxValue))
                    {
                        results.Add(shaper(QueryContext, item));
                    }
                }

                if (results.Count == limit)
                {
                    break;
                }
            }

            await loader.LoadAsync(QueryContext, results.Cast<object>().ToList(), cancellationToken).ConfigureAwait(false);
        }

        foreach (var result in results)
        {
            yield return result;
        }
    }

    public override string ToQueryString()
    {
        var plan = Runner.Plan(QueryContext);
        var itemCollection = ItemCollectionPlan(plan);
        return (itemCollection is QueryPlan partitions
                ? Storage.Internal.DynamoDbRequestFormatter.Format(partitions.Requests[0], includeValues: true)
                + (partitions.Requests.Count > 1 ? $"{Environment.NewLine}-- and {partitions.Requests.Count - 1} more Query request(s), one per partition" : "")
                + $"{Environment.NewLine}-- One Query of each partition reads the entities and what they include (an item collection)."
                : base.ToQueryString())
            + Environment.NewLine + loader.Describe(inTheQuery: itemCollection != null);
    }

    /// <summary>
    ///     One Query of each partition the query reads, without key or filter conditions, when that returns every entity and
    ///     every include: the includes are item collections, the query reads whole partitions of the table, and it needs no
    ///     order other than the partitions'.
    /// </summary>
    private ReadPlan? ItemCollectionPlan(ReadPlan plan)
    {
        if (!loader.IsItemCollection || Runner.Query.Orderings.Count > 0)
        {
            return null;
        }

        var root = Runner.Query.RootEntityType;
        var partitionKey = DynamoDbKeyParts.PartitionKey(root)!;
        IReadOnlyList<AttributeValue>? partitions = plan switch
        {
            GetItemPlan get => [get.Request.Key[partitionKey.AttributeName]],
            BatchGetItemPlan batch => batch.Keys.Select(k => k[partitionKey.AttributeName]).DistinctBy(PlanParts.KeyText).ToList(),
            QueryPlan { IndexName: null, PartitionValues: { } values } => values,
            _ => null,
        };
        if (partitions == null)
        {
            return null;
        }

        return new QueryPlan(
            partitions.Select(p => RelatedIncludeLoader.PartitionQuery(plan.TableName, root, partitionKey, p, withTypePrefix: false) is var request
                    && Runner.Query.ConsistentRead
                    ? WithConsistentRead(request)
                    : request)
                .ToList(),
            CountOnServer: false)
        {
            TableName = plan.TableName,
            KeyAttributeNames = plan.KeyAttributeNames,
            EntityTypeName = plan.EntityTypeName,
            Options = plan.Options,
        };
    }

    private static QueryRequest WithConsistentRead(QueryRequest request)
    {
        request.ConsistentRead = true;
        return request;
    }
}
