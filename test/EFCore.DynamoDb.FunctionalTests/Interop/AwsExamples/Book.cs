// The shape of the ProductCatalog book in AWS's DynamoDBContext examples (HighLevelQueryAndScan, HighLevelBatchWriteItem), as
// those examples declare it: nullable-oblivious, keys and names by DynamoDBContext's attributes only.
#nullable disable
using Amazon.DynamoDBv2.DataModel;

namespace EFCore.DynamoDb.FunctionalTests.Interop.AwsExamples;

[DynamoDBTable("ProductCatalog")]
public class Book
{
    [DynamoDBHashKey]
    public int Id { get; set; }

    public string Title { get; set; }

    public string ISBN { get; set; }

    public int Price { get; set; }

    public string PageCount { get; set; }

    public string ProductCategory { get; set; }

    public bool InPublication { get; set; }

    [DynamoDBProperty("Authors")]
    public List<string> BookAuthors { get; set; }
}
