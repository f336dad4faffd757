using EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Conformance.Model;

namespace EFCore.DynamoDb.FunctionalTests.Conformance;

/// <summary>
///     Comparisons of every stored type (unsigned and short integers, long, nullable numbers, enums as numbers and as text,
///     DateTime, decimal, double, float, bool), casts that keep the value, and Equals / object.Equals with operands of
///     different types, which C# answers by type as well as by value.
/// </summary>
public class ConversionQueryTests(ConformanceFixture fixture) : ConformanceTestBase(fixture), IClassFixture<ConformanceFixture>
{
    // Nullable unsigned integers (Employee.ReportsTo is uint?)

    [Fact]
    public Task Nullable_uint_equals_literal()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.ReportsTo == 2));

    [Fact]
    public Task Nullable_uint_is_null()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.ReportsTo == null));

    [Fact]
    public Task Nullable_uint_is_not_null()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.ReportsTo != null));

    [Fact]
    public Task Nullable_uint_has_value()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.ReportsTo.HasValue));

    [Fact]
    public Task Nullable_uint_not_equal_includes_null()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.ReportsTo != 2));

    [Fact]
    public Task Nullable_uint_greater_than_excludes_null()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.ReportsTo > 3));

    [Fact]
    public Task Nullable_uint_not_greater_than_includes_null()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => !(e.ReportsTo > 3)));

    [Fact]
    public async Task Nullable_uint_parameter_via_query_cache()
    {
        uint? reportsTo = 2;
        await AssertQuery(ss => ss.Set<Employee>().Where(e => e.ReportsTo == reportsTo));
        reportsTo = 5;
        await AssertQuery(ss => ss.Set<Employee>().Where(e => e.ReportsTo == reportsTo));
        reportsTo = null;
        await AssertQuery(ss => ss.Set<Employee>().Where(e => e.ReportsTo == reportsTo));
    }

    [Fact]
    public Task Nullable_uint_ordering_against_null_parameter_matches_nothing()
    {
        uint? reportsTo = null;
        return AssertQuery(ss => ss.Set<Employee>().Where(e => e.ReportsTo > reportsTo), assertEmpty: true);
    }

    [Fact]
    public Task Nullable_double_ordering_against_null_parameter_matches_nothing()
    {
        double? rating = null;
        return AssertQuery(ss => ss.Set<Employee>().Where(e => e.Rating <= rating), assertEmpty: true);
    }

    [Fact]
    public Task Uint_key_greater_than_nullable_parameter()
    {
        uint? id = 20;
        return AssertQuery(ss => ss.Set<Employee>().Where(e => e.EmployeeID > id));
    }

    // Casts that keep the value

    [Fact]
    public Task Cast_nullable_uint_to_nullable_long_compared_with_parameter()
    {
        long? reportsTo = 2;
        return AssertQuery(ss => ss.Set<Employee>().Where(e => (long?)e.ReportsTo == reportsTo));
    }

    [Fact]
    public Task Cast_uint_to_long_ordering()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => (long)e.EmployeeID > 20L));

    [Fact]
    public Task Cast_short_to_int_compared_with_parameter()
    {
        var grade = 3;
        return AssertQuery(
            ss => ss.Set<Employee>().Where(e => (int)e.Grade == grade),
            ss => ss.Set<Employee>().Where(e => e.Grade == 3));
    }

    [Fact]
    public Task Short_compared_with_int_literal()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Grade < 0));

    [Fact]
    public Task Short_compared_with_negative_literal()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Grade >= -3 && e.Grade <= 3));

    [Fact]
    public Task Cast_short_to_double()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => (double)e.Grade > 10.5));

    [Fact]
    public Task Short_quantity_greater_than_int_literal()
        => AssertQuery(ss => ss.Set<OrderDetail>().Where(d => d.Quantity > 100));

    [Fact]
    public Task Nullable_ushort_less_than_int_literal()
        => AssertQuery(ss => ss.Set<Product>().Where(p => p.UnitsInStock < 10));

    [Fact]
    public Task Nullable_ushort_is_null()
        => AssertQuery(ss => ss.Set<Product>().Where(p => p.UnitsInStock == null));

    [Fact]
    public Task Nullable_ushort_equals_parameter()
    {
        ushort? units = Data.Products.First(p => p.UnitsInStock != null).UnitsInStock;
        return AssertQuery(ss => ss.Set<Product>().Where(p => p.UnitsInStock == units));
    }

    [Fact]
    public Task Nullable_short_compared_with_nullable_short_attribute()
        => AssertQuery(ss => ss.Set<Product>().Where(p => p.ReorderLevel > p.UnitsOnOrder));

    [Fact]
    public Task Int_key_compared_with_long_parameter()
    {
        long orderId = ConformanceData.FirstOrderId + 10;
        return AssertQuery(ss => ss.Set<OrderDetail>().Where(d => d.OrderID == orderId));
    }

    [Fact]
    public Task Narrowing_cast_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Employee>().Where(e => (byte)e.Grade == 3), "Grade");

    // Equals and object.Equals: C# compares the type as well as the value

    [Fact]
    public Task Equals_on_same_type()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.EmployeeID.Equals(1u)));

    [Fact]
    public Task Equals_with_mismatched_type_uses_the_object_overload_and_matches_nothing()
    {
        ulong id = 1;
        return AssertQuery(ss => ss.Set<Employee>().Where(e => e.EmployeeID.Equals(id)), assertEmpty: true);
    }

    [Fact]
    public Task Equals_with_a_widening_parameter_uses_the_typed_overload()
    {
        ushort id = 1;
        return AssertQuery(ss => ss.Set<Employee>().Where(e => e.EmployeeID.Equals(id)));
    }

    [Fact]
    public Task Equals_nullable_uint_with_long_matches_nothing()
    {
        long reportsTo = 2;
        return AssertQuery(ss => ss.Set<Employee>().Where(e => e.ReportsTo.Equals(reportsTo)), assertEmpty: true);
    }

    [Fact]
    public Task Equals_long_with_nullable_uint_matches_nothing()
    {
        long reportsTo = 2;
        return AssertQuery(ss => ss.Set<Employee>().Where(e => reportsTo.Equals(e.ReportsTo)), assertEmpty: true);
    }

    [Fact]
    public Task Equals_nullable_uint_with_uint()
    {
        uint reportsTo = 2;
        return AssertQuery(ss => ss.Set<Employee>().Where(e => e.ReportsTo.Equals(reportsTo)));
    }

    [Fact]
    public Task Equals_uint_with_nullable_uint()
    {
        uint reportsTo = 2;
        return AssertQuery(ss => ss.Set<Employee>().Where(e => reportsTo.Equals(e.ReportsTo)));
    }

    [Fact]
    public Task Equals_nullable_long_with_nullable_uint_matches_nothing()
    {
        long? reportsTo = 2;
        return AssertQuery(ss => ss.Set<Employee>().Where(e => reportsTo.Equals(e.ReportsTo)), assertEmpty: true);
    }

    [Fact]
    public Task Equals_nullable_uint_with_nullable_uint()
    {
        uint? reportsTo = 2;
        return AssertQuery(ss => ss.Set<Employee>().Where(e => e.ReportsTo.Equals(reportsTo)));
    }

    [Fact]
    public Task Equals_null_nullable_uint_parameter_with_attribute()
    {
        uint? reportsTo = null;
        return AssertQuery(
            ss => ss.Set<Employee>().Where(e => reportsTo.Equals(e.ReportsTo)),
            ss => ss.Set<Employee>().Where(e => e.ReportsTo == null));
    }

    [Fact]
    public Task Equals_attribute_with_null_nullable_uint_parameter()
    {
        uint? reportsTo = null;
        return AssertQuery(
            ss => ss.Set<Employee>().Where(e => e.ReportsTo.Equals(reportsTo)),
            ss => ss.Set<Employee>().Where(e => e.ReportsTo == null));
    }

    [Fact]
    public Task Equals_int_attribute_with_long_parameter_matches_nothing()
    {
        long orderId = ConformanceData.FirstOrderId + 10;
        return AssertQuery(ss => ss.Set<OrderDetail>().Where(d => d.OrderID.Equals(orderId)), assertEmpty: true);
    }

    [Fact]
    public Task Equals_long_parameter_with_int_attribute_widens_the_attribute()
    {
        long orderId = ConformanceData.FirstOrderId + 10;
        return AssertQuery(ss => ss.Set<OrderDetail>().Where(d => orderId.Equals(d.OrderID)));
    }

    [Fact]
    public Task Object_Equals_with_same_types()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => Equals(e.ReportsTo, 2u)));

    [Fact]
    public Task Object_Equals_with_mismatched_types_matches_nothing()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => Equals(e.EmployeeID, 2)), assertEmpty: true);

    [Fact]
    public Task Object_Equals_on_short()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => Equals(e.Grade, (short)3)));

    [Fact]
    public Task Equals_short_with_int_parameter_matches_nothing()
    {
        var grade = 3;
        return AssertQuery(ss => ss.Set<Employee>().Where(e => e.Grade.Equals(grade)), assertEmpty: true);
    }

    [Fact]
    public Task Equals_on_strings_with_object_overload()
    {
        object city = "London";
        return AssertQuery(ss => ss.Set<Customer>().Where(c => city.Equals(c.City)));
    }

    // Enums stored as numbers

    [Fact]
    public Task Enum_equals()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Level == EmployeeLevel.Senior));

    [Fact]
    public Task Enum_not_equal()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Level != EmployeeLevel.Senior));

    [Fact]
    public Task Enum_greater_than()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Level > EmployeeLevel.Junior));

    [Fact]
    public Task Enum_cast_to_int_equals_literal()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => (int)e.Level == 2));

    [Fact]
    public Task Enum_cast_to_int_compared_with_parameter()
    {
        var level = 3;
        return AssertQuery(ss => ss.Set<Employee>().Where(e => (int)e.Level >= level));
    }

    [Fact]
    public Task Enum_parameter()
    {
        var status = OrderStatus.Shipped;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.Status == status));
    }

    [Fact]
    public Task Enum_in_list()
    {
        var levels = new[] { EmployeeLevel.Intern, EmployeeLevel.Manager };
        return AssertQuery(ss => ss.Set<Employee>().Where(e => levels.Contains(e.Level)));
    }

    [Fact]
    public Task Enum_HasFlag_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Order>().Where(o => o.Status.HasFlag(OrderStatus.Shipped)), "HasFlag");

    // Enums stored as text (a value converter)

    [Fact]
    public Task String_enum_equals()
        => AssertQuery(ss => ss.Set<Product>().Where(p => p.Category == ProductCategory.Beverages));

    [Fact]
    public Task String_enum_is_null()
        => AssertQuery(ss => ss.Set<Product>().Where(p => p.Category == null));

    [Fact]
    public Task String_enum_not_equal_includes_null()
        => AssertQuery(ss => ss.Set<Product>().Where(p => p.Category != ProductCategory.Seafood));

    [Fact]
    public Task String_enum_in_list()
    {
        var categories = new List<ProductCategory?> { ProductCategory.Dairy, null };
        return AssertQuery(ss => ss.Set<Product>().Where(p => categories.Contains(p.Category)));
    }

    [Fact]
    public Task String_enum_ordering_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Product>().Where(p => p.Category > ProductCategory.Dairy), "Category");

    // DateTime

    [Fact]
    public Task DateTime_greater_than_literal()
        => AssertQuery(ss => ss.Set<Order>().Where(o => o.OrderDate > new DateTime(2023, 6, 1, 0, 0, 0, DateTimeKind.Utc)));

    [Fact]
    public Task DateTime_is_null()
        => AssertQuery(ss => ss.Set<Order>().Where(o => o.OrderDate == null));

    [Fact]
    public Task DateTime_range_with_parameters()
    {
        var from = new DateTime(2022, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2022, 9, 1, 0, 0, 0, DateTimeKind.Utc);
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.OrderDate >= from && o.OrderDate < to));
    }

    [Fact]
    public Task DateTime_equals_parameter()
    {
        var date = Data.Orders.First(o => o.OrderDate != null).OrderDate;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.OrderDate == date));
    }

    [Fact]
    public Task DateTime_two_attributes()
        => AssertQuery(ss => ss.Set<Order>().Where(o => o.ShippedDate > o.RequiredDate));

    [Fact]
    public Task DateTime_less_than_UtcNow()
        => AssertQuery(ss => ss.Set<Order>().Where(o => o.OrderDate < DateTime.UtcNow));

    [Fact]
    public Task DateTime_non_nullable()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.HireDate < new DateTime(2012, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

    [Fact]
    public Task DateTime_component_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Order>().Where(o => o.OrderDate!.Value.Year == 2023), "Year");

    [Fact]
    public Task DateTime_Date_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Order>().Where(o => o.OrderDate!.Value.Date == new DateTime(2023, 1, 1)), "Date");

    [Fact]
    public Task DateTime_AddDays_on_attribute_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Order>().Where(o => o.OrderDate!.Value.AddDays(1) > DateTime.UtcNow), "AddDays");

    // decimal, double, float, long

    [Fact]
    public Task Decimal_greater_than_literal()
        => AssertQuery(ss => ss.Set<Order>().Where(o => o.Freight > 400m));

    [Fact]
    public Task Decimal_equals_parameter()
    {
        var freight = Data.Orders[17].Freight;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.Freight == freight));
    }

    [Fact]
    public Task Decimal_between()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Salary >= 50_000m && e.Salary <= 80_000m));

    [Fact]
    public Task Nullable_decimal_greater_than()
        => AssertQuery(ss => ss.Set<Product>().Where(p => p.UnitPrice > 100m));

    [Fact]
    public Task Nullable_decimal_is_null()
        => AssertQuery(ss => ss.Set<Product>().Where(p => p.UnitPrice == null));

    [Fact]
    public Task Nullable_decimal_not_equal_includes_null()
        => AssertQuery(ss => ss.Set<Product>().Where(p => p.UnitPrice != 18m));

    [Fact]
    public Task Nullable_double_greater_than_or_equal()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Rating >= 4.0));

    [Fact]
    public Task Nullable_double_is_null()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Rating == null));

    [Fact]
    public Task Float_greater_than()
        => AssertQuery(ss => ss.Set<OrderDetail>().Where(d => d.Discount > 0.1f));

    [Fact]
    public Task Float_equals()
        => AssertQuery(ss => ss.Set<OrderDetail>().Where(d => d.Discount == 0.05f));

    [Fact]
    public Task Float_equals_zero()
        => AssertQuery(ss => ss.Set<OrderDetail>().Where(d => d.Discount == 0));

    [Fact]
    public Task Nullable_long_beyond_int_range()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Badge > 9_000_500_000L));

    [Fact]
    public Task Nullable_long_is_null()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Badge == null));

    // bool

    [Fact]
    public Task Bool_attribute()
        => AssertQuery(ss => ss.Set<Order>().Where(o => o.IsRush));

    [Fact]
    public Task Bool_negated()
        => AssertQuery(ss => ss.Set<Order>().Where(o => !o.IsRush));

    [Fact]
    public Task Bool_equals_true()
        => AssertQuery(ss => ss.Set<Order>().Where(o => o.IsRush == true));

    [Fact]
    public Task Bool_not_equal_true()
        => AssertQuery(ss => ss.Set<Order>().Where(o => o.IsRush != true));

    [Fact]
    public Task Bool_equals_parameter()
    {
        var discontinued = false;
        return AssertQuery(ss => ss.Set<Product>().Where(p => p.Discontinued == discontinued));
    }

    [Fact]
    public Task Bool_and_number()
        => AssertQuery(ss => ss.Set<Product>().Where(p => !p.Discontinued && p.UnitsOnOrder == 0));

    // Arithmetic DynamoDB cannot evaluate

    [Fact]
    public Task Decimal_arithmetic_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Order>().Where(o => o.Freight * 2 > 100m), "Freight");

    [Fact]
    public Task Integer_arithmetic_is_refused()
        => AssertTranslationFailed(ss => ss.Set<OrderDetail>().Where(d => d.Quantity + 1 > 10), "Quantity");

    [Fact]
    public Task Math_function_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Employee>().Where(e => Math.Abs(e.Grade) > 3), "Abs");
}
