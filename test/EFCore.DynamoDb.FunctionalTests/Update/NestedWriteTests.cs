using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EFCore.DynamoDb.FunctionalTests.Update.Infrastructure.UpdateTestStore;

namespace EFCore.DynamoDb.FunctionalTests.Update;

/// <summary>
///     A change inside an owned or complex object is written at its document path (<c>SET #info.#plot = :v0</c>), not by
///     rewriting the whole map: attributes the model does not map inside the map, and other writers' changes to other nested
///     fields, are kept. The whole map is written only when the object itself was added or replaced, and removed when it became
///     null. A nested write requires its containing map to exist, so a map another writer removed is a concurrency conflict.
///     Owned collections are updated element by element (by index) while their shape is unchanged, appended to with
///     <c>list_append</c>, and rewritten whole only when elements were removed, inserted or moved.
/// </summary>
public class NestedWriteTests(NestedFixture fixture) : IClassFixture<NestedFixture>
{
    private UpdateTestStore Store { get; } = fixture.StartTest();

    private static AttributeValue Num(string value) => new() { N = value };

    private static AttributeValue Map(params (string Name, AttributeValue Value)[] members) => new() { M = members.ToDictionary(m => m.Name, m => m.Value) };

    private static AttributeValue List(params AttributeValue[] elements) => new() { L = [.. elements] };

    /// <summary>An item as other clients of the Movies table write it: with nested attributes the model does not map.</summary>
    private static Dictionary<string, AttributeValue> MovieItem(string title)
        => new()
        {
            ["year"] = Num("2013"),
            ["title"] = S(title),
            ["info"] = Map(
                ("plot", S("A rivalry.")),
                ("rating", Num("8.1")),
                ("directors", List(S("Ron Howard"))),
                ("cast", Map(("lead", S("Chris Hemsworth")), ("support", S("Daniel Bruhl")), ("agent", S("not mapped"))))),
            ["screenings"] = List(
                Map(("cinema", S("Odeon")), ("price", Num("9.5")), ("seat", Map(("row", S("F")), ("number", Num("12")), ("aisle", new AttributeValue { BOOL = true })))),
                Map(("cinema", S("Rex")), ("price", Num("7")), ("format", S("IMAX")))),
            ["credits"] = Map(
                ("Director", S("Ron Howard")),
                ("Writer", S("Peter Morgan")),
                ("studio", Map(("Name", S("Universal")), ("lot", S("not mapped")))),
                ("budget", Num("38000000"))),
            ["released"] = S("not mapped"),
        };

    private async Task<Movie> ReadAsync(NestedContext context, string title)
    {
        await Store.PutRawAsync("Movies", MovieItem(title));
        return await context.Movies.SingleAsync(m => m.Year == 2013 && m.Title == title);
    }

    /// <summary>Saves and returns the UpdateExpression and ConditionExpression the save sent.</summary>
    private async Task<(string Update, string Condition)> SaveAsync(DbContext context)
    {
        Store.Handler.Reset();
        Store.Handler.RecordBodiesOf.Add("UpdateItem");
        await context.SaveChangesAsync();
        var body = JsonDocument.Parse(Assert.Single(Store.Handler.Bodies).Body).RootElement;
        return (body.GetProperty("UpdateExpression").GetString()!, body.GetProperty("ConditionExpression").GetString()!);
    }

    private async Task<Dictionary<string, AttributeValue>> StoredAsync(string title)
        => await fixture.GetItemAsync("Movies", ("year", Num("2013")), ("title", S(title)));

