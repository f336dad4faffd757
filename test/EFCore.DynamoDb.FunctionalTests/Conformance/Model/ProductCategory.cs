namespace EFCore.DynamoDb.FunctionalTests.Conformance.Model;

/// <summary>Stored as its name (S) through a value converter.</summary>
public enum ProductCategory
{
    Beverages = 1,
    Condiments = 2,
    Confections = 3,
    Dairy = 4,
    Grains = 5,
    Meat = 6,
    Produce = 7,
    Seafood = 8,
}
