namespace EFCore.DynamoDb.FunctionalTests.Conformance.Model;

/// <summary>Stored as its underlying number (N).</summary>
public enum EmployeeLevel
{
    Intern = 0,
    Junior = 1,
    Senior = 2,
    Principal = 3,
    Manager = 4,
}
