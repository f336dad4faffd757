using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using EFCore.DynamoDb.Benchmarks.Infrastructure;
using EFCore.DynamoDb.Benchmarks.Model;

namespace EFCore.DynamoDb.Benchmarks;

/// <summary>
///     Not part of the comparison (run with <c>--mode breakdown</c>): what asking for ReturnConsumedCapacity = TOTAL costs,
///     end to end. The provider asks for it on every read (to log capacity); the raw baseline, like most hand-written
///     code, does not.
/// </summary>
[MemoryDiagnoser]
public class ConsumedCapacityCost
{
    private IAmazonDynamoDB _client = null!;

    [Params(TransportKind.DynamoDbLocal, TransportKind.Recorded)]
    public TransportKind Transport { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var layers = await Layers.GetAsync(Transport);
        _client = layers.Client;
        if (layers.Handler is { } handler)
        {
            // Record exactly the requests the benchmarks send: the baselines leave ReturnConsumedCapacity out (null), which is
            // a different request body from an explicit NONE.
            handler.Recording = true;
            await PointRead(null);
            await PointRead(ReturnConsumedCapacity.TOTAL);
            await Query100(null);
            await Query100(ReturnConsumedCapacity.TOTAL);
            handler.Recording = false;
        }
    }

    [Benchmark(Baseline = true)]
    public Task<int> PointRead_Raw() => PointRead(null);

    [Benchmark]
    public Task<int> PointRead_Raw_ConsumedCapacity() => PointRead(ReturnConsumedCapacity.TOTAL);

    [Benchmark]
    public Task<int> Query100_Raw() => Query100(null);

    [Benchmark]
    public Task<int> Query100_Raw_ConsumedCapacity() => Query100(ReturnConsumedCapacity.TOTAL);

    private async Task<int> PointRead(ReturnConsumedCapacity? capacity)
    {
        var response = await _client.GetItemAsync(new GetItemRequest
        {
            TableName = DataSet.ReadTable,
            Key = RawMapping.Key(DataSet.QueryForum, DataSet.PointSubject),
            ReturnConsumedCapacity = capacity,
        });
        return RawMapping.FromItem(response.Item).Views;
    }

    private async Task<int> Query100(ReturnConsumedCapacity? capacity)
    {
        var response = await _client.QueryAsync(new QueryRequest
        {
            TableName = DataSet.ReadTable,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new() { ["#pk"] = "ForumName" },
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = DataSet.QueryForum } },
            ReturnConsumedCapacity = capacity,
        });
        return RawMapping.FromItems(response.Items).Count;
    }
}