    [Fact]
    public async Task A_nested_change_sets_its_path_and_keeps_the_attributes_of_the_map_the_model_does_not_map()
    {
        await using var context = fixture.CreateContext();
        var movie = await ReadAsync(context, "plot");
        movie.Info!.Plot = "Two drivers.";

        var (update, condition) = await SaveAsync(context);

        Assert.Equal("SET #info.#plot = :v0", update);
        Assert.Equal("attribute_exists(#year) AND attribute_exists(#info)", condition);
        var info = (await StoredAsync("plot"))["info"].M;
        Assert.Equal("Two drivers.", info["plot"].S);
        Assert.Equal("8.1", info["rating"].N);
        Assert.Equal("Ron Howard", Assert.Single(info["directors"].L).S);
        Assert.Equal("not mapped", info["cast"].M["agent"].S);
        Assert.Equal("not mapped", (await StoredAsync("plot"))["released"].S);
        Assert.All(context.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
    }

    [Fact]
    public async Task Another_writer_changing_another_nested_field_between_read_and_save_keeps_its_change()
    {
        await using var context = fixture.CreateContext();
        var movie = await ReadAsync(context, "concurrent");
        await Store.Raw.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Store.Table("Movies"),
            Key = new() { ["year"] = Num("2013"), ["title"] = S("concurrent") },
            UpdateExpression = "SET info.rating = :r, info.#cast.support = :s",
            ExpressionAttributeNames = new() { ["#cast"] = "cast" },
            ExpressionAttributeValues = new() { [":r"] = Num("9.2"), [":s"] = S("Olivia Wilde") },
        });

        movie.Info!.Plot = "Mine.";
        movie.Info.Cast!.Lead = "Mine too.";
        var (update, condition) = await SaveAsync(context);

