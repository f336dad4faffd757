using Amazon.DynamoDBv2.Model;

namespace Orders;

/// <summary>
///     Items another program wrote into the same table with the raw AWS SDK: generic <c>PK</c>/<c>SK</c> strings, the GSI1
///     attributes, plain attributes, and no discriminator. EF reads them as customers, orders and lines by their sort key
///     prefixes, and the properties held by the keys from the key text.
/// </summary>
public static class RawItems
{
    /// <summary>A customer with two orders (2025-12-01 Delivered, two lines; 2025-12-20 Shipped, one line): six items.</summary>
    public static IReadOnlyList<Dictionary<string, AttributeValue>> ForCustomer(string customerId)
    {
        var pk = S("CUSTOMER#" + customerId);
        return
        [
            new() { ["PK"] = pk, ["SK"] = S("CUSTOMER#" + customerId), ["Name"] = S("Bob Raw"), ["Email"] = S(customerId + "@example.org") },
            Order(pk, "2025-12-01", 501, "Delivered", "19.90"),
            Line(pk, "2025-12-01", 501, 1, "tea", 2, "4.95"),
            Line(pk, "2025-12-01", 501, 2, "mug", 1, "10.00"),
            Order(pk, "2025-12-20", 502, "Shipped", "35.00"),
            Line(pk, "2025-12-20", 502, 1, "teapot", 1, "35.00"),
        ];
    }

    private static Dictionary<string, AttributeValue> Order(AttributeValue pk, string date, int orderId, string status, string total)
    {
        var sk = $"ORDER#{date}#{orderId:D8}";
        return new()
        {
            ["PK"] = pk, ["SK"] = S(sk), ["Status"] = S(status), ["Total"] = N(total),
            ["GSI1PK"] = S("STATUS#" + status), ["GSI1SK"] = S(sk),
        };
    }

    private static Dictionary<string, AttributeValue> Line(
        AttributeValue pk, string date, int orderId, int lineNumber, string product, int quantity, string unitPrice)
        => new()
        {
            ["PK"] = pk, ["SK"] = S($"LINE#{date}#{orderId:D8}#{lineNumber:D3}"), ["Product"] = S(product),
            ["Quantity"] = N(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)), ["UnitPrice"] = N(unitPrice),
        };

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(string value) => new() { N = value };
}
