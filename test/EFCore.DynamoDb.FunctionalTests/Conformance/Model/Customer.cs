namespace EFCore.DynamoDb.FunctionalTests.Conformance.Model;

/// <summary>A customer: a string partition key and no sort key, nullable strings, a set and an optional owned address.</summary>
public class Customer
{
    public string CustomerID { get; set; } = null!;

    public string CompanyName { get; set; } = null!;

    public string? ContactName { get; set; }

    public string? ContactTitle { get; set; }

    public string? City { get; set; }

    /// <summary>Missing in most items, a stored NULL in some (as other tools write it), empty text in a few.</summary>
    public string? Region { get; set; }

    public string? PostalCode { get; set; }

    public string Country { get; set; } = null!;

    public string? Phone { get; set; }

    public HashSet<string> Tags { get; set; } = [];

    public Address? Address { get; set; }

    /// <summary>A relationship to another table: DynamoDB has no joins, so queries cannot follow it.</summary>
    public List<Order> Orders { get; set; } = [];
}
