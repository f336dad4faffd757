namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     How a save honours cancellation: the caller's token stops it at once from starting requests and ends its waits (batch
///     slots, backoff); a write request already sent gets a short grace to be answered before it is abandoned too.
/// </summary>
/// <remarks>
///     DynamoDB cannot recall a request it received. Abandoning one mid-flight leaves its outcome unknown, so the entries
///     could neither be accepted nor safely be left pending. DynamoDB answers a write in milliseconds, so waiting for the
///     answer keeps the save exact (each entry saved or pending, as DynamoDB holds it) while it still stops promptly; only a
///     request that is not answered within <see cref="Grace" /> is abandoned, and then the retry logic treats its outcome
///     as unknown (see <see cref="SaveAttemptTracker" />).
/// </remarks>
internal sealed class InFlightCancellation : IDisposable
{
    /// <summary>How long a request already sent may take to answer after the save was cancelled.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _requests = new();
    private readonly CancellationTokenRegistration _registration;

    public InFlightCancellation(CancellationToken cancellationToken)
    {
        Stop = cancellationToken;
        _registration = cancellationToken.Register(static state => ((CancellationTokenSource)state!).CancelAfter(Grace), _requests);
    }

    /// <summary>The caller's token: stops new requests and waits.</summary>
    public CancellationToken Stop { get; }

    /// <summary>For the requests themselves: cancelled <see cref="Grace" /> after the caller's token.</summary>
    public CancellationToken Requests => _requests.Token;

    /// <summary>Whether the save was cancelled (a request then fails with an <see cref="OperationCanceledException" /> too).</summary>
    public bool IsCancellationRequested => Stop.IsCancellationRequested || _requests.IsCancellationRequested;

    public void Dispose()
    {
        _registration.Dispose();
        _requests.Dispose();
    }
}
