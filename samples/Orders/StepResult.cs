namespace Orders;

/// <summary>What one step of the walkthrough returned, the requests it sent and, for a query, what ToQueryString printed.</summary>
public sealed record StepResult<T>(T Value, IReadOnlyList<SentRequest> Requests, string? QueryString);
