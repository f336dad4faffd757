using System.ComponentModel.DataAnnotations;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Update.Infrastructure;

/// <summary>The PynamoDB tutorial's Thread: ForumName partition key, Subject sort key, a row version.</summary>
public class ForumThread
{
    public string ForumName { get; set; } = null!;

    public string Subject { get; set; } = null!;

    public long Views { get; set; }

    public int Replies { get; set; }

    public HashSet<string> Tags { get; set; } = [];

    public DateTime? LastPostDateTime { get; set; }

    public double Score { get; set; }

    public string? Body { get; set; }

    public string? Category { get; set; }

    public string Title { get; set; } = "";

    public int Version { get; set; }
}

/// <summary>An item with an owned reference (nested), an owned collection and a complex value (nested).</summary>
public class Order
{
    public string Id { get; set; } = null!;

    public string Status { get; set; } = "new";

    public Address? ShippingAddress { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public Customer Customer { get; set; } = new();

    public int Revision { get; set; }
}

public class Address
{
    public string Street { get; set; } = "";

    public string City { get; set; } = "";

    public GeoPoint? Location { get; set; }
}

public class GeoPoint
{
    public double Latitude { get; set; }

    public double Longitude { get; set; }
}

public class OrderLine
{
    public string Sku { get; set; } = "";

    public int Quantity { get; set; }

    public decimal Price { get; set; }
}

public class Customer
{
    public string Name { get; set; } = "";

    public string? Email { get; set; }

    public Phone Phone { get; set; } = new();
}

public class Phone
{
    public string Number { get; set; } = "";
}

/// <summary>An item guarded by a string concurrency token the application sets on each change.</summary>
public class Document
{
    public string Id { get; set; } = null!;

    public string Content { get; set; } = "";

    [ConcurrencyCheck]
    public string ETag { get; set; } = "";
}

/// <summary>An item without concurrency tokens: with AutoTransactionBehavior.Never its writes go into BatchWriteItem.</summary>
public class Reading
{
    public string DeviceId { get; set; } = null!;

    public long Timestamp { get; set; }

    public double Value { get; set; }
}

public class UpdateContext(DbContextOptions<UpdateContext> options) : DbContext(options)
{
    public DbSet<ForumThread> Threads => Set<ForumThread>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<Document> Documents => Set<Document>();

    public DbSet<Reading> Readings => Set<Reading>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ForumThread>(b =>
        {
            b.ToTable("Thread");
            b.HasPartitionKey(t => t.ForumName);
            b.HasSortKey(t => t.Subject);
            b.Property(t => t.Version).IsRowVersion();
            b.HasIndex(t => new { t.Category, t.Subject }, "ByCategory");
        });

        modelBuilder.Entity<Order>(b =>
        {
            b.ToTable("Order");
            b.HasPartitionKey(o => o.Id);
            b.OwnsOne(o => o.ShippingAddress, a => a.OwnsOne(x => x.Location));
            b.OwnsMany(o => o.Lines);
            b.ComplexProperty(o => o.Customer, c => c.ComplexProperty(x => x.Phone));
            b.Property(o => o.Revision).IsRowVersion();
        });

        modelBuilder.Entity<Reading>(b =>
        {
            b.ToTable("Reading");
            b.HasPartitionKey(r => r.DeviceId);
            b.HasSortKey(r => r.Timestamp);
        });

        modelBuilder.Entity<Document>(b =>
        {
            b.ToTable("Document");
            b.HasPartitionKey(d => d.Id);
        });
    }
}

/// <summary>Reads stored items into entities with the raw SDK and attaches them (queries are not available to these tests).</summary>
public static class RawEntities
{
    public static T Materialize<T>(DbContext context, Dictionary<string, AttributeValue> item)
        where T : class, new()
    {
        var entityType = context.Model.FindEntityType(typeof(T))!;
        var entity = new T();
        foreach (var property in entityType.GetProperties().Where(p => p.PropertyInfo != null))
        {
            var mapping = (DynamoDbTypeMapping)property.GetTypeMapping();
            var value = item.TryGetValue(property.GetAttributeName(), out var attribute)
                ? mapping.FromAttributeValue(attribute)
                : mapping.MissingValue;
            property.PropertyInfo!.SetValue(entity, value);
        }

        return entity;
    }

    /// <summary>Reads the thread with the raw SDK and attaches it as Unchanged, as a query would.</summary>
    public static async Task<ForumThread> AttachThreadAsync(UpdateContext context, UpdateTestStore store, string forum, string subject)
    {
        var item = await store.GetAsync("Thread", ("ForumName", UpdateTestStore.S(forum)), ("Subject", UpdateTestStore.S(subject)))
            ?? throw new InvalidOperationException($"No thread ({forum}, {subject}).");
        var thread = Materialize<ForumThread>(context, item);
        context.Attach(thread);
        return thread;
    }

    public static async Task<Document> AttachDocumentAsync(UpdateContext context, UpdateTestStore store, string id)
    {
        var item = await store.GetAsync("Document", ("Id", UpdateTestStore.S(id))) ?? throw new InvalidOperationException($"No document {id}.");
        var document = Materialize<Document>(context, item);
        context.Attach(document);
        return document;
    }
}

public class Tenant
{
    public string Code { get; set; } = null!;

    public string Name { get; set; } = "";
}

public class TenantAlias
{
    public string Code { get; set; } = null!;

    public string Target { get; set; } = "";
}

/// <summary>Two entity types in one table.</summary>
public class SharedTableContext(DbContextOptions<SharedTableContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tenant>(b =>
        {
            b.ToTable("Shared");
            b.HasPartitionKey(t => t.Code);
        });
        modelBuilder.Entity<TenantAlias>(b =>
        {
            b.ToTable("Shared");
            b.HasPartitionKey(t => t.Code);
        });
    }
}
