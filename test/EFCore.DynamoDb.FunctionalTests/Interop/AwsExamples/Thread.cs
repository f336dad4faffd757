// The Thread of AWS's DynamoDBContext examples (HighLevelBatchWriteItem): a renamed list, a version for optimistic locking.
#nullable disable
using Amazon.DynamoDBv2.DataModel;

namespace EFCore.DynamoDb.FunctionalTests.Interop.AwsExamples;

[DynamoDBTable("Thread")]
public class Thread
{
    [DynamoDBHashKey]
    public string ForumName { get; set; }

    [DynamoDBRangeKey]
    public string Subject { get; set; }

    public string Message { get; set; }

    public string LastPostedBy { get; set; }

    public int Views { get; set; }

    public int Replies { get; set; }

    public bool Answered { get; set; }

    public DateTime LastPostedDateTime { get; set; }

    [DynamoDBProperty("Tags")]
    public List<string> KeywordTags { get; set; }

    [DynamoDBVersion]
    public int? Version { get; set; }
}
