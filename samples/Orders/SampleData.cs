namespace Orders;

/// <summary>The aggregate the walkthrough writes: one customer, three orders, ten lines.</summary>
public static class SampleData
{
    /// <summary>
    ///     A customer with orders on 2026-01-05 (Shipped, 3 lines), 2026-02-14 (Delivered, 3 lines) and 2026-03-20 (Shipped,
    ///     4 lines): 14 entities.
    /// </summary>
    public static Customer Aggregate(string customerId)
    {
        var customer = new Customer { Id = customerId, Name = "Alice Example", Email = customerId + "@example.com" };
        (DateOnly Date, OrderStatus Status, int Lines)[] orders =
        [
            (new DateOnly(2026, 1, 5), OrderStatus.Shipped, 3),
            (new DateOnly(2026, 2, 14), OrderStatus.Delivered, 3),
            (new DateOnly(2026, 3, 20), OrderStatus.Shipped, 4),
        ];
        for (var o = 0; o < orders.Length; o++)
        {
            var order = new Order
            {
                CustomerId = customerId,
                OrderDate = orders[o].Date,
                OrderId = 1001 + o,
                Status = orders[o].Status,
            };
            for (var l = 1; l <= orders[o].Lines; l++)
            {
                order.Lines.Add(new OrderLine
                {
                    CustomerId = customerId,
                    OrderDate = order.OrderDate,
                    OrderId = order.OrderId,
                    LineNumber = l,
                    Product = $"product-{order.OrderId}-{l}",
                    Quantity = l,
                    UnitPrice = 2.50m * (o + 1),
                });
            }

            order.Total = order.Lines.Sum(line => line.Quantity * line.UnitPrice);
            customer.Orders.Add(order);
        }

        return customer;
    }
}
