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
        var terminal = Runner.Query.Terminal;
        long count = 0;
        if (limit != 0)
        {
            var stopAtFirst = terminal is QueryTerminal.Any or QueryTerminal.All;
            await foreach (var page in ItemSource.ReadPagesAsync(QueryContext, plan, null, () => stopAtFirst ? 1 : null, cancellationToken)
                               .ConfigureAwait(false))
            {
                count += plan.CountOnServer ? page.Count : page.Items.Count;
                if (stopAtFirst && count > 0)
                {
                    break;
                }
            }
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
