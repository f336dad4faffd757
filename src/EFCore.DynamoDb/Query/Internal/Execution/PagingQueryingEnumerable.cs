using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Execution;

/// <summary>
///     <c>ToPageAsync</c>: one page of exactly the requested size (fewer only at the end), reading as many DynamoDB pages as
///     it takes, and a continuation token that resumes right after the last item returned.
/// </summary>
internal sealed class PagingQueryingEnumerable<T>(
    DynamoDbQueryContext queryContext,
    QueryRunner runner,
    Func<QueryContext, Dictionary<string, AttributeValue>, T> shaper,
    Type contextType,
    bool standAloneStateManager,
    bool threadSafetyChecksEnabled)
    : QueryingEnumerableBase<DynamoDbPage<T>>(queryContext, runner, contextType, standAloneStateManager, threadSafetyChecksEnabled)
{
    protected override async IAsyncEnumerable<DynamoDbPage<T>> ProduceAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (pageSizeExpression, tokenExpression) = Runner.Query.Paging!.Value;
        var pageSize = ParameterEvaluator.ToInt(ParameterEvaluator.Evaluate(pageSizeExpression, QueryContext.Parameters));
        var tokenText = (string?)ParameterEvaluator.Evaluate(tokenExpression, QueryContext.Parameters);
        if (pageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be at least 1.");
        }

        var plan = Runner.Plan(QueryContext);
        var source = ReadDigest(plan);
        var start = tokenText == null ? null : ContinuationToken.Decode(tokenText);
        if (start != null && start.Source != source)
        {
            throw new InvalidOperationException(
                $"The continuation token was returned by another query: this query is {Describe(plan)}, and a token resumes only "
                + "the query that returned it (same table, index, partitions and WithParallelScan segment count). Start this query "
                + "with a null token.");
        }

        var values = new List<T>(Math.Min(pageSize, 1024));
        ContinuationToken? next = null;
        var segments = plan.SegmentCount;

        try
        {
            await foreach (var page in ItemSource.ReadPagesAsync(QueryContext, plan, start, () => pageSize - values.Count, cancellationToken)
                               .ConfigureAwait(false))
            {
                for (var i = 0; i < page.Items.Count && values.Count < pageSize; i++)
                {
                    values.Add(shaper(QueryContext, page.Items[i]));
                    if (values.Count == pageSize)
                    {
                        next = NextToken(plan, page, i, segments);
                    }
                }

                if (values.Count == pageSize)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (start?.ExclusiveStartKey != null
                                          && (exception as AmazonDynamoDBException ?? exception.InnerException as AmazonDynamoDBException)
                                          ?.ErrorCode == "ValidationException")
        {
            throw new InvalidOperationException(
                "DynamoDB refused the continuation token's start key: the token belongs to another query, or the table's key schema changed.",
                exception);
        }

        yield return new DynamoDbPage<T>(values, next == null ? null : (next with { Source = source }).Encode());
    }

    /// <summary>Where the next page starts after taking item <paramref name="index" /> of <paramref name="page" />.</summary>
    private static ContinuationToken? NextToken(ReadPlan plan, ItemPage page, int index, int segments)
    {
        if (plan is GetItemPlan or EmptyPlan or TransactGetPlan)
        {
            return null;
        }

        if (page.ResumeAfter is { } positions)
        {
            // A parallel Scan: every segment's position; inside a response, this segment resumes after the last item returned.
            var resume = positions.ToArray();
            if (index < page.Items.Count - 1)
            {
                resume[page.Segment] = new SegmentPosition(false, KeyOf(plan, page.Items[index]));
            }

            return resume.All(p => p.Done) ? null : new ContinuationToken(0, null, resume);
        }

        if (index < page.Items.Count - 1)
        {
            // Stopped inside a response: resume right after the last item returned, identified by its key attributes.
            return new ContinuationToken(page.Segment, KeyOf(plan, page.Items[index]));
        }

        if (page.LastEvaluatedKey != null)
        {
            return new ContinuationToken(page.Segment, page.LastEvaluatedKey);
        }

        return page.Segment + 1 < segments ? new ContinuationToken(page.Segment + 1, null) : null;
    }

    /// <summary>What the query reads, as the refusal of another query's token says it.</summary>
    private static string Describe(ReadPlan plan)
    {
        var target = plan.IndexName == null ? $"table '{plan.TableName}'" : $"index '{plan.IndexName}' of table '{plan.TableName}'";
        return plan switch
        {
            ScanPlan { SegmentCount: > 1 } scan => $"a parallel Scan of {target} in {scan.SegmentCount} segments",
            ScanPlan => $"a Scan of {target}",
            QueryPlan { SegmentCount: > 1 } query => $"a Query of {target} in {query.SegmentCount} partitions",
            QueryPlan => $"a Query of {target}",
            BatchGetItemPlan batch => $"a BatchGetItem of {batch.Keys.Count} keys of {target}",
            _ => $"a read of {target}",
        };
    }

    /// <summary>A short digest of <see cref="Describe" />: what a token carries, without spelling out the table's name.</summary>
    private static string ReadDigest(ReadPlan plan)
        => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Describe(plan))), 0, 6);

    private static Dictionary<string, AttributeValue> KeyOf(ReadPlan plan, Dictionary<string, AttributeValue> item)
        => plan.KeyAttributeNames.Where(item.ContainsKey).ToDictionary(n => n, n => item[n], StringComparer.Ordinal);
}
