using EFCore.DynamoDb.Query.Internal.Planning;
using System.Runtime.CompilerServices;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     Count, LongCount, Any and All: one scalar computed from the responses. Count sums Select=COUNT pages (DynamoDB stops
///     counting at 1 MB per page); Any and All stop at the first matching item.
/// </summary>
internal sealed class TerminalQueryingEnumerable<T>(
    DynamoDbQueryContext queryContext,
    QueryRunner runner,
    Type contextType,
    bool threadSafetyChecksEnabled)
    : QueryingEnumerableBase<T>(queryContext, runner, contextType, standAloneStateManager: false, threadSafetyChecksEnabled)
{
    protected override async IAsyncEnumerable<T> ProduceAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var plan = Runner.Plan(QueryContext);
        var limit = Runner.Limit(QueryContext);
        var offset = Runner.Offset(QueryContext);
        var terminal = Runner.Query.Terminal;

        // Count only as far as the answer needs: past the offset, up to the limit, or to the first match for Any and All.
        long? enough = terminal is QueryTerminal.Any or QueryTerminal.All ? offset + 1L : limit == null ? null : (long)limit + offset;
        long count = 0;
        if (limit != 0)
        {
            await foreach (var page in ItemSource.ReadPagesAsync(
                                   QueryContext, plan, null, () => enough == null ? null : (int)Math.Min(int.MaxValue, enough.Value - count),
                                   cancellationToken)
                               .ConfigureAwait(false))
            {
                count += plan is QueryPlan { CountOnServer: true } or ScanPlan { CountOnServer: true } ? page.Count : page.Items.Count;
                if (count >= enough)
                {
                    break;
                }
            }
        }

        count = Math.Max(0, count - offset);
        if (limit != null)
        {
            count = Math.Min(count, limit.Value);
        }

        object result = terminal switch
        {
            QueryTerminal.Any => count > 0,
            QueryTerminal.All => count == 0,
            _ when typeof(T) == typeof(long) => count,
            _ => checked((int)count),
        };
        yield return (T)result;
    }
}
