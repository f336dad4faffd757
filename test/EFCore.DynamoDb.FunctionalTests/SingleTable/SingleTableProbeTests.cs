using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.SingleTable;

/// <summary>
///     Single-table shapes as an outside user writes them (includes with operators, queries across the shared table,
///     updates of other tools' items), each compared with LINQ-to-Objects over the same aggregate.
/// </summary>
public class SingleTableProbeTests(ShopFixture fixture, DepotFixture depots) : IClassFixture<ShopFixture>, IClassFixture<DepotFixture>
{
    private static readonly DateTime Day10 = new(2026, 1, 10, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Day17 = new(2026, 1, 17, 0, 0, 0, DateTimeKind.Utc);

    private async Task<Customer> SaveAsync(string id)
    {
        var customer = ShopFixture.Aggregate(id);
        await using var context = fixture.CreateContext();
        context.Customers.Add(customer);
        await context.SaveChangesAsync();
        return customer;
    }

    [Fact]
    public async Task Include_of_the_customer_from_its_orders_partition()
    {
        await SaveAsync("p1");
        await using var context = fixture.CreateContext();
        var orders = await context.Orders.Where(o => o.CustomerId == "p1").Include(o => o.Customer).ToListAsync();
        Assert.Equal(3, orders.Count);
        Assert.All(orders, o => Assert.Equal("Customer p1", o.Customer!.Name));
        Assert.Same(orders[0].Customer, orders[1].Customer);
    }

    [Fact]
    public async Task Include_of_the_lines_of_one_order_by_its_full_key_and_by_its_date()
    {
        var saved = await SaveAsync("p2");
        await using var context = fixture.CreateContext();
        var one = await context.Orders.AsNoTracking()
            .Where(o => o.CustomerId == "p2" && o.OrderDate == Day17 && o.OrderId == 1001).Include(o => o.Lines).SingleAsync();
        Assert.Equal(saved.Orders[1].Lines.Select(l => l.ToString()), one.Lines.Select(l => l.ToString()).Order());
        var byDate = await context.Orders.AsNoTracking()
            .Where(o => o.CustomerId == "p2" && o.OrderDate == Day10).Include(o => o.Lines).SingleAsync();
        Assert.Equal(3, byDate.Lines.Count);
        Assert.All(byDate.Lines, l => Assert.Equal(1000, l.OrderId));
        var byLaterHole = await context.Orders.AsNoTracking()
            .Where(o => o.CustomerId == "p2" && o.OrderId == 1002).Include(o => o.Lines).SingleAsync();
        Assert.Equal(4, byLaterHole.Lines.Count);
    }

    [Fact]
    public async Task Include_with_ordering_and_Take_includes_the_related_items_of_each_result()
    {
        var saved = await SaveAsync("p3");
        await using var context = fixture.CreateContext();
        var newest = await context.Orders.AsNoTracking().Where(o => o.CustomerId == "p3")
            .OrderByDescending(o => o.OrderDate).Include(o => o.Lines).Take(2).ToListAsync();
        Assert.Equal([1002, 1001], newest.Select(o => o.OrderId));
        Assert.Equal([4, 3], newest.Select(o => o.Lines.Count));

        var oldest = await context.Orders.AsNoTracking().Where(o => o.CustomerId == "p3")
            .OrderBy(o => o.OrderDate).Include(o => o.Lines).FirstAsync();
        Assert.Equal(1000, oldest.OrderId);
        Assert.Equal(3, oldest.Lines.Count);

        var customer = await context.Customers.AsNoTracking().Where(c => c.Id == "p3").Include(c => c.Orders).ThenInclude(o => o.Lines)
            .Take(1).SingleAsync();
        Assert.Equal(3, customer.Orders.Count);
        Assert.Equal(saved.Orders.Sum(o => o.Lines.Count), customer.Orders.Sum(o => o.Lines.Count));
    }

    [Fact]
    public async Task Include_with_aggregates_projections_and_identity_resolution()
    {
        await SaveAsync("p4");
        await using var context = fixture.CreateContext();
        var partition = context.Orders.Where(o => o.CustomerId == "p4").Include(o => o.Lines);
        Assert.Equal(3, await partition.CountAsync());
        Assert.True(await partition.AnyAsync(o => o.Status == OrderStatus.Delivered));
        Assert.Equal([1000, 1001, 1002], (await partition.Select(o => o.OrderId).ToListAsync()).Order());

        var resolved = await context.Orders.AsNoTrackingWithIdentityResolution().Where(o => o.CustomerId == "p4")
            .Include(o => o.Customer).Include(o => o.Lines).ToListAsync();
        Assert.Equal(3, resolved.Count);
        Assert.All(resolved, o => Assert.Same(resolved[0].Customer, o.Customer));
        Assert.Equal(10, resolved.Sum(o => o.Lines.Count));
        Assert.Empty(context.ChangeTracker.Entries());
    }

    [Fact]
    public async Task A_condition_on_the_included_navigation_is_refused()
    {
        await using var context = fixture.CreateContext();
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Orders
            .Where(o => o.CustomerId == "p5" && o.Customer!.Name == "x").Include(o => o.Customer).ToListAsync());
        Assert.Contains("DbSet<Customer>", exception.Message, StringComparison.Ordinal);
        Assert.Contains("could not be translated", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partition_queries_of_each_type_agree_with_LINQ_to_Objects()
    {
        var saved = await SaveAsync("p6");
        var expected = saved.Orders;
        await using var context = fixture.CreateContext();
        Assert.Equal(3, await context.Orders.CountAsync(o => o.CustomerId == "p6"));
        Assert.Equal(10, await context.Lines.CountAsync(l => l.CustomerId == "p6"));
        Assert.True(await context.Lines.AnyAsync(l => l.CustomerId == "p6" && l.LineNumber == 4));
        Assert.False(await context.Lines.AnyAsync(l => l.CustomerId == "p6" && l.LineNumber == 5));
        Assert.Equal(3, await context.Orders.Where(o => o.CustomerId == "p6").OfType<Order>().CountAsync());

        var newest = await context.Orders.Where(o => o.CustomerId == "p6").OrderByDescending(o => o.OrderDate).Take(2)
            .Select(o => o.OrderId).ToListAsync();
        Assert.Equal(expected.OrderByDescending(o => o.OrderDate).Take(2).Select(o => o.OrderId), newest);

        var ids = new List<int> { 1000, 1002, 7 };
        var chosen = await context.Orders.Where(o => o.CustomerId == "p6" && ids.Contains(o.OrderId)).Select(o => o.OrderId).ToListAsync();
        Assert.Equal(expected.Where(o => ids.Contains(o.OrderId)).Select(o => o.OrderId), chosen.Order());

        var dates = new List<DateTime> { Day10, Day17 };
        var byDates = await context.Orders.Where(o => o.CustomerId == "p6" && dates.Contains(o.OrderDate)).Select(o => o.OrderId).ToListAsync();
        Assert.Equal(expected.Where(o => dates.Contains(o.OrderDate)).Select(o => o.OrderId), byDates.Order());
    }

    [Fact]
    public async Task Pages_over_a_templated_sort_key_read_every_order_once_in_key_order()
    {
        await SaveAsync("p7");
        await using var context = fixture.CreateContext();
        var query = context.Orders.Where(o => o.CustomerId == "p7").OrderByDescending(o => o.OrderDate);
        var read = new List<int>();
        string? token = null;
        do
        {
            var page = await query.ToPageAsync(2, token);
            read.AddRange(page.Values.Select(o => o.OrderId));
            token = page.ContinuationToken;
        }
        while (token != null);

        Assert.Equal([1002, 1001, 1000], read);
    }

    [Fact]
    public async Task Deleting_an_order_with_its_lines_and_ExecuteDelete_over_a_date_range()
    {
        await SaveAsync("p8");
        await using (var context = fixture.CreateContext())
        {
            var order = await context.Orders.Where(o => o.CustomerId == "p8" && o.OrderId == 1000).Include(o => o.Lines).SingleAsync();
            context.RemoveRange(order.Lines);
            context.Remove(order);
            await context.SaveChangesAsync();
        }

        var items = await fixture.RawClient.QueryPartitionAsync(fixture.Table, "PK", "CUSTOMER#p8");
        Assert.Equal(14 - 4, items.Count);
        Assert.DoesNotContain(items, i => i["SK"].S.Contains("00001000", StringComparison.Ordinal));

        await using (var context = fixture.CreateContext())
        {
            var changed = await context.Orders.Where(o => o.CustomerId == "p8" && o.OrderDate >= Day17)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Total, 1m));
            Assert.Equal(2, changed);
            var deleted = await context.Orders.Where(o => o.CustomerId == "p8" && o.OrderDate >= Day17 && o.OrderId == 1002).ExecuteDeleteAsync();
            Assert.Equal(1, deleted);
        }

        items = await fixture.RawClient.QueryPartitionAsync(fixture.Table, "PK", "CUSTOMER#p8");
        var left = Assert.Single(items, i => i["SK"].S.StartsWith("ORDER#", StringComparison.Ordinal));
        Assert.Equal("ORDER#2026-01-17#00001001", left["SK"].S);
        Assert.Equal("1", left["Total"].N);
    }

