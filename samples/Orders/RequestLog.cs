using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Orders;

/// <summary>
///     Counts the DynamoDB requests EF sends, from the provider's <see cref="DynamoDbEventId.ExecutedRequest" /> event (one per
///     request: every page of a query, every write), so that each step of the walkthrough can say what it cost. Warnings (an
///     implicit Scan, say) are kept too.
/// </summary>
public sealed class RequestLog
{
    private readonly List<SentRequest> _requests = [];
    private readonly List<string> _warnings = [];

    /// <summary>Warnings EF logged (none expected: every read of the walkthrough addresses keys).</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return _warnings.ToList();
            }
        }
    }

    /// <summary>Sends EF's request events (and warnings) of the options' contexts to this log.</summary>
    public DbContextOptionsBuilder<TContext> Attach<TContext>(DbContextOptionsBuilder<TContext> options)
        where TContext : DbContext
        => options.LogTo(
            static (eventId, level) => eventId == DynamoDbEventId.ExecutedRequest || level >= LogLevel.Warning,
            Record);

    /// <summary>The requests sent since the last call.</summary>
    public IReadOnlyList<SentRequest> Take()
    {
        lock (_requests)
        {
            var taken = _requests.ToList();
            _requests.Clear();
            return taken;
        }
    }

    private void Record(EventData eventData)
    {
        if (eventData is DynamoDbRequestEventData request && eventData.EventId == DynamoDbEventId.ExecutedRequest)
        {
            lock (_requests)
            {
                _requests.Add(new SentRequest(request.Operation, request.TableName, request.IndexName, request.ItemCount, request.RequestText));
            }
        }
        else if (eventData.LogLevel >= LogLevel.Warning)
        {
            lock (_warnings)
            {
                _warnings.Add(eventData.ToString());
            }
        }
    }
}
