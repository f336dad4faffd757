namespace Orders;

/// <summary>A customer: the head item of its own partition, <c>PK = SK = "CUSTOMER#{Id}"</c>.</summary>
public class Customer
{
    /// <summary>Held by both key attributes (no attribute of its own).</summary>
    public string Id { get; set; } = null!;

    public string Name { get; set; } = null!;

    public string? Email { get; set; }

    /// <summary>The customer's orders, in the customer's partition (an item collection).</summary>
    public List<Order> Orders { get; set; } = [];
}
