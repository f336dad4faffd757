using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     One response's worth of items (already checked against the client-side part of the condition), where it came from,
///     and where the next page starts.
/// </summary>
/// <param name="Items">The matching items of the response.</param>
/// <param name="Count">For Select=COUNT responses: how many items matched.</param>
/// <param name="Segment">Which request sequence of the plan produced it (a Query of several, a BatchGetItem chunk, a Scan segment).</param>
/// <param name="LastEvaluatedKey">DynamoDB's key to continue the same request from, or null at its end.</param>
/// <param name="ResumeAfter">
///     For a parallel Scan: where every segment resumes once this page has been consumed (the segments whose pages of the
///     same round come later resume at those pages' start).
/// </param>
internal sealed record ItemPage(
    IReadOnlyList<Dictionary<string, AttributeValue>> Items,
    int Count,
    int Segment,
    Dictionary<string, AttributeValue>? LastEvaluatedKey,
    IReadOnlyList<SegmentPosition>? ResumeAfter = null);

/// <summary>Where one segment of a parallel Scan stands: finished, or (re)starting after a key (null: at its beginning).</summary>
internal sealed record SegmentPosition(bool Done, Dictionary<string, AttributeValue>? StartKey)
{
    public static readonly SegmentPosition Start = new(false, null);

    public static readonly SegmentPosition Finished = new(true, null);
}
