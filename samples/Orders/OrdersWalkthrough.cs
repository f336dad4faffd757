using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Microsoft.EntityFrameworkCore;

namespace Orders;

/// <summary>
///     A single-table design with EFCore.DynamoDb, step by step: create the table, write a customer's whole aggregate in one
///     transaction, read it back with one Query, query a date range by key condition, query by status through the overloaded
///     index, and read items the raw SDK wrote. Each step is a method a test can call; each prints what it did and the DynamoDB
///     requests it took, counted from EF's log.
/// </summary>
public sealed class OrdersWalkthrough(Func<OrdersContext> createContext, RequestLog log, TextWriter output)
{
    /// <summary>The customer whose aggregate EF writes.</summary>
    public const string CustomerId = "alice";

    /// <summary>The customer whose items the raw SDK writes.</summary>
    public const string RawCustomerId = "bob";

    /// <summary>The date range of the range step: February and March 2026.</summary>
    public static readonly (DateOnly From, DateOnly To) DateRange = (new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 31));

    /// <summary>The status step: orders shipped in 2026.</summary>
    public static readonly (OrderStatus Status, DateOnly Since) StatusQuery = (OrderStatus.Shipped, new DateOnly(2026, 1, 1));

    /// <summary>Every step, in order, against a table that does not exist yet.</summary>
    public async Task<OrdersWalkthroughResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var created = await CreateTableAsync(cancellationToken);
        var written = SampleData.Aggregate(CustomerId);
        var saved = await SaveAggregateAsync(written, cancellationToken);
        var aggregate = await ReadAggregateAsync(CustomerId, cancellationToken);
        var range = await OrdersBetweenAsync(CustomerId, DateRange.From, DateRange.To, cancellationToken);
        var byStatus = await OrdersByStatusAsync(StatusQuery.Status, StatusQuery.Since, cancellationToken);
        var rawWritten = await WriteRawItemsAsync(RawCustomerId, cancellationToken);
        var raw = await ReadAggregateAsync(RawCustomerId, cancellationToken);
        return new OrdersWalkthroughResult(created, written, saved, aggregate, range, byStatus, rawWritten, raw, log.Warnings);
    }

    /// <summary>EnsureCreatedAsync: the table with its PK/SK key schema and the GSI1 index.</summary>
    public Task<StepResult<bool>> CreateTableAsync(CancellationToken cancellationToken = default)
        => Step(
            $"Create the table '{OrdersContext.TableName}' (PK, SK and the global index GSI1 on GSI1PK, GSI1SK) and wait until it is ACTIVE",
            null,
            async context => await context.Database.EnsureCreatedAsync(cancellationToken),
            created => created ? "created" : "already there");

    /// <summary>Adds the customer (its orders and lines come with it) and saves: one SaveChangesAsync, one transaction.</summary>
    public Task<StepResult<int>> SaveAggregateAsync(Customer customer, CancellationToken cancellationToken = default)
        => Step(
            $"Write customer '{customer.Id}' with {customer.Orders.Count} orders and {customer.Orders.Sum(o => o.Lines.Count)} lines in ONE SaveChangesAsync",
            null,
            async context =>
            {
                context.Customers.Add(customer);
                return await context.SaveChangesAsync(cancellationToken);
            },
            written => $"{written} items written, atomically");

    /// <summary>The customer with its orders and their lines: the whole partition in one Query.</summary>
    public Task<StepResult<Customer>> ReadAggregateAsync(string customerId, CancellationToken cancellationToken = default)
        => Step(
            $"Read customer '{customerId}' with its orders and their lines: Include(c => c.Orders).ThenInclude(o => o.Lines)",
            context => AggregateQuery(context, customerId).ToQueryString(),
            async context => await AggregateQuery(context, customerId).SingleAsync(cancellationToken),
            Describe);

    /// <summary>The customer's orders placed from <paramref name="from" /> to <paramref name="to" />: a range of SK.</summary>
    public Task<StepResult<List<Order>>> OrdersBetweenAsync(
        string customerId,
        DateOnly from,
        DateOnly to,
        CancellationToken cancellationToken = default)
        => Step(
            $"Read the orders of customer '{customerId}' from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}: a key condition on SK",
            context => RangeQuery(context, customerId, from, to).ToQueryString(),
            context => RangeQuery(context, customerId, from, to).ToListAsync(cancellationToken),
            Describe);

    /// <summary>Every customer's orders of one status since a date: a Query of GSI1.</summary>
    public Task<StepResult<List<Order>>> OrdersByStatusAsync(OrderStatus status, DateOnly since, CancellationToken cancellationToken = default)
        => Step(
            $"Read every customer's {status} orders since {since:yyyy-MM-dd}: the overloaded index GSI1",
            context => StatusQueryOf(context, status, since).ToQueryString(),
            context => StatusQueryOf(context, status, since).ToListAsync(cancellationToken),
            Describe);

    /// <summary>
    ///     Writes <see cref="RawItems" /> with the raw SDK client EF uses (<c>Database.GetDynamoDbClient()</c>), one PutItem each:
    ///     requests EF does not send, so they are counted here rather than in EF's log.
    /// </summary>
    public Task<StepResult<IReadOnlyList<Dictionary<string, AttributeValue>>>> WriteRawItemsAsync(
        string customerId,
        CancellationToken cancellationToken = default)
        => Step(
            $"Write customer '{customerId}' with the raw AWS SDK: PutItem with PK/SK strings and no discriminator attribute",
            null,
            async context =>
            {
                var client = context.Database.GetDynamoDbClient();
                var table = context.Database.GetDynamoDbTableName<Customer>();
                var items = RawItems.ForCustomer(customerId);
                foreach (var item in items)
                {
                    await client.PutItemAsync(new PutItemRequest { TableName = table, Item = item }, cancellationToken);
                }

                return items;
            },
            items => $"{items.Count} PutItem calls by the raw SDK (outside EF, so not in its log): "
                + string.Join(", ", items.Select(i => i["SK"].S)));

    private static IQueryable<Customer> AggregateQuery(OrdersContext context, string customerId)
        => context.Customers.AsNoTracking()
            .Where(c => c.Id == customerId)
            .Include(c => c.Orders)
            .ThenInclude(o => o.Lines);

    private static IQueryable<Order> RangeQuery(OrdersContext context, string customerId, DateOnly from, DateOnly to)
        => context.Orders.AsNoTracking()
            .Where(o => o.CustomerId == customerId && o.OrderDate >= from && o.OrderDate <= to);

    private static IQueryable<Order> StatusQueryOf(OrdersContext context, OrderStatus status, DateOnly since)
        => context.Orders.AsNoTracking()
            .Where(o => o.Status == status && o.OrderDate >= since);

    /// <summary>
    ///     Runs one step on a new context (so that nothing is answered from an earlier step's change tracker), printing its title,
    ///     the query it sends, what it found, and the requests EF's log recorded while it ran.
    /// </summary>
    private async Task<StepResult<T>> Step<T>(
        string title,
        Func<OrdersContext, string>? queryString,
        Func<OrdersContext, Task<T>> action,
        Func<T, string> describe)
    {
        await using var context = createContext();
        output.WriteLine($"* {title}");
        var query = queryString?.Invoke(context);
        if (query != null)
        {
            output.WriteLine("    ToQueryString():");
            foreach (var line in query.Split(Environment.NewLine))
            {
                output.WriteLine("      " + line);
            }
        }

        log.Take();
        var value = await action(context);
        var requests = log.Take();
        foreach (var line in describe(value).Split(Environment.NewLine))
        {
            output.WriteLine("    " + line);
        }

        output.WriteLine($"    DynamoDB: {requests.Count} request{(requests.Count == 1 ? "" : "s")} through EF{(requests.Count == 0 ? "" : ": " + string.Join(", ", Summarize(requests)))}");
        return new StepResult<T>(value, requests, query);
    }

    /// <summary>"DescribeTable Shop x3" rather than three lines for the polls of one wait.</summary>
    private static IEnumerable<string> Summarize(IReadOnlyList<SentRequest> requests)
        => requests.GroupBy(r => r.ToString()).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} x{g.Count()}");

    private static string Describe(Customer customer)
        => $"{customer.Name} <{customer.Email}>, {customer.Orders.Count} orders, {customer.Orders.Sum(o => o.Lines.Count)} lines"
            + string.Concat(customer.Orders.OrderBy(o => o.OrderDate).Select(o => Environment.NewLine + "  " + Describe(o)));

    private static string Describe(List<Order> orders)
        => orders.Count == 0 ? "no orders" : string.Join(Environment.NewLine, orders.Select(Describe));

    private static string Describe(Order order)
        => string.Create(
            CultureInfo.InvariantCulture,
            $"{order.CustomerId} order {order.OrderId} of {order.OrderDate:yyyy-MM-dd}, {order.Status}, {order.Total:0.00}")
            + (order.Lines.Count == 0
                ? ""
                : ": " + string.Join(", ", order.Lines.OrderBy(l => l.LineNumber).Select(l => $"{l.Quantity} x {l.Product}")));
}
