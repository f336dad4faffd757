using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     The results of a query, streamed: items are shaped one at a time as pages arrive, so a large result is never held in
///     memory at once. Take and Skip count matching items, whatever DynamoDB's Limit counted.
/// </summary>
internal sealed class ItemQueryingEnumerable<T>(
    DynamoDbQueryContext queryContext,
    QueryRunner runner,
    Func<QueryContext, Dictionary<string, AttributeValue>, T> shaper,
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
        if (limit == 0)
        {
            yield break;
        }

        var skipped = 0;
        var produced = 0;
        await foreach (var page in ItemSource.ReadPagesAsync(QueryContext, plan, null, () => limit + offset - skipped - produced, cancellationToken)
                           .ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                if (skipped < offset)
                {
                    skipped++;
                    continue;
                }

                yield return shaper(QueryContext, item);
                if (++produced == limit)
                {
                    yield break;
                }
            }
        }
    }
}
