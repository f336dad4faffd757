namespace EFCore.DynamoDb.FunctionalTests.Conformance.Model;

/// <summary>An owned type, stored as a nested map inside its customer's item.</summary>
public class Address
{
    public string Street { get; set; } = null!;

    public string City { get; set; } = null!;

    public string? PostalCode { get; set; }
}
