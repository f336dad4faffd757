// The Reply of AWS's DynamoDBContext examples: a DateTime sort key, a renamed attribute, a version.
#nullable disable
using Amazon.DynamoDBv2.DataModel;

namespace EFCore.DynamoDb.FunctionalTests.Interop.AwsExamples;

[DynamoDBTable("Reply")]
public class Reply
{
    [DynamoDBHashKey]
    public string Id { get; set; }

    [DynamoDBRangeKey]
    public DateTime ReplyDateTime { get; set; }

    public string Message { get; set; }

    [DynamoDBProperty("LastPostedBy")]
    public string PostedBy { get; set; }

    [DynamoDBVersion]
    public int? Version { get; set; }
}
