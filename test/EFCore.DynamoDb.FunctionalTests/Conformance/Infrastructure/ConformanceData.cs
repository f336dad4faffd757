using EFCore.DynamoDb.FunctionalTests.Conformance.Model;

namespace EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;

/// <summary>
///     The suite's data, generated from a fixed seed (the same on every run, no real Northwind data): about three thousand
///     items over five tables. The same objects are written to DynamoDB and queried with LINQ-to-Objects, so every query has
///     an expected answer.
/// </summary>
public sealed class ConformanceData
{
    private const int Seed = 20240611;

    /// <summary>The first order id; order ids then follow each other, customer after customer.</summary>
    public const int FirstOrderId = 10248;

    private static readonly DateTime Epoch = new(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly (string City, string Country)[] Cities =
    [
        ("London", "UK"), ("Seattle", "USA"), ("Berlin", "Germany"), ("México D.F.", "Mexico"), ("Madrid", "Spain"),
        ("Paris", "France"), ("São Paulo", "Brazil"), ("Portland", "USA"), ("Århus", "Denmark"), ("Graz", "Austria"),
        ("Lyon", "France"), ("Sevilla", "Spain"), ("Kirkland", "USA"), ("Redmond", "USA"), ("Walla Walla", "USA"),
        ("Cowes", "UK"), ("Tsawassen", "Canada"), ("Eugene", "USA"),
    ];

    private static readonly string[] Regions = ["WA", "OR", "BC", "SP", "Isle of Wight", "Île-de-France"];

    private static readonly string[] Words =
    [
        "Alfreds", "Ana", "Antonio", "Around", "Berglunds", "Blauer", "Blondel", "Bólido", "Bon", "Bottom", "Cactus", "Centro",
        "Chop", "Comércio", "Consolidated", "Drachen", "Du", "Eastern", "Ernst", "Familia", "Folies", "Frankenversand", "Galería",
        "Godos", "Gourmet", "Great", "Hanari", "Hungry", "Island", "Königlich", "La", "Lazy", "Lehmanns", "Let's", "Lonesome",
        "Magazzini", "Maison", "Morgenstern", "North", "Océano", "Old", "Ottilies", "Paris", "Pericles", "Piccolo", "Princesa",
        "Que", "Queen", "Rattlesnake", "Richter", "Romero", "Santé", "Save", "Seven", "Simons", "Split", "Suprêmes", "Tortuga",
        "Toms", "Trail's", "Vaffeljernet", "Victuailles", "Wartian", "Wellington", "White", "Wilman", "Wolski",
    ];

    private static readonly string[] FirstNames =
        ["Nancy", "Andrew", "Janet", "Margaret", "Steven", "Michael", "Robert", "Laura", "Anne", "Zoë", "Ólafur", "Li"];

    private static readonly string[] LastNames =
        ["Davolio", "Fuller", "Leverling", "Peacock", "Buchanan", "Suyama", "King", "Callahan", "Dodsworth", "Øster", "Nguyen"];

    private static readonly string[] Titles = ["Sales Representative", "Vice President, Sales", "Sales Manager", "Inside Sales Coordinator"];

    private static readonly string[] SkillNames = ["SQL", "C#", "Java", "Sales", "Support", "Management", "Français"];

    private static readonly string[] LanguageNames = ["en", "fr", "de", "es", "pt"];

    private static readonly string[] TagNames = ["vip", "new", "wholesale", "retail", "export"];

    private static readonly float[] Discounts = [0f, 0f, 0.05f, 0.1f, 0.15f, 0.2f, 0.25f];

    private ConformanceData()
    {
    }

    public List<Customer> Customers { get; } = [];

    public List<Order> Orders { get; } = [];

    public List<OrderDetail> OrderDetails { get; } = [];

    public List<Product> Products { get; } = [];

    public List<Employee> Employees { get; } = [];

    /// <summary>Customers whose Region is stored as a DynamoDB NULL rather than left out (as some other tools write nulls).</summary>
    public HashSet<string> CustomersWithStoredNullRegion { get; } = new(StringComparer.Ordinal);

    /// <summary>The entities of type <typeparamref name="TEntity" />, for LINQ-to-Objects.</summary>
    public IReadOnlyList<TEntity> Set<TEntity>()
        where TEntity : class
        => typeof(TEntity) switch
        {
            var t when t == typeof(Customer) => (IReadOnlyList<TEntity>)Customers,
            var t when t == typeof(Order) => (IReadOnlyList<TEntity>)Orders,
            var t when t == typeof(OrderDetail) => (IReadOnlyList<TEntity>)OrderDetails,
            var t when t == typeof(Product) => (IReadOnlyList<TEntity>)Products,
            var t when t == typeof(Employee) => (IReadOnlyList<TEntity>)Employees,
            _ => throw new InvalidOperationException($"The conformance model has no entity type '{typeof(TEntity).Name}'."),
        };

    public static ConformanceData Create()
    {
        var data = new ConformanceData();
        var random = new Random(Seed);
        data.CreateEmployees(random);
        data.CreateProducts(random);
        data.CreateCustomers(random);
        data.CreateOrders(random);
        return data;
    }

    private void CreateEmployees(Random random)
    {
        for (uint id = 1; id <= 30; id++)
        {
            var (city, country) = Cities[random.Next(Cities.Length)];
            Employees.Add(new Employee
            {
                EmployeeID = id,
                LastName = LastNames[random.Next(LastNames.Length)],
                FirstName = FirstNames[random.Next(FirstNames.Length)],
                Title = id % 6 == 0 ? null : Titles[random.Next(Titles.Length)],
                BirthDate = id % 7 == 3 ? null : new DateTime(1950, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(random.Next(0, 365 * 45)),
                HireDate = new DateTime(2005, 1, 1, 9, 0, 0, DateTimeKind.Utc).AddDays(random.Next(0, 365 * 15)).AddMinutes(random.Next(0, 600)),
                City = id % 8 == 5 ? null : city,
                Country = country,
                // 1 and 17 report to nobody; 2..5 report to 1; the rest to one of 2..5, or to 17.
                ReportsTo = id is 1 or 17 ? null : id <= 5 ? 1u : id % 9 == 0 ? 17u : (uint)random.Next(2, 6),
                Grade = (short)random.Next(-5, 21),
                Badge = id % 5 == 2 ? null : 9_000_000_000L + random.Next(0, 1_000_000),
                Salary = Math.Round(30_000m + (decimal)random.NextDouble() * 90_000m, 2),
                Rating = id % 4 == 1 ? null : Math.Round(random.NextDouble() * 5, 1),
                Level = (EmployeeLevel)random.Next(0, 5),
                IsRemote = random.Next(3) == 0,
                Nickname = (id % 5) switch { 0 => null, 1 => "", _ => FirstNames[random.Next(FirstNames.Length)] is var n && n.Length > 3 ? n[..3] : n },
                Notes = id % 3 == 0 ? null : $"Joined from {city}; speaks {LanguageNames[random.Next(LanguageNames.Length)]}.",
                Skills = Enumerable.Range(0, random.Next(0, 4)).Select(_ => SkillNames[random.Next(SkillNames.Length)]).ToHashSet(),
                Territories = Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.Next(1, 41)).ToHashSet(),
                Ratings = id % 4 == 2 ? null : Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(1, 6)).ToList(),
                Languages = Enumerable.Range(0, random.Next(0, 3)).Select(_ => LanguageNames[random.Next(LanguageNames.Length)]).ToList(),
            });
        }
    }

