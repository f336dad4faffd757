namespace Orders;

/// <summary>
///     A line of an order, in the customer's partition too: <c>SK = "LINE#{OrderDate:yyyy-MM-dd}#{OrderId:D8}#{LineNumber:D3}"</c>.
///     Every key property is in the key text, so a line item holds only <c>PK</c>, <c>SK</c>, <c>Product</c>, <c>Quantity</c>
///     and <c>UnitPrice</c>.
/// </summary>
public class OrderLine
{
    public string CustomerId { get; set; } = null!;

    public DateOnly OrderDate { get; set; }

    public int OrderId { get; set; }

    public int LineNumber { get; set; }

    public string Product { get; set; } = null!;

    public int Quantity { get; set; }

    public decimal UnitPrice { get; set; }
}
