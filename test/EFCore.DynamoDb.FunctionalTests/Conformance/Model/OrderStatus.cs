namespace EFCore.DynamoDb.FunctionalTests.Conformance.Model;

/// <summary>Stored as its underlying number (N).</summary>
public enum OrderStatus
{
    Pending = 0,
    Shipped = 1,
    Delivered = 2,
    Cancelled = 3,
}
