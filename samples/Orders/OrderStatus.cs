namespace Orders;

/// <summary>Where an order is; stored by name (<c>HasConversion&lt;string&gt;()</c>), so <c>GSI1PK</c> reads <c>STATUS#Shipped</c>.</summary>
public enum OrderStatus
{
    Placed,
    Shipped,
    Delivered,
}
