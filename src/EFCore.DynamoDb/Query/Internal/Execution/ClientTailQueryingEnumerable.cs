using System.Collections;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     Runs the query's DynamoDB part (<paramref name="rows" />), then its client tail over the rows read: LINQ-to-Objects
///     operators DynamoDB cannot apply, such as Distinct. The rows are buffered, since those operators need them all.
/// </summary>
internal sealed class ClientTailQueryingEnumerable<TRow, TResult>(
    QueryingEnumerableBase<TRow> rows,
    QueryContext queryContext,
    Func<QueryContext, IEnumerable<TRow>, object?> tail,
    bool isScalar,
    string description)
    : IAsyncEnumerable<TResult>, IEnumerable<TResult>, IQueryingEnumerable
{
    public async IAsyncEnumerator<TResult> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var buffered = new List<TRow>();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            buffered.Add(row);
        }

        var result = tail(queryContext, buffered);
        if (isScalar)
        {
            yield return (TResult)result!;
            yield break;
        }

        foreach (var item in (IEnumerable<TResult>)result!)
        {
            yield return item;
        }
    }

    public IEnumerator<TResult> GetEnumerator()
    {
        // Throws the provider's "use the async methods" error.
        using var _ = ((IEnumerable<TRow>)rows).GetEnumerator();
        throw new InvalidOperationException("The DynamoDB provider does not support synchronous queries.");
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public string ToQueryString()
        => rows.ToQueryString() + Environment.NewLine + "-- Then on the client, over the rows read: " + description;
}
