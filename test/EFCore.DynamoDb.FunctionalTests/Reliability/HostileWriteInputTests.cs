using System.Text;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.TestUtilities;
using EFCore.DynamoDb.TestUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EFCore.DynamoDb.FunctionalTests.Reliability;

/// <summary>
///     Writes of attribute names and values that break hand-written requests, and of sizes at DynamoDB's limits: each is sent
///     correctly (names and values through placeholders) or refused before any request with a message naming the entity,
///     the property and the limit. None is ever sent as a request DynamoDB would reject.
/// </summary>
public class HostileWriteInputTests(HostileWriteInputTests.Fixture fixture) : IClassFixture<HostileWriteInputTests.Fixture>
{
    /// <summary>Every attribute name here would break an expression written by hand.</summary>
    public class Odd
    {
        public string Key { get; set; } = null!;
        public string Sort { get; set; } = null!;
        public string? Dotted { get; set; }
        public string? Hashed { get; set; }
        public string? Coloned { get; set; }
        public string? Quoted { get; set; }
        public string? Unicode { get; set; }
        public string? Spaced { get; set; }
        public long Count { get; set; }
        public string? Text { get; set; }
        public string? Category { get; set; }
        public int Version { get; set; }
    }

    /// <summary>Strings only, so that its size is exactly what DynamoDB counts.</summary>
    public class Blob
    {
        public string Id { get; set; } = null!;
        public string Text { get; set; } = "";
    }

    /// <summary>Codes stored as a DynamoDB binary set (BS) of their lower-cased UTF-8 bytes, through the application's converter.</summary>
    public class Tagged
    {
        public string Id { get; set; } = null!;
        public List<string> Codes { get; set; } = [];
    }

    /// <summary>An item with 300 attributes (shadow properties P000..P299): updating many at once makes a long UpdateExpression.</summary>
    public class Wide
    {
        public string Id { get; set; } = null!;
    }

    public const string KeyAttribute = "pk.#:\"'ключ 😀";
    public const string VersionAttribute = "ver#.: \"v\"";
    public const string CategoryAttribute = "gsi.#pk :名";
    public const string BlobIdAttribute = "ключ.#";
    public const string BlobTextAttribute = "текст 😀";

