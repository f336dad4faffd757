// The Forum of AWS's DynamoDBContext examples, every property marked [DynamoDBProperty] as the examples do.
#nullable disable
using Amazon.DynamoDBv2.DataModel;

namespace EFCore.DynamoDb.FunctionalTests.Interop.AwsExamples;

[DynamoDBTable("Forum")]
public class Forum
{
    [DynamoDBHashKey]
    public string Name { get; set; }

    [DynamoDBProperty]
    public int Threads { get; set; }

    [DynamoDBProperty]
    public int Views { get; set; }

    [DynamoDBProperty]
    public string LastPostBy { get; set; }

    [DynamoDBProperty]
    public DateTime LastPostDateTime { get; set; }

    [DynamoDBProperty]
    public int Messages { get; set; }
}
