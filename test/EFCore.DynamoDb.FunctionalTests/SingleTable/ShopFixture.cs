namespace EFCore.DynamoDb.FunctionalTests.SingleTable;

/// <summary>The Shop table, created once per test class; each test writes its own customers.</summary>
public class ShopFixture() : SingleTableFixture<ShopContext>("Shop")
{
    public override ShopContext CreateContext() => new(Options);

    /// <summary>A customer with three orders and ten lines, as one aggregate.</summary>
    public static Customer Aggregate(string id)
    {
        var customer = new Customer { Id = id, Name = "Customer " + id, Email = id + "@example.com" };
        var lineCounts = new[] { 3, 3, 4 };
        for (var o = 0; o < 3; o++)
        {
            var order = new Order
            {
                CustomerId = id,
                OrderDate = new DateTime(2026, 1, 10 + o * 7, 0, 0, 0, DateTimeKind.Utc),
                OrderId = 1000 + o,
                Status = (OrderStatus)(o % 3),
                Total = 10.5m * (o + 1),
            };
            for (var l = 1; l <= lineCounts[o]; l++)
            {
                order.Lines.Add(new OrderLine
                {
                    CustomerId = id,
                    OrderDate = order.OrderDate,
                    OrderId = order.OrderId,
                    LineNumber = l,
                    Product = $"product-{o}-{l}",
                    Quantity = l,
                });
            }

            customer.Orders.Add(order);
        }

        return customer;
    }
}
