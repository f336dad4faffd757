namespace Orders;

/// <summary>
///     An order, in its customer's partition: <c>PK = "CUSTOMER#{CustomerId}"</c>, <c>SK = "ORDER#{OrderDate:yyyy-MM-dd}#{OrderId:D8}"</c>,
///     so that a customer's orders sort by date. In the overloaded global index GSI1 under <c>GSI1PK = "STATUS#{Status}"</c>.
/// </summary>
public class Order
{
    /// <summary>Held by <c>PK</c>; the foreign key to the customer.</summary>
    public string CustomerId { get; set; } = null!;

    /// <summary>Held by <c>SK</c> (and <c>GSI1SK</c>) as <c>yyyy-MM-dd</c>.</summary>
    public DateOnly OrderDate { get; set; }

    /// <summary>Held by <c>SK</c> as eight digits, zero-padded so that the text sorts like the number.</summary>
    public int OrderId { get; set; }

    /// <summary>An attribute of its own (<c>Status</c>) and the hole of <c>GSI1PK</c>.</summary>
    public OrderStatus Status { get; set; }

    public decimal Total { get; set; }

    public Customer? Customer { get; set; }

    /// <summary>The order's lines, in the same partition.</summary>
    public List<OrderLine> Lines { get; set; } = [];
}