    public class HostileContext(DbContextOptions<HostileContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Odd>(b =>
            {
                b.HasPartitionKey(o => o.Key);
                b.HasSortKey(o => o.Sort);
                b.Property(o => o.Key).HasAttributeName(KeyAttribute);
                b.Property(o => o.Sort).HasAttributeName("Status");
                b.Property(o => o.Dotted).HasAttributeName("a.b");
                b.Property(o => o.Hashed).HasAttributeName("#x");
                b.Property(o => o.Coloned).HasAttributeName(":y");
                b.Property(o => o.Quoted).HasAttributeName("say \"hi\" 'there'");
                b.Property(o => o.Unicode).HasAttributeName("名前 😀");
                b.Property(o => o.Spaced).HasAttributeName("  spaced  ");
                b.Property(o => o.Count).HasAttributeName("count");
                b.Property(o => o.Text).HasAttributeName("Size");
                b.Property(o => o.Category).HasAttributeName(CategoryAttribute);
                b.Property(o => o.Version).HasAttributeName(VersionAttribute).IsRowVersion();
                b.HasIndex(o => new { o.Category, o.Sort }, "By.Category-1");
            });

            modelBuilder.Entity<Blob>(b =>
            {
                b.HasPartitionKey(o => o.Id);
                b.Property(o => o.Id).HasAttributeName(BlobIdAttribute);
                b.Property(o => o.Text).HasAttributeName(BlobTextAttribute);
            });

            modelBuilder.Entity<Tagged>(b =>
            {
                b.HasPartitionKey(o => o.Id);
                b.Property(o => o.Codes).HasConversion(
                    new ValueConverter<List<string>, HashSet<byte[]>>(
                        v => v.Select(c => Encoding.UTF8.GetBytes(c.ToLowerInvariant())).ToHashSet(),
                        v => v.Select(b => Encoding.UTF8.GetString(b)).ToList()),
                    new ValueComparer<List<string>>((l, r) => l!.SequenceEqual(r!), v => v.Count, v => v.ToList()));
            });

            modelBuilder.Entity<Wide>(b =>
            {
                b.HasPartitionKey(o => o.Id);
                for (var i = 0; i < 300; i++)
                {
                    b.Property<string?>($"P{i:000}");
                }
            });
        }
    }

    public class Fixture : IAsyncLifetime
    {
        public string Prefix { get; } = DynamoDbTestEnvironment.NewTablePrefix("HostileWrite");

        public TestLoggerFactory Logs { get; } = new();

        public DbContextOptions<HostileContext> Options { get; private set; } = null!;

        public Amazon.DynamoDBv2.IAmazonDynamoDB Raw { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Options = await DynamoDbTestEnvironment.CreateOptionsAsync<HostileContext>(Prefix, Logs);
            Raw = await DynamoDbTestEnvironment.CreateRawClientAsync();
            await using var context = new HostileContext(Options);
            await context.Database.EnsureCreatedAsync();
        }

        public async Task DisposeAsync()
        {
            await using var context = new HostileContext(Options);
            await context.Database.EnsureDeletedAsync();
            Raw.Dispose();
        }

        public async Task<Dictionary<string, AttributeValue>?> GetAsync(string table, Dictionary<string, AttributeValue> key)
        {
            var response = await Raw.GetItemAsync(new GetItemRequest { TableName = Prefix + table, Key = key, ConsistentRead = true });
            return response.Item is { Count: > 0 } item ? item : null;
        }

        /// <summary>How many requests of <paramref name="operation" /> the provider sent since the log was cleared.</summary>
        public int Sent(string operation)
            => Logs.Messages(DynamoDbEventId.ExecutingRequest).Count(m => m.StartsWith($"Executing DynamoDB {operation} ", StringComparison.Ordinal));
    }

    private static AttributeValue S(string value) => new() { S = value };

    private HostileContext CreateContext() => new(fixture.Options);

    private static Odd NewOdd(string key, string sort)
        => new()
        {
            Key = key,
            Sort = sort,
            Dotted = "dot.ted",
            Hashed = "#hash",
            Coloned = ":colon",
            Quoted = "it's \"quoted\" #:",
            Unicode = "値 😀",
            Spaced = " ",
            Count = 3,
            Category = "cat.#:",
        };

    [Fact]
    public async Task Odd_attribute_names_and_values_are_inserted_updated_checked_and_deleted_through_placeholders()
    {
        await using (var context = CreateContext())
        {
            var created = NewOdd("odd 'key' #1", "open");
            created.Category = "cat.#: only";
            created.Hashed = "#hash only";
            context.Add(created);
            await context.SaveChangesAsync();
        }

        var key = new Dictionary<string, AttributeValue> { [KeyAttribute] = S("odd 'key' #1"), ["Status"] = S("open") };
        var stored = await fixture.GetAsync("Odd", key);
        Assert.Equal(
            new[] { KeyAttribute, "Status", "a.b", "#x", ":y", "say \"hi\" 'there'", "名前 😀", "  spaced  ", "count", CategoryAttribute, VersionAttribute }
                .Order(StringComparer.Ordinal),
            stored!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("it's \"quoted\" #:", stored["say \"hi\" 'there'"].S);

        await using (var context = CreateContext())
        {
            // Read by key, by the index with odd names, and by a filter on odd names; then update and check the row version.
            var odd = await context.Set<Odd>().SingleAsync(o => o.Key == "odd 'key' #1" && o.Sort == "open");
            Assert.Single(await context.Set<Odd>().AsNoTracking().Where(o => o.Category == "cat.#: only").ToListAsync());
            Assert.Single(await context.Set<Odd>().AsNoTracking()
                .Where(o => o.Hashed == "#hash only" && o.Coloned == ":colon" && o.Unicode == "値 😀" && o.Spaced == " " && o.Count == 3).ToListAsync());
            odd.Dotted = null;
            odd.Quoted = "\"'#:.";
            odd.Count = 4;
            await context.SaveChangesAsync();
            Assert.Equal(2, odd.Version);

            context.Remove(odd);
            await context.SaveChangesAsync();
        }

        Assert.Null(await fixture.GetAsync("Odd", key));
    }

    [Fact]
    public async Task A_stale_row_version_under_an_odd_attribute_name_is_a_conflict()
    {
        await using (var context = CreateContext())
        {
            context.Add(NewOdd("stale", "s"));
            await context.SaveChangesAsync();
        }

        await using var first = CreateContext();
        await using var second = CreateContext();
        var mine = await first.Set<Odd>().SingleAsync(o => o.Key == "stale" && o.Sort == "s");
        var theirs = await second.Set<Odd>().SingleAsync(o => o.Key == "stale" && o.Sort == "s");
        theirs.Count = 10;
        await second.SaveChangesAsync();
        mine.Count = 20;

        var exception = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());

        Assert.Contains("'Version' is 2 in the table, 1 was expected", exception.Message);
    }

    [Fact]
    public async Task A_300_KB_string_round_trips_through_insert_update_and_read()
    {
        var text = string.Concat(Enumerable.Repeat("é😀\"#:.", 30_000)) + "end";
        Assert.InRange(Encoding.UTF8.GetByteCount(text), 300_000, 307_200);
        await using (var context = CreateContext())
        {
            var odd = NewOdd("long", "text");
            odd.Text = text;
            context.Add(odd);
            await context.SaveChangesAsync();
            odd.Text = text.ToUpperInvariant();
            await context.SaveChangesAsync();
        }

        await using (var context = CreateContext())
        {
            var odd = await context.Set<Odd>().AsNoTracking().SingleAsync(o => o.Key == "long" && o.Sort == "text");
            Assert.Equal(text.ToUpperInvariant(), odd.Text);
            Assert.Single(await context.Set<Odd>().AsNoTracking().Where(o => o.Text == text.ToUpperInvariant()).ToListAsync());
        }
    }

    [Fact]
    public async Task An_item_a_few_bytes_under_400_KB_is_stored_and_one_byte_over_is_refused_before_sending()
    {
        // DynamoDB counts names and values in UTF-8: 'é' is 2 bytes, the attribute names hold Cyrillic and an emoji.
        static string TextFor(string id, int total)
        {
            var rest = total - Encoding.UTF8.GetByteCount(BlobIdAttribute) - Encoding.UTF8.GetByteCount(id) - Encoding.UTF8.GetByteCount(BlobTextAttribute);
            return new string('é', rest / 2) + new string('x', rest % 2);
        }

        await using (var context = CreateContext())
        {
            context.Add(new Blob { Id = "under", Text = TextFor("under", 409_600 - 3) });
            await context.SaveChangesAsync();
        }

        Assert.NotNull(await fixture.GetAsync("Blob", new() { [BlobIdAttribute] = S("under") }));

        await using (var context = CreateContext())
        {
            var blob = new Blob { Id = "over", Text = TextFor("over", 409_601) };
            context.Add(blob);
            fixture.Logs.Clear();

            var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

            Assert.StartsWith("Cannot save 'Blob' with key (Id='over'): the item would be 409,601 bytes, over DynamoDB's item size limit", exception.Message);
            Assert.Contains($"'{BlobTextAttribute}'", exception.Message);
            Assert.Same(blob, Assert.Single(exception.Entries).Entity);
            Assert.Equal(0, fixture.Sent("PutItem"));
        }

        // DynamoDB agrees: the same item, sent raw, is refused.
        await Assert.ThrowsAnyAsync<Amazon.DynamoDBv2.AmazonDynamoDBException>(() => fixture.Raw.PutItemAsync(new PutItemRequest
        {
            TableName = fixture.Prefix + "Blob",
            Item = new() { [BlobIdAttribute] = S("over"), [BlobTextAttribute] = S(TextFor("over", 409_601)) },
        }));
    }

    [Fact]
    public async Task A_set_holding_duplicates_after_a_value_converter_is_refused_naming_the_value()
    {
        // "RED" and "red" are two codes to the application, and one member ("red" in UTF-8, cmVk in base64) once converted:
        // DynamoDB rejects a set whose members repeat.
        await using var context = CreateContext();
        var tagged = new Tagged { Id = "dups", Codes = ["RED", "red", "blue"] };
        context.Add(tagged);
        fixture.Logs.Clear();

        var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

        Assert.StartsWith("Cannot save 'Tagged' with key (Id='dups'): property 'Codes' has the value", exception.Message);
        Assert.EndsWith("the set holds 'cmVk' (base64) twice after conversion.", exception.Message);
        Assert.Same(tagged, Assert.Single(exception.Entries).Entity);
        Assert.Equal(0, fixture.Sent("PutItem"));
        Assert.Null(await fixture.GetAsync("Tagged", new() { ["Id"] = S("dups") }));

        // Without the duplicate the same codes are stored, converted.
        tagged.Codes = ["RED", "blue"];
        await context.SaveChangesAsync();
        var stored = (await fixture.GetAsync("Tagged", new() { ["Id"] = S("dups") }))!["Codes"].BS;
        Assert.Equal(["blue", "red"], stored.Select(b => Encoding.UTF8.GetString(b.ToArray())).Order());
    }

    [Fact]
    public async Task Key_values_up_to_DynamoDBs_limits_are_stored_and_longer_ones_are_refused_before_sending()
    {
        var longestPartition = new string('é', 1024); // 2,048 bytes
        var longestSort = new string('é', 512); // 1,024 bytes
        await using (var context = CreateContext())
        {
            context.Add(NewOdd(longestPartition, longestSort));
            await context.SaveChangesAsync();
        }

        await using (var context = CreateContext())
        {
            Assert.NotNull(await context.Set<Odd>().FindAsync(longestPartition, longestSort));
        }

        foreach (var (odd, expected) in new[]
                 {
                     (NewOdd(longestPartition + "x", "s"), "its partition key 'Key' is 2,049 bytes long; DynamoDB limits a partition key value to 2,048 bytes"),
                     (NewOdd("k", longestSort + "x"), "its sort key 'Sort' is 1,025 bytes long; DynamoDB limits a sort key value to 1,024 bytes"),
                 })
        {
            await using var context = CreateContext();
            context.Add(odd);
            fixture.Logs.Clear();

            var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

            Assert.Contains(expected, exception.Message);
            Assert.Equal(0, fixture.Sent("PutItem"));
        }

        await using (var context = CreateContext())
        {
            var odd = NewOdd("index", "key");
            odd.Category = new string('c', 2049);
            context.Add(odd);
            fixture.Logs.Clear();

            var exception = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());

            Assert.Contains("property 'Category' is the partition key of the index 'By.Category-1' and its value is 2,049 bytes long", exception.Message);
            Assert.Equal(0, fixture.Sent("PutItem"));
        }
    }

    [Fact]
    public async Task Reads_of_key_values_no_item_can_have_answer_nothing_or_fall_back_to_a_client_side_check()
    {
        await using (var setup = CreateContext())
        {
            setup.AddRange(NewOdd("range", "a"), NewOdd("range", "m"), NewOdd("range", "z"));
            await setup.SaveChangesAsync();
        }

        await using var context = CreateContext();
        var tooLongForAPartitionKey = new string('x', 2049);
        var tooLongForASortKey = new string('n', 1025);
        fixture.Logs.Clear();

        Assert.Null(await context.Set<Odd>().FindAsync(tooLongForAPartitionKey, "a"));
        Assert.Empty(await context.Set<Odd>().Where(o => o.Key == tooLongForAPartitionKey).ToListAsync());
        Assert.Empty(await context.Set<Odd>().Where(o => o.Key == "range" && o.Sort == tooLongForASortKey).ToListAsync());
        Assert.Empty(await context.Set<Odd>().Where(o => o.Key == "range" && o.Sort.StartsWith(tooLongForASortKey)).ToListAsync());
        Assert.Empty(await context.Set<Odd>().Where(o => o.Category == tooLongForAPartitionKey).ToListAsync());
        Assert.Equal(0, fixture.Sent("GetItem") + fixture.Sent("Query"));

        // A bound longer than any sort key cannot go into the key condition, but it can still hold: it is checked on the client.
        Assert.Equal(
            ["a", "m"],
            await context.Set<Odd>().Where(o => o.Key == "range" && string.CompareOrdinal(o.Sort, tooLongForASortKey) < 0)
                .Select(o => o.Sort).OrderBy(s => s).ToListAsync());
    }

    [Fact]
    public async Task An_UpdateExpression_up_to_4_KB_is_sent_and_a_longer_one_is_refused_before_sending()
    {
        await using (var setup = CreateContext())
        {
            setup.Add(new Wide { Id = "wide" });
            await setup.SaveChangesAsync();
        }

        // Change ever more attributes at once until the UpdateExpression ("SET #P000 = :v0, ...") no longer fits.
        int? accepted = null;
        for (var count = 265; count <= 300; count++)
        {
            await using var context = CreateContext();
            var wide = new Wide { Id = "wide" };
            context.Attach(wide);
            for (var i = 0; i < count; i++)
            {
                context.Entry(wide).Property($"P{i:000}").CurrentValue = "v" + count;
            }

            fixture.Logs.Clear();
            try
            {
                await context.SaveChangesAsync();
                accepted = count;
                Assert.Equal(1, fixture.Sent("UpdateItem"));
            }
            catch (InvalidOperationException exception)
            {
                Assert.Contains("needs an UpdateExpression of", exception.Message);
                Assert.Contains("DynamoDB allows 4096", exception.Message);
                Assert.Contains("'Wide' with key (Id='wide')", exception.Message);
                Assert.Equal(0, fixture.Sent("UpdateItem"));
                break;
            }
        }

        // The longest expression accepted was within a few clauses of the limit, and DynamoDB applied it.
        Assert.InRange(accepted!.Value, 270, 299);
        var stored = await fixture.GetAsync("Wide", new() { ["Id"] = S("wide") });
        Assert.Equal("v" + accepted, stored![$"P{accepted - 1:000}"].S);
    }
}
