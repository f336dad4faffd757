using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.WriteLanguage;

/// <summary>
///     ExecuteUpdate of properties an overloaded index key is built from (<c>GSI1PK = "TEAM#{0}#P{1}"</c>): the key is rewritten
///     from the values set, so the item moves in the index as SaveChanges would move it; a key that would need each item's own
///     value is refused before any request.
/// </summary>
public class IndexKeyExecuteUpdateTests : IAsyncLifetime
{
    public class Ticket
    {
        public string Queue { get; set; } = "";
        public int Id { get; set; }
        public string? Team { get; set; }
        public int Priority { get; set; }
        public string Title { get; set; } = "";
    }

    public class TicketContext(DbContextOptions<TicketContext> options) : DbContext(options)
    {
        public DbSet<Ticket> Tickets => Set<Ticket>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Ticket>(b =>
            {
                b.ToTable("Tickets");
                b.HasPartitionKey("PK", t => t.Queue, "QUEUE#{0}");
                b.HasSortKey("SK", t => t.Id, "TICKET#{0:D6}");
                b.HasIndex(t => new { t.Team, t.Priority, t.Id }, "ByTeam")
                    .HasPartitionKey("GSI1PK", t => new { t.Team, t.Priority }, "TEAM#{0}#P{1}")
                    .HasSortKey("GSI1SK", t => t.Id, "TICKET#{0:D6}");
            });
    }

    private UpdateTestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await UpdateTestStore.CreateAsync(nameof(IndexKeyExecuteUpdateTests));
        await using var context = Context();
        await context.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    private TicketContext Context() => new(_store.Options<TicketContext>());

    private async Task AddAsync(string queue, params Ticket[] tickets)
    {
        await using var context = Context();
        foreach (var ticket in tickets)
        {
            ticket.Queue = queue;
            context.Tickets.Add(ticket);
        }

        await context.SaveChangesAsync();
    }

    private Task<Dictionary<string, AttributeValue>?> ItemAsync(string queue, int id)
        => _store.GetAsync("Tickets", ("PK", UpdateTestStore.S("QUEUE#" + queue)), ("SK", UpdateTestStore.S($"TICKET#{id:D6}")));

    [Fact]
    public async Task Setting_every_property_of_an_index_key_rewrites_it_and_the_index_finds_the_items_there()
    {
        await AddAsync("moved", new Ticket { Id = 1, Team = "red", Priority = 1 }, new Ticket { Id = 2, Team = "red", Priority = 1 });
        await using var context = Context();
        var team = "blue";

        Assert.Equal(2, await context.Tickets.Where(t => t.Queue == "moved")
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Team, team).SetProperty(t => t.Priority, 3)));

        Assert.Equal("TEAM#blue#P3", (await ItemAsync("moved", 1))!["GSI1PK"].S);
        var byTeam = context.Tickets.Where(t => t.Team == "blue" && t.Priority == 3);
        Assert.Contains("INDEX ByTeam", byTeam.ToQueryString(), StringComparison.Ordinal);
        Assert.Equal([1, 2], (await byTeam.Select(t => t.Id).ToListAsync()).Order());
        Assert.Empty(await context.Tickets.Where(t => t.Team == "red" && t.Priority == 1).ToListAsync());
    }

    [Fact]
    public async Task Setting_a_property_of_the_key_to_null_takes_the_item_out_of_the_sparse_index()
    {
        await AddAsync("sparse", new Ticket { Id = 1, Team = "green", Priority = 2 });
        await using var context = Context();

        await context.Tickets.Where(t => t.Queue == "sparse" && t.Id == 1)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Team, (string?)null).SetProperty(t => t.Priority, 2));

        var item = (await ItemAsync("sparse", 1))!;
        Assert.False(item.ContainsKey("GSI1PK"));
        Assert.False(item.ContainsKey("Team"));
        Assert.Empty(await context.Tickets.Where(t => t.Team == "green" && t.Priority == 2).ToListAsync());
        Assert.Null((await context.Tickets.SingleAsync(t => t.Queue == "sparse" && t.Id == 1)).Team);
    }

    [Fact]
    public async Task Setting_only_some_properties_of_an_index_key_is_refused_naming_the_others_and_writes_nothing()
    {
        await AddAsync("partial", new Ticket { Id = 1, Team = "red", Priority = 1 });
        await using var context = Context();

        var onlyTeam = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Tickets.Where(t => t.Queue == "partial")
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Team, "blue")));
        Assert.Contains("'Ticket.Team'", onlyTeam.Message, StringComparison.Ordinal);
        Assert.Contains("'GSI1PK'", onlyTeam.Message, StringComparison.Ordinal);
        Assert.Contains("'Priority'", onlyTeam.Message, StringComparison.Ordinal);

        // An increment needs each item's own value: its key text cannot be composed in the request.
        var incremented = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Tickets.Where(t => t.Queue == "partial")
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Team, "blue").SetProperty(t => t.Priority, t => t.Priority + 1)));
        Assert.Contains("'Priority'", incremented.Message, StringComparison.Ordinal);

        var item = (await ItemAsync("partial", 1))!;
        Assert.Equal("red", item["Team"].S);
        Assert.Equal("TEAM#red#P1", item["GSI1PK"].S);
    }

    [Fact]
    public async Task A_value_that_would_not_read_back_from_the_key_is_refused_naming_it_and_writes_nothing()
    {
        await AddAsync("unreadable", new Ticket { Id = 1, Team = "red", Priority = 1 });
        await using var context = Context();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => context.Tickets.Where(t => t.Queue == "unreadable")
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Team, "a#P1").SetProperty(t => t.Priority, 2)));

        Assert.Contains("Ticket.Team", exception.Message, StringComparison.Ordinal);
        Assert.Contains("TEAM#{0}#P{1}", exception.Message, StringComparison.Ordinal);
        Assert.Equal("TEAM#red#P1", (await ItemAsync("unreadable", 1))!["GSI1PK"].S);
    }
}
