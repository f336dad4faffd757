using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EFCore.DynamoDb.FunctionalTests.TestUtilities;

/// <summary>Captures what EF logs, so tests can assert which DynamoDB requests were sent.</summary>
public sealed class TestLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<(EventId Id, LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(EventId Id, LogLevel Level, string Message)> Entries => _entries.ToArray();

    public void Clear() => _entries.Clear();

    /// <summary>The messages of the events with this id, in order.</summary>
    public IReadOnlyList<string> Messages(EventId eventId) => _entries.Where(e => e.Id.Id == eventId.Id).Select(e => e.Message).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(TestLoggerFactory factory) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => factory._entries.Enqueue((eventId, logLevel, formatter(state, exception)));
    }
}