        Assert.Equal("SET #info.#plot = :v0, #info.#cast.#lead = :v1", update);
        Assert.Equal("attribute_exists(#year) AND attribute_exists(#info.#cast)", condition);
        var info = (await StoredAsync("concurrent"))["info"].M;
        Assert.Equal("Mine.", info["plot"].S);
        Assert.Equal("9.2", info["rating"].N);
        Assert.Equal("Mine too.", info["cast"].M["lead"].S);
        Assert.Equal("Olivia Wilde", info["cast"].M["support"].S);
    }

    [Fact]
    public async Task A_nested_property_set_to_null_is_removed_at_its_path()
    {
        await using var context = fixture.CreateContext();
        var movie = await ReadAsync(context, "rating null");
        movie.Info!.Rating = null;
        movie.Credits.Writer = null;

        var (update, condition) = await SaveAsync(context);

        Assert.Equal("REMOVE #credits.#Writer, #info.#rating", update);
        Assert.Equal("attribute_exists(#year) AND attribute_exists(#credits) AND attribute_exists(#info)", condition);
        var item = await StoredAsync("rating null");
        Assert.False(item["info"].M.ContainsKey("rating"));
        Assert.Equal("A rivalry.", item["info"].M["plot"].S);
        Assert.False(item["credits"].M.ContainsKey("Writer"));
        Assert.Equal("38000000", item["credits"].M["budget"].N);
    }

    [Fact]
    public async Task A_replaced_owned_object_is_written_whole_and_a_null_one_is_removed()
    {
        await using var context = fixture.CreateContext();
        var movie = await ReadAsync(context, "replace");
        movie.Info = new MovieInfo { Plot = "Replaced.", Cast = new Cast { Lead = "New lead" } };

        var (update, condition) = await SaveAsync(context);

        Assert.Equal("SET #info = :v0", update);
        Assert.Equal("attribute_exists(#year)", condition);
        var info = (await StoredAsync("replace"))["info"].M;
        Assert.Equal(["cast", "plot"], info.Keys.Order());
        Assert.Equal("New lead", Assert.Single(info["cast"].M).Value.S);

        movie.Info = null;
        (update, condition) = await SaveAsync(context);

        Assert.Equal("REMOVE #info", update);
        Assert.Equal("attribute_exists(#year)", condition);
        var item = await StoredAsync("replace");
        Assert.False(item.ContainsKey("info"));
        Assert.Equal(2, item["screenings"].L.Count);

        // And from null to an object again: the whole map.
        movie.Info = new MovieInfo { Rating = 7 };
        (update, _) = await SaveAsync(context);
        Assert.Equal("SET #info = :v0", update);
        Assert.Equal("7", (await StoredAsync("replace"))["info"].M["rating"].N);
    }

    [Fact]
    public async Task An_owned_object_inside_an_owned_object_is_changed_replaced_and_removed_at_its_path()
    {
        await using var context = fixture.CreateContext();
        var movie = await ReadAsync(context, "cast");
        movie.Info!.Cast!.Support = null;

        var (update, condition) = await SaveAsync(context);

        Assert.Equal("REMOVE #info.#cast.#support", update);
        Assert.Equal("attribute_exists(#year) AND attribute_exists(#info.#cast)", condition);
        var cast = (await StoredAsync("cast"))["info"].M["cast"].M;
        Assert.Equal(["agent", "lead"], cast.Keys.Order());

        movie.Info.Cast = new Cast { Lead = "Replacement" };
        (update, condition) = await SaveAsync(context);

        Assert.Equal("SET #info.#cast = :v0", update);
        Assert.Equal("attribute_exists(#year) AND attribute_exists(#info)", condition);
        var info = (await StoredAsync("cast"))["info"].M;
        Assert.Equal("Replacement", Assert.Single(info["cast"].M).Value.S);
        Assert.Equal("8.1", info["rating"].N);

        movie.Info.Cast = null;
        (update, condition) = await SaveAsync(context);

        Assert.Equal("REMOVE #info.#cast", update);
        Assert.Equal("attribute_exists(#year) AND attribute_exists(#info)", condition);
        info = (await StoredAsync("cast"))["info"].M;
        Assert.False(info.ContainsKey("cast"));
        Assert.Equal(["directors", "plot", "rating"], info.Keys.Order());
    }

    [Fact]
    public async Task A_complex_value_is_changed_at_its_paths_and_an_optional_one_is_written_whole_or_removed()
    {
        await using var context = fixture.CreateContext();
        var movie = await ReadAsync(context, "complex");
        movie.Credits.Director = "Howard";
        movie.Credits.Studio.Country = "US";

        var (update, condition) = await SaveAsync(context);

        Assert.Equal("SET #credits.#Director = :v0, #credits.#studio.#Country = :v1", update);
        Assert.Equal("attribute_exists(#year) AND attribute_exists(#credits.#studio)", condition);
        var credits = (await StoredAsync("complex"))["credits"].M;
        Assert.Equal("Howard", credits["Director"].S);
        Assert.Equal("38000000", credits["budget"].N);
        Assert.Equal(["Country", "Name", "lot"], credits["studio"].M.Keys.Order(StringComparer.Ordinal));

        // A complex object replaced by another instance is a change of the values that differ, as EF tracks complex values.
        movie.Credits = new Credits { Director = "Howard", Writer = "Morgan", Studio = new Studio { Name = "Universal", Country = "US" } };
        (update, _) = await SaveAsync(context);
        Assert.Equal("SET #credits.#Writer = :v0", update);
        Assert.Equal("not mapped", (await StoredAsync("complex"))["credits"].M["studio"].M["lot"].S);

        movie.Backer = new Studio { Name = "Backer" };
        (update, condition) = await SaveAsync(context);
        Assert.Equal("SET #Backer = :v0", update);
        Assert.Equal("attribute_exists(#year)", condition);
        Assert.Equal("Backer", (await StoredAsync("complex"))["Backer"].M["Name"].S);

        movie.Backer = null;
        (update, _) = await SaveAsync(context);
        Assert.Equal("REMOVE #Backer", update);
        Assert.False((await StoredAsync("complex")).ContainsKey("Backer"));
    }

    [Fact]
    public async Task A_changed_element_of_an_owned_collection_is_updated_by_index_and_keeps_its_unmapped_attributes()
    {
        await using var context = fixture.CreateContext();
        var movie = await ReadAsync(context, "element");
        movie.Screenings[1].Price = 12.5m;
        movie.Screenings[0].Seat!.Number = 14;

        var (update, condition) = await SaveAsync(context);

        Assert.Equal("SET #screenings[0].#seat.#number = :v0, #screenings[1].#price = :v1", update);
        Assert.Equal("attribute_exists(#year) AND size(#screenings) = :v2 AND attribute_exists(#screenings[0].#seat)", condition);
        var screenings = (await StoredAsync("element"))["screenings"].L;
        Assert.Equal("12.5", screenings[1].M["price"].N);
        Assert.Equal("IMAX", screenings[1].M["format"].S);
        Assert.Equal("14", screenings[0].M["seat"].M["number"].N);
        Assert.True(screenings[0].M["seat"].M["aisle"].BOOL);
    }

    [Fact]
    public async Task Elements_appended_to_an_owned_collection_are_appended_with_list_append()
    {
        await using var context = fixture.CreateContext();
        var movie = await ReadAsync(context, "append");
        movie.Screenings.Add(new Screening { Cinema = "Plaza", Price = 5 });
        movie.Screenings.Add(new Screening { Cinema = "Ritz", Price = 6, Seat = new Seat { Row = "A", Number = 1 } });

        var (update, condition) = await SaveAsync(context);

        Assert.Equal("SET #screenings = list_append(#screenings, :v0)", update);
        Assert.Equal("attribute_exists(#year) AND size(#screenings) = :v1", condition);
        var screenings = (await StoredAsync("append"))["screenings"].L;
        Assert.Equal(["Odeon", "Rex", "Plaza", "Ritz"], screenings.Select(s => s.M["cinema"].S));
        Assert.Equal("IMAX", screenings[1].M["format"].S);
        Assert.Equal("A", screenings[3].M["seat"].M["row"].S);
        Assert.Equal([1, 2, 3, 4], movie.Screenings.Select(s => (int)context.Entry(s).Property("Id").CurrentValue!));

        // The appended elements now have the keys of their positions: a change to one is an update by index.
        movie.Screenings[3].Price = 6.5m;
        (update, _) = await SaveAsync(context);
        Assert.Equal("SET #screenings[3].#price = :v0", update);
        Assert.Equal("6.5", (await StoredAsync("append"))["screenings"].L[3].M["price"].N);
    }

    [Fact]
    public async Task Removing_or_inserting_elements_rewrites_the_list_in_its_new_shape()
    {
        await using var context = fixture.CreateContext();
        var movie = await ReadAsync(context, "shape");
        movie.Screenings.RemoveAt(0);

        var (update, condition) = await SaveAsync(context);

        Assert.Equal("SET #screenings = :v0", update);
        Assert.Equal("attribute_exists(#year)", condition);
        Assert.Equal(["Rex"], (await StoredAsync("shape"))["screenings"].L.Select(s => s.M["cinema"].S));

        // A change to an element and an appended element together: the list is rewritten too (one path may not hold both).
        movie.Screenings[0].Price = 8;
        movie.Screenings.Add(new Screening { Cinema = "Plaza", Price = 5 });
        (update, _) = await SaveAsync(context);
        Assert.Equal("SET #screenings = :v0", update);

        movie.Screenings.Insert(0, new Screening { Cinema = "First", Price = 1 });
        (update, _) = await SaveAsync(context);
        Assert.Equal("SET #screenings = :v0", update);

        var screenings = (await StoredAsync("shape"))["screenings"].L;
        Assert.Equal(["First", "Rex", "Plaza"], screenings.Select(s => s.M["cinema"].S));
        Assert.Equal("8", screenings[1].M["price"].N);
        await using var fresh = fixture.CreateContext();
        var reread = await fresh.Movies.SingleAsync(m => m.Year == 2013 && m.Title == "shape");
        Assert.Equal(["First", "Rex", "Plaza"], reread.Screenings.Select(s => s.Cinema));
    }

    [Fact]
    public async Task A_list_another_writer_changed_in_length_is_a_conflict_for_an_update_by_index()
    {
        await using var context = fixture.CreateContext();
        var movie = await ReadAsync(context, "list race");
        await Store.Raw.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Store.Table("Movies"),
            Key = new() { ["year"] = Num("2013"), ["title"] = S("list race") },
            UpdateExpression = "REMOVE screenings[0]",
        });

        movie.Screenings[1].Price = 1;
        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

        Assert.Contains("the list 'screenings' has 1 element(s) in the table, 2 were read", exception.Message);
        var screenings = (await StoredAsync("list race"))["screenings"].L;
        Assert.Equal("7", Assert.Single(screenings).M["price"].N);
    }

    [Fact]
    public async Task A_map_another_writer_removed_is_a_conflict_not_an_invalid_document_path()
    {
        await using var context = fixture.CreateContext();
        var movie = await ReadAsync(context, "map gone");
        await Store.Raw.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Store.Table("Movies"),
            Key = new() { ["year"] = Num("2013"), ["title"] = S("map gone") },
            UpdateExpression = "REMOVE info.#cast",
            ExpressionAttributeNames = new() { ["#cast"] = "cast" },
        });

        movie.Info!.Cast!.Lead = "Nobody";
        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());

        Assert.Same(movie.Info.Cast, Assert.Single(exception.Entries).Entity);
        Assert.Contains("the map 'info.cast' it updates inside no longer exists", exception.Message);
        Assert.False((await StoredAsync("map gone"))["info"].M.ContainsKey("cast"));
    }

    [Fact]
    public async Task A_nested_change_of_a_versioned_item_moves_the_version_on_and_is_checked_against_it()
    {
        await Store.PutRawAsync("Albums", new()
        {
            ["Id"] = S("album"),
            ["Version"] = Num("3"),
            ["Info"] = Map(("Plot", S("Songs.")), ("label", S("not mapped"))),
        });
        await using var context = fixture.CreateContext();
        var album = await context.Albums.SingleAsync(a => a.Id == "album");
        album.Info!.Plot = "More songs.";

        var (update, condition) = await SaveAsync(context);

        Assert.Equal("SET #Info.#Plot = :v0, #Version = :v1", update);
        Assert.Equal("attribute_exists(#Id) AND #Version = :v2 AND attribute_exists(#Info)", condition);
        var item = await fixture.GetItemAsync("Albums", ("Id", S("album")));
        Assert.Equal("4", item["Version"].N);
        Assert.Equal("not mapped", item["Info"].M["label"].S);
        Assert.Equal(4, album.Version);
    }

    [Fact]
    public async Task Nested_writes_too_long_for_one_UpdateExpression_are_refused_before_anything_is_sent()
    {
        await using (var setup = fixture.CreateContext())
        {
            setup.Add(new Movie
            {
                Year = 2013,
                Title = "long",
                Screenings = [.. Enumerable.Range(0, 200).Select(i => new Screening { Cinema = "C" + i, Price = i })],
            });
            await setup.SaveChangesAsync();
        }

        await using var context = fixture.CreateContext();
        var movie = await context.Movies.SingleAsync(m => m.Year == 2013 && m.Title == "long");
        movie.Screenings.ForEach(s => s.Price += 1);
        Store.Handler.Reset();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveChangesAsync());

        Assert.Contains("needs an UpdateExpression of", exception.Message);
        Assert.Contains("DynamoDB allows 4096", exception.Message);
        Assert.DoesNotContain("UpdateItem", Store.Handler.Operations);
        Assert.Equal("0", (await StoredAsync("long"))["screenings"].L[0].M["price"].N);

        // Replacing the collection rewrites it whole, in one short expression.
        movie.Screenings = [.. movie.Screenings.Select(s => new Screening { Cinema = s.Cinema, Price = s.Price })];
        var (update, _) = await SaveAsync(context);
        Assert.Equal("SET #screenings = :v0", update);
        Assert.Equal("1", (await StoredAsync("long"))["screenings"].L[0].M["price"].N);
    }

    [Fact]
    public async Task A_nested_change_whose_response_was_lost_is_retried_and_applied_once()
    {
        await Store.PutRawAsync("Albums", new() { ["Id"] = S("album retry"), ["Version"] = Num("1"), ["Info"] = Map(("Plot", S("a"))) });
        await using var context = new NestedContext(Store.Options<NestedContext>(Store.ClientWithoutSdkRetries));
        var album = await context.Albums.SingleAsync(a => a.Id == "album retry");
        album.Info!.Plot = "b";
        Store.Handler.Reset();
        Store.Handler.LoseResponses("UpdateItem");

        await context.SaveChangesAsync();

        Assert.Equal(2, Store.Handler.Count("UpdateItem"));
        Assert.Equal(2, album.Version);
        var item = await fixture.GetItemAsync("Albums", ("Id", S("album retry")));
        Assert.Equal("b", item["Info"].M["Plot"].S);
        Assert.Equal("2", item["Version"].N);
    }

    [Fact]
    public async Task An_append_whose_response_was_lost_is_retried_and_applied_once()
    {
        await using var context = new NestedContext(Store.Options<NestedContext>(Store.ClientWithoutSdkRetries));
        var movie = await ReadAsync(context, "append retry");
        movie.Screenings.Add(new Screening { Cinema = "Plaza", Price = 5 });
        Store.Handler.Reset();
        Store.Handler.LoseResponses("UpdateItem");

        await context.SaveChangesAsync();

        Assert.Equal(2, Store.Handler.Count("UpdateItem"));
        var screenings = (await StoredAsync("append retry"))["screenings"].L;
        Assert.Equal(["Odeon", "Rex", "Plaza"], screenings.Select(s => s.M["cinema"].S));
        Assert.Equal(EntityState.Unchanged, context.Entry(movie.Screenings[2]).State);
    }
}
