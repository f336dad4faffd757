namespace EFCore.DynamoDb.FunctionalTests.Conformance.Model;

/// <summary>
///     An order: partition key CustomerID, sort key OrderID, a global index by employee and order date, and a local index by
///     order date. Order dates are unique, and shuffled against order ids, so the two sort orders of a partition differ.
/// </summary>
public class Order
{
    public string CustomerID { get; set; } = null!;

    public int OrderID { get; set; }

    /// <summary>Missing in some items: those are not in the employee index.</summary>
    public uint? EmployeeID { get; set; }

    /// <summary>Missing in some items: those are in neither index.</summary>
    public DateTime? OrderDate { get; set; }

    public DateTime? RequiredDate { get; set; }

    public DateTime? ShippedDate { get; set; }

    public decimal Freight { get; set; }

    public string? ShipName { get; set; }

    public string? ShipCity { get; set; }

    public string ShipCountry { get; set; } = null!;

    public OrderStatus Status { get; set; }

    public bool IsRush { get; set; }
}
