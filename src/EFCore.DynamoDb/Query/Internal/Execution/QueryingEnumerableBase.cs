using System.Collections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     What every DynamoDB query result has in common: asynchronous only (the AWS SDK is asynchronous on .NET, so synchronous
///     enumeration throws naming the async method), EF's thread-safety check around each step, query failure logging, and
///     <c>ToQueryString()</c>.
/// </summary>
internal abstract class QueryingEnumerableBase<T> : IAsyncEnumerable<T>, IEnumerable<T>, IQueryingEnumerable
{
    protected QueryingEnumerableBase(
        DynamoDbQueryContext queryContext,
        QueryRunner runner,
        Type contextType,
        bool standAloneStateManager,
        bool threadSafetyChecksEnabled)
    {
        QueryContext = queryContext;
        Runner = runner;
        ContextType = contextType;
        StandAloneStateManager = standAloneStateManager;
        ThreadSafetyChecksEnabled = threadSafetyChecksEnabled;
    }

    protected DynamoDbQueryContext QueryContext { get; }

    protected QueryRunner Runner { get; }

    private Type ContextType { get; }

    private bool StandAloneStateManager { get; }

    private bool ThreadSafetyChecksEnabled { get; }

    /// <summary>Produces the results; called once per enumeration, after the state manager is ready.</summary>
    protected abstract IAsyncEnumerable<T> ProduceAsync(CancellationToken cancellationToken);

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        => new Enumerator(this, cancellationToken);

    public IEnumerator<T> GetEnumerator()
        => throw new InvalidOperationException(
            "The DynamoDB provider does not support synchronous queries: the AWS SDK is asynchronous on .NET. Use the async methods "
            + "(ToListAsync, FirstOrDefaultAsync, CountAsync, AnyAsync, FindAsync...) or AsAsyncEnumerable().");

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public virtual string ToQueryString() => Runner.ToQueryString(QueryContext);

    private sealed class Enumerator(QueryingEnumerableBase<T> owner, CancellationToken cancellationToken) : IAsyncEnumerator<T>
    {
        private readonly IConcurrencyDetector? _concurrencyDetector
            = owner.ThreadSafetyChecksEnabled ? owner.QueryContext.ConcurrencyDetector : null;

        private IAsyncEnumerator<T>? _inner;

        public T Current { get; private set; } = default!;

        public async ValueTask<bool> MoveNextAsync()
        {
            try
            {
                using var _ = _concurrencyDetector?.EnterCriticalSection();
                if (_inner == null)
                {
                    EntityFrameworkMetricsData.ReportQueryExecuting();
                    owner.QueryContext.InitializeStateManager(owner.StandAloneStateManager);
                    _inner = owner.ProduceAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                }

                var hasNext = await _inner.MoveNextAsync().ConfigureAwait(false);
                Current = hasNext ? _inner.Current : default!;
                return hasNext;
            }
            catch (Exception exception)
            {
                if (owner.QueryContext.ExceptionDetector.IsCancellation(exception, cancellationToken))
                {
                    owner.QueryContext.QueryLogger.QueryCanceled(owner.ContextType);
                }
                else
                {
                    owner.QueryContext.QueryLogger.QueryIterationFailed(owner.ContextType, exception);
                }

                throw;
            }
        }

        public ValueTask DisposeAsync() => _inner?.DisposeAsync() ?? default;
    }
}
