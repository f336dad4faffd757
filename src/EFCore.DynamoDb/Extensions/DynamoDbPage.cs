namespace Microsoft.EntityFrameworkCore;

/// <summary>One page of a query run with <c>ToPageAsync</c>.</summary>
/// <typeparam name="T">The element type of the query.</typeparam>
/// <param name="Values">The items of the page: at most the page size, fewer only on the last page.</param>
/// <param name="ContinuationToken">
///     An opaque, URL-safe token to pass to the next <c>ToPageAsync</c> call of the same query, or null when this was the last page.
/// </param>
public sealed record DynamoDbPage<T>(IReadOnlyList<T> Values, string? ContinuationToken);
