using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Update;

/// <summary>Models whose data the update pipeline could not write faithfully are refused when the model is built.</summary>
[Collection(UpdateCollection.Name)]
public class ModelValidationTests(UpdateFixture fixture)
{
    public class Shipment
    {
        public string Id { get; set; } = null!;

        public List<Parcel> Parcels { get; set; } = [];

        public Label Label { get; set; } = new();
    }

    public class Parcel
    {
        public double Weight { get; set; }
    }

    public class Label
    {
        public string Text { get; set; } = "";

        public int Stamp { get; set; }
    }

    private sealed class ComplexCollectionContext(DbContextOptions<ComplexCollectionContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Shipment>(b =>
            {
                b.HasPartitionKey(s => s.Id);
                b.ComplexCollection(s => s.Parcels);
                b.Ignore(s => s.Label);
            });
    }

    private sealed class OwnedTokenContext(DbContextOptions<OwnedTokenContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Shipment>(b =>
            {
                b.HasPartitionKey(s => s.Id);
                b.Ignore(s => s.Parcels);
                b.OwnsOne(s => s.Label, l => l.Property(x => x.Stamp).IsConcurrencyToken());
            });
    }

    private sealed class ComplexTokenContext(DbContextOptions<ComplexTokenContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Shipment>(b =>
            {
                b.HasPartitionKey(s => s.Id);
                b.Ignore(s => s.Parcels);
                b.ComplexProperty(s => s.Label, l => l.Property(x => x.Stamp).IsConcurrencyToken());
            });
    }

    private async Task<string> ModelErrorAsync<TContext>(Func<DbContextOptions<TContext>, TContext> create)
        where TContext : DbContext
    {
        await using var context = create(fixture.Store.Options<TContext>());
        return Assert.Throws<InvalidOperationException>(() => context.Model).Message;
    }

    [Fact]
    public async Task A_complex_collection_is_refused_pointing_to_owned_collections()
    {
        var message = await ModelErrorAsync<ComplexCollectionContext>(o => new ComplexCollectionContext(o));

        Assert.Contains("complex collection 'Shipment.Parcels'", message);
        Assert.Contains("OwnsMany", message);
    }

    [Fact]
    public async Task A_concurrency_token_on_an_owned_type_is_refused_pointing_to_the_owner()
    {
        var message = await ModelErrorAsync<OwnedTokenContext>(o => new OwnedTokenContext(o));

        Assert.Contains("'Label.Stamp' is a concurrency token of an owned type", message);
        Assert.Contains("owner 'Shipment'", message);
    }

    [Fact]
    public async Task A_concurrency_token_inside_a_complex_property_is_refused()
    {
        var message = await ModelErrorAsync<ComplexTokenContext>(o => new ComplexTokenContext(o));

        Assert.Contains("Stamp' is a concurrency token inside the complex property 'Shipment.Label'", message);
    }
}
