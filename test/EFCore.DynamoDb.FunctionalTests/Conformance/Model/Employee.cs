namespace EFCore.DynamoDb.FunctionalTests.Conformance.Model;

/// <summary>
///     An employee: a uint partition key and properties of many CLR types (unsigned, short, long, nullable, enum, DateTime,
///     decimal, double, bool, strings with nulls and empty strings, sets and lists), so conversions and null semantics are
///     exercised.
/// </summary>
public class Employee
{
    public uint EmployeeID { get; set; }

    public string LastName { get; set; } = null!;

    public string FirstName { get; set; } = null!;

    public string? Title { get; set; }

    public DateTime? BirthDate { get; set; }

    public DateTime HireDate { get; set; }

    public string? City { get; set; }

    public string Country { get; set; } = null!;

    /// <summary>The manager's EmployeeID; missing for those who report to nobody.</summary>
    public uint? ReportsTo { get; set; }

    /// <summary>Negative for some employees.</summary>
    public short Grade { get; set; }

    /// <summary>Large values beyond int's range, or missing.</summary>
    public long? Badge { get; set; }

    public decimal Salary { get; set; }

    public double? Rating { get; set; }

    public EmployeeLevel Level { get; set; }

    public bool IsRemote { get; set; }

    /// <summary>Missing, empty or text.</summary>
    public string? Nickname { get; set; }

    /// <summary>Stored under the attribute name "notes".</summary>
    public string? Notes { get; set; }

    /// <summary>A string set (SS); an empty set is no attribute.</summary>
    public HashSet<string> Skills { get; set; } = [];

    /// <summary>A number set (NS).</summary>
    public HashSet<int> Territories { get; set; } = [];

    /// <summary>A list (L) with duplicates, missing for some.</summary>
    public List<int>? Ratings { get; set; }

    /// <summary>A list (L) of strings, empty for some.</summary>
    public List<string> Languages { get; set; } = [];
}
