using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Update.Infrastructure.UpdateTestStore;

namespace EFCore.DynamoDb.FunctionalTests.Update;

/// <summary>Owned entities and complex values live inside their owner's item: one write per item, in the reader's format.</summary>
[Collection(UpdateCollection.Name)]
public class OwnedAndComplexWriteTests(UpdateFixture fixture)
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private static Order NewOrder(string id)
        => new()
        {
            Id = id,
            Status = "open",
            ShippingAddress = new Address { Street = "1 Main St", City = "Springfield", Location = new GeoPoint { Latitude = 1.5, Longitude = -2.25 } },
            Lines =
            [
                new OrderLine { Sku = "A-1", Quantity = 2, Price = 9.99m },
                new OrderLine { Sku = "B-2", Quantity = 1, Price = 100m },
                new OrderLine { Sku = "C-3", Quantity = 5, Price = 0.5m },
            ],
            Customer = new Customer { Name = "Ada", Email = null, Phone = new Phone { Number = "555-0100" } },
        };

    private async Task<Dictionary<string, AttributeValue>> ItemAsync(string id)
        => await Store.GetAsync("Order", ("Id", S(id))) ?? throw new InvalidOperationException($"No order {id}.");

    private async Task InsertAsync(Order order)
    {
        await using var context = fixture.CreateContext();
        context.Add(order);
        await context.SaveChangesAsync();
    }

    private static List<string> Skus(Dictionary<string, AttributeValue> item) => item["Lines"].L.Select(l => l.M["Sku"].S).ToList();

    [Fact]
    public async Task An_added_owner_is_one_PutItem_holding_owned_entities_and_complex_values_as_maps_and_lists()
    {
        await using var context = fixture.CreateContext();
        var order = NewOrder("format");
        context.Add(order);

        Assert.Equal(6, await context.SaveChangesAsync()); // the order, its address and location, and three lines

        Assert.Equal(["PutItem"], Store.Handler.Operations.Where(o => o != "DescribeTable"));
        var item = await ItemAsync("format");
        Assert.Equal(["Customer", "Id", "Lines", "Revision", "ShippingAddress", "Status"], item.Keys.Order());
        var address = item["ShippingAddress"].M;
        Assert.Equal(["City", "Location", "Street"], address.Keys.Order());
        Assert.Equal("Springfield", address["City"].S);
        Assert.Equal("1.5", address["Location"].M["Latitude"].N);
        Assert.Equal("-2.25", address["Location"].M["Longitude"].N);
        Assert.Equal(["A-1", "B-2", "C-3"], Skus(item));
        Assert.Equal(["Price", "Quantity", "Sku"], item["Lines"].L[0].M.Keys.Order());
        Assert.Equal("9.99", item["Lines"].L[0].M["Price"].N);
        Assert.Equal("Ada", item["Customer"].M["Name"].S);
        Assert.False(item["Customer"].M.ContainsKey("Email"));
        Assert.Equal("555-0100", item["Customer"].M["Phone"].M["Number"].S);
        Assert.Equal("1", item["Revision"].N);

        // The owned collection's elements got their ordinal keys, as a query would number them.
        Assert.Equal([1, 2, 3], order.Lines.Select(l => (int)context.Entry(l).Property("Id").CurrentValue!));
        Assert.All(order.Lines, l => Assert.False(context.Entry(l).Property("Id").IsTemporary));
        Assert.All(context.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
    }

    [Fact]
    public async Task Null_owned_reference_is_no_attribute_and_an_empty_owned_collection_is_an_empty_list()
    {
        var order = NewOrder("empty");
        order.ShippingAddress = null;
        order.Lines = [];
        await InsertAsync(order);

        var item = await ItemAsync("empty");
        Assert.False(item.ContainsKey("ShippingAddress"));
        Assert.Empty(item["Lines"].L);
        Assert.True(item["Lines"].IsLSet);
    }

    [Fact]
    public async Task Changing_an_owned_element_updates_only_that_element_and_bumps_the_owner_version()
    {
        await InsertAsync(NewOrder("owned-change"));
        await Store.Raw.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Store.Table("Order"),
            Key = new() { ["Id"] = S("owned-change") },
            UpdateExpression = "SET Extra = :x",
            ExpressionAttributeValues = new() { [":x"] = S("not mapped") },
        });

        await using var context = fixture.CreateContext();
        var order = await context.Orders.SingleAsync(o => o.Id == "owned-change");
        order.Lines[1].Quantity = 42;
        Store.Handler.Reset();
        Store.Handler.RecordBodiesOf.Add("UpdateItem");

        await context.SaveChangesAsync();

        Assert.Equal(["UpdateItem"], Store.Handler.Operations);
        Assert.Contains("\"UpdateExpression\":\"SET #Lines[1].#Quantity = :v0, #Revision = :v1\"", Assert.Single(Store.Handler.Bodies).Body);
        var item = await ItemAsync("owned-change");
        Assert.Equal("42", item["Lines"].L[1].M["Quantity"].N);
        Assert.Equal(["A-1", "B-2", "C-3"], Skus(item));
        Assert.Equal("not mapped", item["Extra"].S);
        Assert.Equal("2", item["Revision"].N);
        Assert.Equal(2, order.Revision);
        Assert.All(context.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
    }

    [Fact]
    public async Task Removing_and_adding_owned_elements_keeps_collection_order_and_renumbers_the_keys()
    {
        await InsertAsync(NewOrder("renumber"));

        await using var context = fixture.CreateContext();
        var order = await context.Orders.SingleAsync(o => o.Id == "renumber");
        order.Lines.RemoveAt(0);
        order.Lines.Add(new OrderLine { Sku = "D-4", Quantity = 1, Price = 1m });
        await context.SaveChangesAsync();

        Assert.Equal(["B-2", "C-3", "D-4"], Skus(await ItemAsync("renumber")));
        Assert.Equal([1, 2, 3], order.Lines.Select(l => (int)context.Entry(l).Property("Id").CurrentValue!));
        Assert.All(context.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));

        // The renumbered keys are consistent: another change in the same context saves cleanly.
        order.Lines.RemoveAt(1);
        order.Lines[0].Quantity = 7;
        await context.SaveChangesAsync();

        var item = await ItemAsync("renumber");
        Assert.Equal(["B-2", "D-4"], Skus(item));
        Assert.Equal("7", item["Lines"].L[0].M["Quantity"].N);

        await using var fresh = fixture.CreateContext();
        var reloaded = await fresh.Orders.SingleAsync(o => o.Id == "renumber");
        Assert.Equal(["B-2", "D-4"], reloaded.Lines.Select(l => l.Sku));
    }

    [Fact]
    public async Task Setting_an_owned_reference_to_null_removes_its_attribute_and_replacing_it_rewrites_it()
    {
        await InsertAsync(NewOrder("address"));

        await using (var context = fixture.CreateContext())
        {
            var order = await context.Orders.SingleAsync(o => o.Id == "address");
            order.ShippingAddress = new Address { Street = "2 Side St", City = "Shelbyville" };
            await context.SaveChangesAsync();
        }

        var replaced = (await ItemAsync("address"))["ShippingAddress"].M;
        Assert.Equal("Shelbyville", replaced["City"].S);
        Assert.False(replaced.ContainsKey("Location"));

        await using (var context = fixture.CreateContext())
        {
            var order = await context.Orders.SingleAsync(o => o.Id == "address");
            order.ShippingAddress = null;
            await context.SaveChangesAsync();
        }

        var item = await ItemAsync("address");
        Assert.False(item.ContainsKey("ShippingAddress"));
        Assert.Equal(["A-1", "B-2", "C-3"], Skus(item));
    }

    [Fact]
    public async Task Changing_a_complex_value_sets_only_the_changed_members_at_their_paths()
    {
        await InsertAsync(NewOrder("complex"));

        await using var context = fixture.CreateContext();
        var order = await context.Orders.SingleAsync(o => o.Id == "complex");
        order.Customer.Phone.Number = "555-0199";
        order.Customer.Email = "ada@example.com";
        Store.Handler.Reset();
        Store.Handler.RecordBodiesOf.Add("UpdateItem");
        await context.SaveChangesAsync();

        var customer = (await ItemAsync("complex"))["Customer"].M;
        Assert.Equal("555-0199", customer["Phone"].M["Number"].S);
        Assert.Equal("ada@example.com", customer["Email"].S);
        var body = Assert.Single(Store.Handler.Bodies).Body;
        Assert.Contains("\"UpdateExpression\":\"SET #Customer.#Email = :v0, #Customer.#Phone.#Number = :v1, #Revision = :v2\"", body);
        Assert.DoesNotContain("Lines", body);
        Assert.DoesNotContain("ShippingAddress", body);
    }

    [Fact]
    public async Task Deleting_the_owner_deletes_the_item_with_one_request()
    {
        await InsertAsync(NewOrder("delete"));

        await using var context = fixture.CreateContext();
        var order = await context.Orders.SingleAsync(o => o.Id == "delete");
        context.Remove(order);
        Store.Handler.Reset();

        await context.SaveChangesAsync();

        Assert.Equal(["DeleteItem"], Store.Handler.Operations);
        Assert.Null(await Store.GetAsync("Order", ("Id", S("delete"))));
        Assert.Empty(context.ChangeTracker.Entries());
    }

    [Fact]
    public async Task An_unstorable_value_inside_an_owned_collection_names_its_path()
    {
        await using var context = fixture.CreateContext();
        var order = NewOrder("bad-owned");
        order.ShippingAddress!.Location!.Latitude = double.NaN;
        context.Add(order);

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.Contains("Cannot save 'Order' with key (Id='bad-owned'): property 'ShippingAddress.Location.Latitude' has the value NaN",
            exception.Message);
        Assert.Null(await Store.GetAsync("Order", ("Id", S("bad-owned"))));
    }

    [Fact]
    public async Task A_required_property_inside_a_complex_value_names_its_path()
    {
        await using var context = fixture.CreateContext();
        var order = NewOrder("bad-phone");
        order.Customer.Phone.Number = null!;
        context.Add(order);

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.Contains("property 'Customer.Phone.Number' is required but its value is null", exception.Message);
        Assert.Null(await Store.GetAsync("Order", ("Id", S("bad-phone"))));
    }

    [Fact]
    public async Task A_change_to_an_owned_entity_is_checked_against_the_owner_version()
    {
        await InsertAsync(NewOrder("owned-race"));
        await using var first = fixture.CreateContext();
        await using var second = fixture.CreateContext();
        var mine = await first.Orders.SingleAsync(o => o.Id == "owned-race");
        var theirs = await second.Orders.SingleAsync(o => o.Id == "owned-race");

        mine.Lines[0].Quantity = 10;
        await first.SaveChangesAsync();
        theirs.Lines[0].Quantity = 20;
        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        // The failed write is the owner's item; EF lists the changed entries of it (it leaves unchanged ones out).
        Assert.Same(theirs.Lines[0], Assert.Single(exception.Entries).Entity);
        Assert.Contains("'Order' with key (Id='owned-race')", exception.Message);
        Assert.Contains("'Revision' is 2 in the table, 1 was expected", exception.Message);
        var item = await ItemAsync("owned-race");
        Assert.Equal("10", item["Lines"].L[0].M["Quantity"].N);
        Assert.Equal("2", item["Revision"].N);
    }
}
