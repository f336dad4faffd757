using System.Globalization;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.FunctionalTests.Conformance.Model;

namespace EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;

/// <summary>
///     The items of <see cref="ConformanceData" /> as the raw SDK writes them, in the forms the provider stores (README "Types"):
///     a null is no attribute (or, for some customers' Region, a stored NULL), an empty set is no attribute, and some items
///     carry an attribute the model does not map, as items other tools wrote do.
/// </summary>
internal static class ConformanceItems
{
    public static Dictionary<string, AttributeValue> Of(Customer c, bool storedNullRegion)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["CustomerID"] = S(c.CustomerID),
            ["CompanyName"] = S(c.CompanyName),
            ["Country"] = S(c.Country),
        };
        Add(item, "ContactName", c.ContactName);
        Add(item, "ContactTitle", c.ContactTitle);
        Add(item, "City", c.City);
        Add(item, "Region", c.Region);
        Add(item, "PostalCode", c.PostalCode);
        Add(item, "Phone", c.Phone);
        if (storedNullRegion)
        {
            item["Region"] = new AttributeValue { NULL = true };
        }

        if (c.Tags.Count > 0)
        {
            item["Tags"] = new AttributeValue { SS = c.Tags.ToList() };
        }

        if (c.Address != null)
        {
            var address = new Dictionary<string, AttributeValue> { ["Street"] = S(c.Address.Street), ["City"] = S(c.Address.City) };
            Add(address, "PostalCode", c.Address.PostalCode);
            item["Address"] = new AttributeValue { M = address };
        }

        if (c.CustomerID.EndsWith('3'))
        {
            item["legacy_revision"] = new AttributeValue { N = "7" };
        }

        return item;
    }

    public static Dictionary<string, AttributeValue> Of(Order o)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["CustomerID"] = S(o.CustomerID),
            ["OrderID"] = N(o.OrderID),
            ["Freight"] = N(o.Freight),
            ["ShipCountry"] = S(o.ShipCountry),
            ["Status"] = N((int)o.Status),
            ["IsRush"] = new AttributeValue { BOOL = o.IsRush },
        };
        if (o.EmployeeID != null)
        {
            item["EmployeeID"] = N(o.EmployeeID.Value);
        }

        Add(item, "OrderDate", o.OrderDate);
        Add(item, "RequiredDate", o.RequiredDate);
        Add(item, "ShippedDate", o.ShippedDate);
        Add(item, "ShipName", o.ShipName);
        Add(item, "ShipCity", o.ShipCity);
        return item;
    }

    public static Dictionary<string, AttributeValue> Of(OrderDetail d)
        => new()
        {
            ["OrderID"] = N(d.OrderID),
            ["ProductID"] = N(d.ProductID),
            ["UnitPrice"] = N(d.UnitPrice),
            ["Quantity"] = N(d.Quantity),
            ["Discount"] = new AttributeValue { N = d.Discount.ToString("R", CultureInfo.InvariantCulture) },
        };

    public static Dictionary<string, AttributeValue> Of(Product p)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["ProductID"] = N(p.ProductID),
            ["name"] = S(p.ProductName),
            ["UnitsOnOrder"] = N(p.UnitsOnOrder),
            ["Discontinued"] = new AttributeValue { BOOL = p.Discontinued },
        };
        if (p.SupplierID != null)
        {
            item["SupplierID"] = N(p.SupplierID.Value);
        }

        Add(item, "Category", p.Category?.ToString());
        Add(item, "QuantityPerUnit", p.QuantityPerUnit);
        if (p.UnitPrice != null)
        {
            item["UnitPrice"] = N(p.UnitPrice.Value);
        }

        if (p.UnitsInStock != null)
        {
            item["UnitsInStock"] = N(p.UnitsInStock.Value);
        }

        if (p.ReorderLevel != null)
        {
            item["ReorderLevel"] = N(p.ReorderLevel.Value);
        }

        return item;
    }

    public static Dictionary<string, AttributeValue> Of(Employee e)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["EmployeeID"] = N(e.EmployeeID),
            ["LastName"] = S(e.LastName),
            ["FirstName"] = S(e.FirstName),
            ["HireDate"] = S(Date(e.HireDate)),
            ["Country"] = S(e.Country),
            ["Grade"] = N(e.Grade),
            ["Salary"] = N(e.Salary),
            ["Level"] = N((int)e.Level),
            ["IsRemote"] = new AttributeValue { BOOL = e.IsRemote },
            ["Languages"] = new AttributeValue { L = e.Languages.Select(S).ToList(), IsLSet = true },
        };
        Add(item, "Title", e.Title);
        Add(item, "BirthDate", e.BirthDate);
        Add(item, "City", e.City);
        Add(item, "Nickname", e.Nickname);
        Add(item, "notes", e.Notes);
        if (e.ReportsTo != null)
        {
            item["ReportsTo"] = N(e.ReportsTo.Value);
        }

        if (e.Badge != null)
        {
            item["Badge"] = N(e.Badge.Value);
        }

        if (e.Rating != null)
        {
            item["Rating"] = new AttributeValue { N = e.Rating.Value.ToString("R", CultureInfo.InvariantCulture) };
        }

        if (e.Skills.Count > 0)
        {
            item["Skills"] = new AttributeValue { SS = e.Skills.ToList() };
        }

        if (e.Territories.Count > 0)
        {
            item["Territories"] = new AttributeValue { NS = e.Territories.Select(t => t.ToString(CultureInfo.InvariantCulture)).ToList() };
        }

        if (e.Ratings != null)
        {
            item["Ratings"] = new AttributeValue { L = e.Ratings.Select(r => N(r)).ToList(), IsLSet = true };
        }

        return item;
    }

    /// <summary>A DateTime as the provider stores it: ISO-8601 in UTC with seven fraction digits.</summary>
    public static string Date(DateTime value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N<T>(T value)
        where T : IFormattable
        => new() { N = value.ToString(null, CultureInfo.InvariantCulture) };

    private static void Add(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value != null)
        {
            item[name] = S(value);
        }
    }

    private static void Add(Dictionary<string, AttributeValue> item, string name, DateTime? value)
    {
        if (value != null)
        {
            item[name] = S(Date(value.Value));
        }
    }
}