    private void CreateProducts(Random random)
    {
        for (var id = 1; id <= 77; id++)
        {
            Products.Add(new Product
            {
                ProductID = id,
                ProductName = $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {id}",
                SupplierID = id % 10 == 0 ? null : random.Next(1, 30),
                Category = id % 9 == 4 ? null : (ProductCategory)random.Next(1, 9),
                QuantityPerUnit = id % 6 == 1 ? null : $"{random.Next(1, 50)} boxes x {random.Next(1, 30)} units",
                UnitPrice = id % 11 == 3 ? null : Math.Round(2m + (decimal)random.NextDouble() * 120m, 2),
                UnitsInStock = id % 8 == 6 ? null : (ushort)random.Next(0, 130),
                UnitsOnOrder = (short)(random.Next(4) == 0 ? 0 : random.Next(-10, 100)),
                ReorderLevel = id % 5 == 4 ? null : (short)random.Next(0, 30),
                Discontinued = random.Next(5) == 0,
            });
        }
    }

    private void CreateCustomers(Random random)
    {
        for (var i = 1; i <= 90; i++)
        {
            var (city, country) = Cities[random.Next(Cities.Length)];
            var id = "C" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
            var regionRoll = random.Next(20);
            var customer = new Customer
            {
                CustomerID = id,
                CompanyName = $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]}",
                ContactName = i % 11 == 0 ? null : $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}",
                ContactTitle = i % 4 == 0 ? null : Titles[random.Next(Titles.Length)],
                City = i % 10 == 7 ? null : city,
                Region = regionRoll switch { < 14 => null, 14 => "", _ => Regions[random.Next(Regions.Length)] },
                PostalCode = i % 9 == 0 ? null : random.Next(1000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Country = country,
                Phone = i % 7 == 0 ? null : $"({random.Next(100, 999)}) 555-{random.Next(1000, 9999)}",
                Tags = Enumerable.Range(0, random.Next(0, 3)).Select(_ => TagNames[random.Next(TagNames.Length)]).ToHashSet(),
                Address = i % 6 == 5
                    ? null
                    : new Address
                    {
                        Street = $"{random.Next(1, 300)} {Words[random.Next(Words.Length)]} Street",
                        City = i % 13 == 0 ? "Elsewhere" : city ?? "Nowhere",
                        PostalCode = i % 4 == 3 ? null : random.Next(1000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
            };
            // Most customers without a region have no Region attribute; a few have it stored as NULL.
            if (regionRoll is 12 or 13)
            {
                CustomersWithStoredNullRegion.Add(id);
            }

            Customers.Add(customer);
        }
    }

