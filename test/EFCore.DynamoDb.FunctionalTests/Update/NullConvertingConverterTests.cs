using EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using static EFCore.DynamoDb.FunctionalTests.Update.Infrastructure.UpdateTestStore;

namespace EFCore.DynamoDb.FunctionalTests.Update;

/// <summary>
///     A value converter built with <c>convertsNulls: true</c> gives null a stored value of its own: a required property whose
///     model value is null is stored as what the converter makes of null (it is not "required but null"), and a concurrency
///     token whose original value is null is compared with that stored value.
/// </summary>
[Collection(UpdateCollection.Name)]
public class NullConvertingConverterTests(UpdateFixture fixture) : IAsyncLifetime
{
    private const string None = "(none)";

    private static readonly ValueConverter<string?, string> NoneForNull = new(v => v ?? None, v => v == None ? null : v, convertsNulls: true);

    public class Profile
    {
        public string Id { get; set; } = null!;

        public string Nickname { get; set; } = null!;

        public string? Bio { get; set; }

        public string? Etag { get; set; }
    }

    private sealed class ProfileContext(DbContextOptions<ProfileContext> options) : DbContext(options)
    {
        public DbSet<Profile> Profiles => Set<Profile>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
            => modelBuilder.Entity<Profile>(b =>
            {
                b.ToTable("Profile");
                b.HasPartitionKey(p => p.Id);
                b.Property(p => p.Nickname).IsRequired().HasConversion((ValueConverter)NoneForNull);
                b.Property(p => p.Etag).IsConcurrencyToken().HasConversion(NoneForNull);
            });
    }

    private UpdateTestStore Store { get; } = fixture.StartTest();

    private ProfileContext CreateContext() => new(Store.Options<ProfileContext>());

    public async Task InitializeAsync()
    {
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_required_property_whose_converter_converts_null_stores_the_converted_value()
    {
        await using (var context = CreateContext())
        {
            context.Add(new Profile { Id = "added", Nickname = null! });
            await context.SaveChangesAsync();
        }

        var item = (await Store.GetAsync("Profile", ("Id", S("added"))))!;
        Assert.Equal(None, item["Nickname"].S);
        Assert.Equal(None, item["Etag"].S);

        await using (var context = CreateContext())
        {
            var profile = await context.Profiles.SingleAsync(p => p.Id == "added");
            Assert.Null(profile.Nickname);
            Assert.Null(profile.Etag);
            profile.Nickname = "ada";
            await context.SaveChangesAsync();
        }

        Assert.Equal("ada", (await Store.GetAsync("Profile", ("Id", S("added"))))!["Nickname"].S);
    }

    [Fact]
    public async Task Setting_such_a_property_to_null_updates_it_to_the_converted_value()
    {
        await Store.PutRawAsync("Profile", new() { ["Id"] = S("modified"), ["Nickname"] = S("ada"), ["Etag"] = S("1") });

        await using var context = CreateContext();
        var profile = await context.Profiles.SingleAsync(p => p.Id == "modified");
        profile.Nickname = null!;
        profile.Etag = null;
        await context.SaveChangesAsync();

        var item = (await Store.GetAsync("Profile", ("Id", S("modified"))))!;
        Assert.Equal(None, item["Nickname"].S);
        Assert.Equal(None, item["Etag"].S);
    }

    [Fact]
    public async Task A_token_whose_original_value_is_null_is_compared_with_the_converted_value()
    {
        await Store.PutRawAsync("Profile", new() { ["Id"] = S("token"), ["Nickname"] = S("ada"), ["Etag"] = S(None) });

        await using var context = CreateContext();
        var profile = await context.Profiles.SingleAsync(p => p.Id == "token");
        Assert.Null(profile.Etag);
        profile.Bio = "hello";
        await context.SaveChangesAsync();
        Assert.Equal("hello", (await Store.GetAsync("Profile", ("Id", S("token"))))!["Bio"].S);

        // A real change by another writer is still a conflict.
        await Store.PutRawAsync("Profile", new() { ["Id"] = S("token"), ["Nickname"] = S("ada"), ["Etag"] = S("2") });
        profile.Bio = "again";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => context.SaveChangesAsync());
    }
}
