namespace EFCore.DynamoDb.FunctionalTests.Conformance.Model;

/// <summary>An order line: two numeric keys (partition OrderID, sort ProductID), decimal, short and float values.</summary>
public class OrderDetail
{
    public int OrderID { get; set; }

    public int ProductID { get; set; }

    public decimal UnitPrice { get; set; }

    public short Quantity { get; set; }

    public float Discount { get; set; }
}