    private void CreateOrders(Random random)
    {
        // Every order gets its own time slot (25 hours apart, shuffled: about two years), so order dates are unique and their order differs from
        // the order ids' order within a customer.
        var counts = Customers.Select(c => c.CustomerID.EndsWith('0') ? 0 : random.Next(1, 17)).ToList();
        var slots = Enumerable.Range(0, counts.Sum()).ToArray();
        random.Shuffle(slots);

        var orderId = FirstOrderId;
        var slot = 0;
        for (var c = 0; c < Customers.Count; c++)
        {
            var customer = Customers[c];
            for (var n = 0; n < counts[c]; n++, orderId++, slot++)
            {
                DateTime? orderDate = orderId % 23 == 5 ? null : Epoch.AddHours(slots[slot] * 25).AddMinutes(random.Next(0, 500));
                var order = new Order
                {
                    CustomerID = customer.CustomerID,
                    OrderID = orderId,
                    EmployeeID = orderId % 19 == 7 ? null : (uint)random.Next(1, 31),
                    OrderDate = orderDate,
                    RequiredDate = orderDate?.AddDays(28),
                    ShippedDate = orderDate == null || random.Next(10) == 0 ? null : orderDate.Value.AddDays(random.Next(1, 41)),
                    Freight = Math.Round((decimal)random.NextDouble() * 500m, 2),
                    ShipName = orderId % 17 == 3 ? null : customer.CompanyName,
                    ShipCity = orderId % 13 == 8 ? null : customer.City,
                    ShipCountry = customer.Country,
                    Status = (OrderStatus)random.Next(0, 4),
                    IsRush = random.Next(5) == 0,
                };
                Orders.Add(order);
                customer.Orders.Add(order);

                var products = Enumerable.Range(1, Products.Count).OrderBy(_ => random.Next()).Take(random.Next(1, 6)).Order();
                foreach (var productId in products)
                {
                    OrderDetails.Add(new OrderDetail
                    {
                        OrderID = orderId,
                        ProductID = productId,
                        UnitPrice = Products[productId - 1].UnitPrice ?? 9.5m,
                        Quantity = (short)random.Next(1, 121),
                        Discount = Discounts[random.Next(Discounts.Length)],
                    });
                }
            }
        }
    }
}
