using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Forum;

/// <summary>
///     Listens to EF's log and remembers the DynamoDB operations each step sends (from the provider's ExecutedRequest
///     event), so the walkthrough can print them.
/// </summary>
public sealed class RequestRecorder : ILoggerProvider
{
    private readonly List<string> _operations = [];

    /// <summary>The operations sent since the last call, e.g. "Query Thread INDEX ByCategory".</summary>
    public IReadOnlyList<string> Take()
    {
        lock (_operations)
        {
            var taken = _operations.ToList();
            _operations.Clear();
            return taken;
        }
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this);

    public void Dispose()
    {
    }

    private sealed class Recorder(RequestRecorder owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id != DynamoDbEventId.ExecutedRequest.Id || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return;
            }

            var operation = values.FirstOrDefault(v => v.Key == "operation").Value;
            var table = values.FirstOrDefault(v => v.Key == "table").Value;
            lock (owner._operations)
            {
                owner._operations.Add($"{operation} {table}");
            }
        }
    }
}
