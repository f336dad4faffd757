// The bicycles of AWS's ProductCatalog sample data, mapped the way the examples map their books: same table as Book, no
// discriminator, nested maps for the pictures and the reviews.
#nullable disable
using Amazon.DynamoDBv2.DataModel;

namespace EFCore.DynamoDb.FunctionalTests.Interop.AwsExamples;

[DynamoDBTable("ProductCatalog")]
public class Bicycle
{
    [DynamoDBHashKey]
    public int Id { get; set; }

    public string Title { get; set; }

    public string Description { get; set; }

    public string BicycleType { get; set; }

    public string Brand { get; set; }

    public decimal Price { get; set; }

    [DynamoDBProperty("Color")]
    public List<string> Colors { get; set; }

    public string ProductCategory { get; set; }

    public Pictures Pictures { get; set; }

    public ProductReviews ProductReviews { get; set; }

    public HashSet<int> RelatedItems { get; set; }
}

public class Pictures
{
    public string FrontView { get; set; }

    public string RearView { get; set; }

    public string SideView { get; set; }
}

public class ProductReviews
{
    public List<string> FiveStar { get; set; }

    public List<string> OneStar { get; set; }
}
