namespace EFCore.DynamoDb.FunctionalTests.Conformance.Model;

/// <summary>A product: a numeric partition key, nullable numbers of several widths, a string-converted nullable enum.</summary>
public class Product
{
    public int ProductID { get; set; }

    /// <summary>Stored under the attribute name "name", a DynamoDB reserved word.</summary>
    public string ProductName { get; set; } = null!;

    public int? SupplierID { get; set; }

    /// <summary>Stored as text (HasConversion&lt;string&gt;): equality translates, ordering does not.</summary>
    public ProductCategory? Category { get; set; }

    public string? QuantityPerUnit { get; set; }

    public decimal? UnitPrice { get; set; }

    public ushort? UnitsInStock { get; set; }

    public short UnitsOnOrder { get; set; }

    public short? ReorderLevel { get; set; }

    public bool Discontinued { get; set; }
}
