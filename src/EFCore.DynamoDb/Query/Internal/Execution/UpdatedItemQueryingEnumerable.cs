using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Writes;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     ExecuteUpdateAndGetAsync: one conditional UpdateItem with <c>ReturnValues = ALL_NEW</c>, and the item it returns shaped
///     into the entity; no result when the item does not exist or the condition failed.
/// </summary>
internal sealed class UpdatedItemQueryingEnumerable<T>(
    DynamoDbQueryContext queryContext,
    ExecuteWriteRunner writer,
    Func<QueryContext, Dictionary<string, AttributeValue>, T> shaper,
    Type contextType,
    bool threadSafetyChecksEnabled)
    : QueryingEnumerableBase<T>(queryContext, new QueryRunner(writer.Query, null), contextType, standAloneStateManager: false, threadSafetyChecksEnabled)
{
    protected override async IAsyncEnumerable<T> ProduceAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await writer.RunAsync(QueryContext, returnItem: true, cancellationToken).ConfigureAwait(false) is { Item: { } item })
        {
            yield return shaper(QueryContext, item);
        }
    }
}