    [Fact]
    public async Task Items_another_tool_wrote_with_copies_of_the_key_properties_read_and_keep_them()
    {
        // A writer that stores CustomerId and OrderId as attributes of their own too, next to the key text that holds them.
        await fixture.RawClient.PutItemAsync(new PutItemRequest
        {
            TableName = fixture.Table,
            Item = new()
            {
                ["PK"] = new() { S = "CUSTOMER#p9" }, ["SK"] = new() { S = "ORDER#2026-03-01#00000042" },
                ["CustomerId"] = new() { S = "p9" }, ["OrderId"] = new() { N = "42" }, ["OrderDate"] = new() { S = "2026-03-01" },
                ["Status"] = new() { N = "0" }, ["Total"] = new() { N = "5" }, ["Note"] = new() { S = "kept" },
            },
        });
        await using (var context = fixture.CreateContext())
        {
            var order = await context.Orders.SingleAsync(o => o.CustomerId == "p9");
            Assert.Equal(42, order.OrderId);
            Assert.Equal(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), order.OrderDate);
            order.Total = 6m;
            order.Status = OrderStatus.Shipped;
            await context.SaveChangesAsync();
        }

        var item = Assert.Single(await fixture.RawClient.QueryPartitionAsync(fixture.Table, "PK", "CUSTOMER#p9"));
        Assert.Equal("6", item["Total"].N);
        Assert.Equal("STATUS#Shipped", item["GSI1PK"].S);
        Assert.Equal("2026-03-01#00000042", item["GSI1SK"].S);
        Assert.Equal("p9", item["CustomerId"].S);
        Assert.Equal("42", item["OrderId"].N);
        Assert.Equal("2026-03-01", item["OrderDate"].S);
        Assert.Equal("kept", item["Note"].S);
    }

    [Fact]
    public async Task ExecuteUpdate_of_a_full_templated_key_and_of_an_index_template_property()
    {
        await SaveAsync("q1");
        await using (var context = fixture.CreateContext())
        {
            var order = context.Orders.Where(o => o.CustomerId == "q1" && o.OrderDate == Day10 && o.OrderId == 1000);
            Assert.Equal(1, await order.ExecuteUpdateAsync(s => s.SetProperty(o => o.Total, 3m)));

            // GSI1PK is built from Status alone: the update rewrites it, so the item moves in the index with its status.
            var status = OrderStatus.Delivered;
            Assert.Equal(1, await order.ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, status)));
            Assert.Contains(1000, await context.Orders.Where(o => o.Status == OrderStatus.Delivered && o.CustomerId == "q1").Select(o => o.OrderId).ToListAsync());
            Assert.DoesNotContain(1000, await context.Orders.Where(o => o.Status == OrderStatus.Placed && o.CustomerId == "q1").Select(o => o.OrderId).ToListAsync());

            // Every order of the partition, by a Query of its keys: each one's index key follows.
            Assert.Equal(3, await context.Orders.Where(o => o.CustomerId == "q1").ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Shipped)));
            var shipped = context.Orders.Where(o => o.Status == OrderStatus.Shipped);
            Assert.Contains("INDEX GSI1", shipped.ToQueryString(), StringComparison.Ordinal);
            Assert.Equal([1000, 1001, 1002], (await shipped.ToListAsync()).Where(o => o.CustomerId == "q1").Select(o => o.OrderId).Order());
        }

        var item = Assert.Single(await fixture.RawClient.QueryPartitionAsync(fixture.Table, "PK", "CUSTOMER#q1"), i => i["SK"].S == "ORDER#2026-01-10#00001000");
        Assert.Equal("3", item["Total"].N);
        Assert.Equal("STATUS#Shipped", item["GSI1PK"].S);
        Assert.Equal(((int)OrderStatus.Shipped).ToString(System.Globalization.CultureInfo.InvariantCulture), item["Status"].N);
    }

    [Fact]
    public async Task ExecuteUpdate_refuses_a_condition_mixing_a_key_property_with_an_attribute_in_one_OR()
    {
        await SaveAsync("q2");
        await using var context = fixture.CreateContext();
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Orders
            .Where(o => o.CustomerId == "q2" && (o.OrderId == 1000 || o.Total > 20m)).ExecuteDeleteAsync());
        Assert.Contains("'Order'", exception.Message, StringComparison.Ordinal);
        Assert.Equal(3, await context.Orders.CountAsync(o => o.CustomerId == "q2"));
    }

    [Fact]
    public async Task Loading_the_customer_and_the_lines_of_an_order_explicitly()
    {
        await SaveAsync("q3");
        await using var context = fixture.CreateContext();
        var order = await context.Orders.SingleAsync(o => o.CustomerId == "q3" && o.OrderId == 1001);
        await context.Entry(order).Reference(o => o.Customer).LoadAsync();
        Assert.Equal("Customer q3", order.Customer!.Name);
        await context.Entry(order).Collection(o => o.Lines).LoadAsync();
        Assert.Equal([1, 2, 3], order.Lines.Select(l => l.LineNumber).Order());
        Assert.All(order.Lines, l => Assert.Equal(1001, l.OrderId));
    }

    [Fact]
    public async Task Include_over_several_partitions_and_with_Skip_and_pages()
    {
        await SaveAsync("q4");
        await SaveAsync("q5");
        await using var context = fixture.CreateContext();
        var customers = await context.Customers.AsNoTracking().Where(c => c.Id == "q4" || c.Id == "q5").Include(c => c.Orders).ToListAsync();
        Assert.Equal(["q4", "q5"], customers.Select(c => c.Id).Order());
        Assert.All(customers, c => Assert.Equal(3, c.Orders.Count));
        Assert.All(customers, c => Assert.All(c.Orders, o => Assert.Equal(c.Id, o.CustomerId)));

        var skipped = await context.Orders.AsNoTracking().Where(o => o.CustomerId == "q4").OrderBy(o => o.OrderDate).Include(o => o.Lines)
            .Skip(1).ToListAsync();
        Assert.Equal([1001, 1002], skipped.Select(o => o.OrderId));
        Assert.Equal([3, 4], skipped.Select(o => o.Lines.Count));

        // A page covers the query's own items only: with an Include it is refused, not read without the related entities.
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Orders.Where(o => o.CustomerId == "q5")
            .Include(o => o.Lines).ToPageAsync(2, null));
        Assert.Contains("Order.Lines", exception.Message, StringComparison.Ordinal);
    }

    private async Task<Depot> SaveDepotAsync(int id)
    {
        var (depot, parcels) = DepotFixture.Aggregate(id);
        await using var context = depots.CreateContext();
        context.Depots.Add(depot);
        context.Parcels.AddRange(parcels);
        await context.SaveChangesAsync();
        return depot;
    }

    [Fact]
    public async Task An_inverted_index_finds_a_shipment_by_its_id_across_depots()
    {
        var saved = await SaveDepotAsync(1);
        await SaveDepotAsync(2);
        var wanted = saved.Shipments[2];
        await using var context = depots.CreateContext();
        var query = context.Shipments.Where(s => s.Kind == wanted.Kind && s.ShipmentId == wanted.ShipmentId).Include(s => s.Depot);
        var plan = query.ToQueryString();
        Assert.StartsWith($"Query {depots.Table} INDEX GSI1", plan, StringComparison.Ordinal);
        Assert.Contains($"S \"SHIP#Express#{wanted.ShipmentId}\"", plan, StringComparison.Ordinal);
        var found = await query.SingleAsync();
        Assert.Equal(1, found.DepotId);
        Assert.Equal("carrier-2", found.Carrier);
        Assert.Equal("2 Main St", found.Destination.Street);
        Assert.Equal("City 1", found.Depot!.City);
    }

    [Fact]
    public async Task Int_enum_and_Guid_holes_read_back_find_and_include()
    {
        var saved = await SaveDepotAsync(3);
        await using var context = depots.CreateContext();
        var depot = await context.Depots.AsNoTracking().Where(d => d.Id == 3).Include(d => d.Shipments).SingleAsync();
        Assert.Equal(
            saved.Shipments.Select(s => (s.Kind, s.ShipmentId, s.Carrier, s.Destination.Zip)).Order(),
            depot.Shipments.Select(s => (s.Kind, s.ShipmentId, s.Carrier, s.Destination.Zip)).Order());
        Assert.Equal(2, await context.Shipments.CountAsync(s => s.DepotId == 3 && s.Kind == ShipmentKind.Express));
        var one = saved.Shipments[1];
        var found = await context.Shipments.FindAsync(3, one.Kind, one.ShipmentId);
        Assert.Equal(one.Carrier, found!.Carrier);

        var items = await depots.RawClient.QueryPartitionAsync(depots.Table, "PK", "DEPOT#3");
        Assert.Contains(items, i => i["SK"].S == $"SHIP#Express#{one.ShipmentId}" && i["GSI1SK"].S == "DEPOT#3");
    }

    [Fact]
    public async Task Changing_an_owned_property_of_a_templated_entity_writes_only_it()
    {
        var saved = await SaveDepotAsync(4);
        await using (var context = depots.CreateContext())
        {
            var shipment = await context.Shipments.SingleAsync(s => s.DepotId == 4 && s.Kind == ShipmentKind.Standard);
            shipment.Destination.Zip = "99999";
            await context.SaveChangesAsync();
        }

        await using (var context = depots.CreateContext())
        {
            var shipment = await context.Shipments.AsNoTracking().SingleAsync(s => s.DepotId == 4 && s.Kind == ShipmentKind.Standard);
            Assert.Equal("99999", shipment.Destination.Zip);
            Assert.Equal(saved.Shipments[0].Destination.Street, shipment.Destination.Street);
        }
    }

    [Fact]
    public async Task A_hierarchy_in_the_shared_table_reads_each_type_by_its_discriminator()
    {
        await SaveDepotAsync(5);
        await using var context = depots.CreateContext();
        var parcels = await context.Parcels.AsNoTracking().Where(p => p.DepotId == 5).ToListAsync();
        Assert.Equal(["B-1", "L-1"], parcels.Select(p => p.Code).Order());
        var box = Assert.Single(await context.Parcels.OfType<Box>().Where(p => p.DepotId == 5).ToListAsync());
        Assert.Equal(30, box.Volume);
        Assert.True((await context.Set<Letter>().SingleAsync(l => l.DepotId == 5 && l.Code == "L-1")).Registered);
        Assert.Equal(1, await context.Depots.CountAsync(d => d.Id == 5));
        Assert.Equal(3, await context.Shipments.CountAsync(s => s.DepotId == 5));
    }

    [Fact]
    public async Task A_string_holding_the_templates_separator_is_refused_on_save()
    {
        await using var context = depots.CreateContext();
        context.Labels.Add(new Label { DepotId = 6, Name = "fragile#top", Version = 1 });
        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        Assert.Contains("Label.Name", exception.Message, StringComparison.Ordinal);
        Assert.Contains("fragile#top", exception.Message, StringComparison.Ordinal);
        Assert.Empty(await depots.RawClient.QueryPartitionAsync(depots.Table, "PK", "DEPOT#6"));
    }

    [Fact]
    public async Task ExecuteDelete_by_an_enum_hole_and_of_one_type_of_a_hierarchy()
    {
        var saved = await SaveDepotAsync(7);
        await using (var context = depots.CreateContext())
        {
            Assert.Equal(2, await context.Shipments.Where(s => s.DepotId == 7 && s.Kind == ShipmentKind.Express).ExecuteDeleteAsync());
            Assert.Equal(1, await context.Parcels.OfType<Box>().Where(p => p.DepotId == 7).ExecuteDeleteAsync());
        }

        var items = await depots.RawClient.QueryPartitionAsync(depots.Table, "PK", "DEPOT#7");
        Assert.Equal(
            ["DEPOT#7", "PARCEL#L-1", $"SHIP#Standard#{saved.Shipments[0].ShipmentId}"],
            items.Select(i => i["SK"].S).Order(StringComparer.Ordinal));
    }
}
