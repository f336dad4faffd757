using Amazon.DynamoDBv2.Model;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     One response's worth of items (already checked against the client-side part of the condition), where it came from,
///     and where the next page starts.
/// </summary>
/// <param name="Items">The matching items of the response.</param>
/// <param name="Count">For Select=COUNT responses: how many items matched.</param>
/// <param name="Segment">Which request of the plan produced it (several Queries or BatchGetItem chunks).</param>
/// <param name="LastEvaluatedKey">DynamoDB's key to continue the same request from, or null at its end.</param>
internal sealed record ItemPage(
    IReadOnlyList<Dictionary<string, AttributeValue>> Items,
    int Count,
    int Segment,
    Dictionary<string, AttributeValue>? LastEvaluatedKey);
