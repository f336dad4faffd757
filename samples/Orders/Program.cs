using Microsoft.EntityFrameworkCore;
using Orders;

// DynamoDB Local by default; with AWS_REGION set and no DYNAMODB_SERVICE_URL, real DynamoDB in that region
// (credentials from the SDK's default chain: environment, profile, instance role...).
var serviceUrl = Environment.GetEnvironmentVariable("DYNAMODB_SERVICE_URL");
var region = Environment.GetEnvironmentVariable("AWS_REGION");
var tablePrefix = Environment.GetEnvironmentVariable("ORDERS_TABLE_PREFIX") ?? "";
if (serviceUrl == null && region == null)
{
    serviceUrl = "http://localhost:8000";
}

var log = new RequestLog();
var options = log.Attach(new DbContextOptionsBuilder<OrdersContext>())
    .UseDynamoDb(o =>
    {
        if (serviceUrl != null)
        {
            o.ServiceUrl(serviceUrl);
        }
        else
        {
            o.Region(region!);
        }

        o.TableNamePrefix(tablePrefix);
    })
    .Options;

Console.WriteLine($"EFCore.DynamoDb Orders sample (single-table design) against {serviceUrl ?? "AWS region " + region}");
var result = await new OrdersWalkthrough(() => new OrdersContext(options), log, Console.Out).RunAsync();

// The walkthrough's own story: one transaction of 14 items, one Query for each aggregate, no warnings (no Scan).
var asExpected = result.Saved.Value == 14 && result.Saved.Requests.Count == 1
    && result.Aggregate.Requests.Count == 1 && result.Aggregate.Value.Orders.Sum(o => o.Lines.Count) == 10
    && result.Raw.Requests.Count == 1 && result.Raw.Value.Orders.Count == 2
    && result.Warnings.Count == 0;
foreach (var warning in result.Warnings)
{
    Console.WriteLine("warning: " + warning);
}

Console.WriteLine(asExpected ? "Done." : "Unexpected result.");
return asExpected ? 0 : 1;
