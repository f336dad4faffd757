using EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;
using EFCore.DynamoDb.FunctionalTests.Conformance.Model;
using Microsoft.EntityFrameworkCore;

namespace EFCore.DynamoDb.FunctionalTests.Conformance;

/// <summary>
///     Where over strings, closures, logic and nulls (in the spirit of EF Core's NorthwindWhereQueryTestBase): C#'s answer,
///     including for missing attributes and stored NULLs, or a refusal naming what DynamoDB cannot evaluate.
/// </summary>
public class WhereQueryTests(ConformanceFixture fixture) : ConformanceTestBase(fixture), IClassFixture<ConformanceFixture>
{
    // Closures and parameters

    [Fact]
    public Task Where_simple()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == "London"), operation: "Scan");

    [Fact]
    public Task Where_simple_reversed()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => "London" == c.City));

    [Fact]
    public Task Where_simple_closure()
    {
        var city = "London";
        return AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == city));
    }

    [Fact]
    public async Task Where_simple_closure_via_query_cache()
    {
        var city = "London";
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == city));
        city = "Seattle";
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == city));
    }

    [Fact]
    public Task Where_indexer_closure()
    {
        var cities = new[] { "London" };
        return AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == cities[0]));
    }

    [Fact]
    public Task Where_dictionary_key_access_closure()
    {
        var predicateMap = new Dictionary<string, string> { ["City"] = "London" };
        return AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == predicateMap["City"]));
    }

    [Fact]
    public Task Where_tuple_item_closure()
    {
        var predicateTuple = new Tuple<string, string>("C001", "London");
        return AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == predicateTuple.Item2));
    }

    [Fact]
    public Task Where_named_tuple_item_closure()
    {
        (string CustomerID, string City) predicateTuple = ("C001", "London");
        return AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == predicateTuple.City));
    }

    [Fact]
    public async Task Where_field_access_closure_via_query_cache()
    {
        var city = new CityHolder { InstanceFieldValue = "London" };
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == city.InstanceFieldValue));
        city.InstanceFieldValue = "Seattle";
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == city.InstanceFieldValue));
    }

    [Fact]
    public async Task Where_property_access_closure_via_query_cache()
    {
        var city = new CityHolder { InstancePropertyValue = "London" };
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == city.InstancePropertyValue));
        city.InstancePropertyValue = "Seattle";
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == city.InstancePropertyValue));
    }

    [Fact]
    public async Task Where_static_field_access_closure_via_query_cache()
    {
        CityHolder.StaticFieldValue = "London";
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == CityHolder.StaticFieldValue));
        CityHolder.StaticFieldValue = "Seattle";
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == CityHolder.StaticFieldValue));
    }

    [Fact]
    public async Task Where_static_property_access_closure_via_query_cache()
    {
        CityHolder.StaticPropertyValue = "London";
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == CityHolder.StaticPropertyValue));
        CityHolder.StaticPropertyValue = "Seattle";
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == CityHolder.StaticPropertyValue));
    }

    [Fact]
    public async Task Where_nested_field_access_closure_via_query_cache()
    {
        var city = new CityHolder { Nested = new CityHolder { InstanceFieldValue = "London" } };
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == city.Nested.InstanceFieldValue));
        city.Nested.InstanceFieldValue = "Seattle";
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == city.Nested.InstanceFieldValue));
    }

    [Fact]
    public async Task Where_method_call_closure_via_query_cache()
    {
        var city = new CityHolder { InstanceFieldValue = "London" };
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == city.GetCity()));
        city.InstanceFieldValue = "Seattle";
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == city.GetCity()));
    }

    [Fact]
    public Task Where_new_instance_field_access()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == new CityHolder { InstanceFieldValue = "London" }.InstanceFieldValue));

    [Fact]
    public async Task Where_nested_field_access_closure_that_throws_is_reported()
    {
        var city = new CityHolder();
        await using var context = Fixture.CreateContext();
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => context.Customers.Where(c => c.City == city.Nested!.InstanceFieldValue).ToListAsync());
        Assert.Contains("Nested", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task Where_closure_computed_value()
    {
        var prefix = "Lon";
        return AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == prefix + "don"));
    }

    [Fact]
    public Task Where_closure_constant_true()
    {
        var predicate = true;
        return AssertQuery(ss => ss.Set<Customer>().Where(c => predicate), operation: "Scan");
    }

    [Fact]
    public Task Where_closure_constant_false()
    {
        var predicate = false;
        return AssertQuery(ss => ss.Set<Customer>().Where(c => predicate), assertEmpty: true, operation: "None");
    }

    [Fact]
    public Task Where_true()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => true), operation: "Scan");

    [Fact]
    public Task Where_false()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => false), assertEmpty: true, operation: "None");

    [Fact]
    public Task Where_constant_is_null()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => "foo" == null), assertEmpty: true);

    [Fact]
    public Task Where_constant_is_not_null()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => "foo" != null));

    // Logic

    [Fact]
    public Task Where_and()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.Country == "UK" && c.City == "London"));

    [Fact]
    public Task Where_or()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == "London" || c.City == "Berlin"));

    [Fact]
    public Task Where_bitwise_or()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == "London" | c.City == "Berlin"));

    [Fact]
    public Task Where_bitwise_and()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.Country == "UK" & c.City != "London"));

    [Fact]
    public Task Where_bitwise_xor()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => (c.City == "London") ^ true));

    [Fact]
    public Task Where_not()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => !(c.City == "London")));

    [Fact]
    public Task Where_not_equal_includes_missing_attributes()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.City != "London"));

    [Fact]
    public Task Where_not_of_or_De_Morgan()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => !(c.City == "London" || c.Country == "USA")));

    [Fact]
    public Task Where_not_of_and_De_Morgan()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => !(c.Country == "USA" && c.City == "Seattle")));

    [Fact]
    public Task Where_De_Morgan_expanded_form()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.City != "London" && c.Country != "USA"));

    [Fact]
    public Task Where_double_negation()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => !!(c.City == "London")));

    [Fact]
    public Task Where_not_of_not_equal()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => !(c.City != "London")));

    [Fact]
    public Task Where_nested_and_or()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => (c.City == "London" || c.City == "Paris") && (c.Region == null || c.Country == "UK")));

    [Fact]
    public Task Where_chained()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.Country == "USA").Where(c => c.City != "Seattle"));

    [Fact]
    public Task Where_or_with_null_check()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.Region == null || c.Region == "WA"));

    [Fact]
    public Task Where_conditional_with_boolean_branches()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.Region == null ? c.Country == "UK" : c.Country == "USA"));

    [Fact]
    public Task Where_coalesce()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => (c.Region ?? "none") == "none"));

    // Nulls

    [Fact]
    public Task Where_is_null_matches_missing_and_stored_NULL()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.Region == null));

    [Fact]
    public Task Where_is_not_null()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.Region != null));

    [Fact]
    public Task Where_not_is_null()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => !(c.Region == null)));

    [Fact]
    public Task Where_not_equal_to_value_includes_stored_NULL()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.Region != "WA"));

    [Fact]
    public Task Where_null_parameter_equal()
    {
        string? region = null;
        return AssertQuery(ss => ss.Set<Customer>().Where(c => c.Region == region));
    }

    [Fact]
    public Task Where_null_parameter_not_equal()
    {
        string? region = null;
        return AssertQuery(ss => ss.Set<Customer>().Where(c => c.Region != region));
    }

    [Fact]
    public async Task Where_parameter_null_then_value_via_query_cache()
    {
        string? region = null;
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.Region == region));
        region = "WA";
        await AssertQuery(ss => ss.Set<Customer>().Where(c => c.Region == region));
    }

    [Fact]
    public Task Where_two_nullable_attributes_equal()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == c.Region));

    [Fact]
    public Task Where_two_nullable_attributes_not_equal()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.City != c.Region));

    [Fact]
    public Task Where_identity_comparison()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == c.City));

    [Fact]
    public Task Where_identity_comparison_not_equal()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.City != c.City), assertEmpty: true);

    [Fact]
    public Task Where_identity_comparison_of_required_attribute()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.CompanyName == c.CompanyName));

    // Strings

    [Fact]
    public Task Where_string_length()
        => AssertQuery(
            ss => ss.Set<Customer>().Where(c => c.City!.Length == 6),
            ss => ss.Set<Customer>().Where(c => c.City != null && c.City.Length == 6));

    [Fact]
    public Task Where_string_length_greater_than()
        => AssertQuery(
            ss => ss.Set<Customer>().Where(c => c.City!.Length > 7),
            ss => ss.Set<Customer>().Where(c => c.City != null && c.City.Length > 7));

    [Fact]
    public Task Where_string_length_of_required_attribute()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.CompanyName.Length > 15));

    [Fact]
    public Task Where_string_starts_with_literal()
        => AssertQuery(
            ss => ss.Set<Customer>().Where(c => c.ContactName!.StartsWith("M")),
            ss => ss.Set<Customer>().Where(c => c.ContactName != null && c.ContactName.StartsWith("M")));

    [Fact]
    public Task Where_string_starts_with_parameter()
    {
        var prefix = "An";
        return AssertQuery(
            ss => ss.Set<Customer>().Where(c => c.ContactName!.StartsWith(prefix)),
            ss => ss.Set<Customer>().Where(c => c.ContactName != null && c.ContactName.StartsWith(prefix)));
    }

    [Fact]
    public Task Where_string_starts_with_empty_string()
        => AssertQuery(
            ss => ss.Set<Customer>().Where(c => c.ContactName!.StartsWith("")),
            ss => ss.Set<Customer>().Where(c => c.ContactName != null));

    [Fact]
    public Task Where_string_starts_with_ordinal()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.CompanyName.StartsWith("S", StringComparison.Ordinal)));

    [Fact]
    public Task Where_string_starts_with_unicode()
        => AssertQuery(
            ss => ss.Set<Customer>().Where(c => c.City!.StartsWith("Sã")),
            ss => ss.Set<Customer>().Where(c => c.City != null && c.City.StartsWith("Sã")));

    [Fact]
    public Task Where_string_starts_with_ignore_case_is_refused()
        => AssertTranslationFailed(
            ss => ss.Set<Customer>().Where(c => c.CompanyName.StartsWith("s", StringComparison.OrdinalIgnoreCase)), "case-insensitive");

    [Fact]
    public Task Where_string_ends_with_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => c.CompanyName.EndsWith("s")), "EndsWith");

    [Fact]
    public Task Where_string_contains_literal()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.CompanyName.Contains("an")));

    [Fact]
    public Task Where_string_contains_char()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.CompanyName.Contains('o')));

    [Fact]
    public Task Where_string_contains_parameter()
    {
        var part = "er";
        return AssertQuery(ss => ss.Set<Customer>().Where(c => c.CompanyName.Contains(part)));
    }

    [Fact]
    public Task Where_string_contains_empty_string()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.CompanyName.Contains("")));

    [Fact]
    public Task Where_string_not_contains()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => !c.CompanyName.Contains("a")));

    [Fact]
    public Task Where_string_contains_on_nullable_attribute()
        => AssertQuery(
            ss => ss.Set<Customer>().Where(c => c.ContactName!.Contains("ar")),
            ss => ss.Set<Customer>().Where(c => c.ContactName != null && c.ContactName.Contains("ar")));

    [Fact]
    public Task Where_string_is_null_or_empty()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => string.IsNullOrEmpty(c.Region)));

    [Fact]
    public Task Where_string_not_is_null_or_empty()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => !string.IsNullOrEmpty(c.Region)));

    [Fact]
    public Task Where_string_is_null_or_empty_of_empty_and_missing_strings()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => string.IsNullOrEmpty(e.Nickname)));

    [Fact]
    public Task Where_empty_string_is_not_null()
        => AssertQuery(ss => ss.Set<Employee>().Where(e => e.Nickname == ""));

    [Fact]
    public Task Where_renamed_attribute_contains()
        => AssertQuery(
            ss => ss.Set<Employee>().Where(e => e.Notes!.Contains("Paris")),
            ss => ss.Set<Employee>().Where(e => e.Notes != null && e.Notes.Contains("Paris")));

    [Fact]
    public Task Where_string_is_null_or_white_space_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => string.IsNullOrWhiteSpace(c.Region)), "IsNullOrWhiteSpace");

    [Fact]
    public Task Where_string_compare_ordinal_greater_than()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => string.CompareOrdinal(c.City, "M") > 0));

    [Fact]
    public Task Where_string_compare_ordinal_less_than_includes_null_as_CSharp_does()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => string.CompareOrdinal(c.City, "M") < 0));

    [Fact]
    public Task Where_string_compare_with_ordinal_comparison()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => string.Compare(c.CompanyName, "M", StringComparison.Ordinal) <= 0));

    [Fact]
    public Task Where_string_compare_ordinal_reversed()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => 0 < string.CompareOrdinal("M", c.CompanyName)));

    [Fact]
    public Task Where_string_compare_culture_sensitive_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => string.Compare(c.CompanyName, "M") > 0), "Compare");

    [Fact]
    public Task Where_string_compare_to_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => c.CompanyName.CompareTo("M") > 0), "CompareTo");

    [Fact]
    public Task Where_string_to_upper_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => c.CompanyName.ToUpper() == "X"), "ToUpper");

    [Fact]
    public Task Where_string_to_lower_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => c.CompanyName.ToLower() == "x"), "ToLower");

    [Fact]
    public Task Where_string_substring_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => c.CompanyName.Substring(1, 2) == "ea"), "Substring");

    [Fact]
    public Task Where_string_index_of_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => c.CompanyName.IndexOf("Sea") != -1), "IndexOf");

    [Fact]
    public Task Where_string_replace_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => c.CompanyName.Replace("a", "b") == "b"), "Replace");

    [Fact]
    public Task Where_string_trim_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => c.CompanyName.Trim() == "b"), "Trim");

    [Fact]
    public Task Where_string_concatenation_of_an_attribute_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => c.CompanyName + "!" == "Toms!"), "CompanyName");

    [Fact]
    public Task Where_string_equals_method()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.City!.Equals("London")), ss => ss.Set<Customer>().Where(c => c.City == "London"));

    [Fact]
    public Task Where_string_equals_static()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => string.Equals(c.City, "London")));

    [Fact]
    public Task Where_string_equals_ordinal()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => string.Equals(c.City, "London", StringComparison.Ordinal)));

    [Fact]
    public Task Where_string_equals_ignore_case_is_refused()
        => AssertTranslationFailed(
            ss => ss.Set<Customer>().Where(c => c.CompanyName.Equals("x", StringComparison.OrdinalIgnoreCase)), "case-insensitive");

    [Fact]
    public Task Where_string_comparison_is_case_sensitive()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == "london"), assertEmpty: true);

    [Fact]
    public Task Where_unicode_literal()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.City == "Århus" || c.City == "México D.F."));

    // Owned type, EF.Property, entities, shapes DynamoDB cannot evaluate

    [Fact]
    public Task Where_owned_property()
        => AssertQuery(
            ss => ss.Set<Customer>().Where(c => c.Address!.City == "London"),
            ss => ss.Set<Customer>().Where(c => c.Address != null && c.Address.City == "London"));

    [Fact]
    public Task Where_owned_is_null()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.Address == null));

    [Fact]
    public Task Where_owned_is_not_null()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c.Address != null));

    [Fact]
    public Task Where_owned_nullable_property_is_null_propagates_a_missing_owner()
        => AssertQuery(
            ss => ss.Set<Customer>().Where(c => c.Address!.PostalCode == null),
            ss => ss.Set<Customer>().Where(c => c.Address == null || c.Address.PostalCode == null));

    [Fact]
    public Task Where_owned_property_starts_with()
        => AssertQuery(
            ss => ss.Set<Customer>().Where(c => c.Address!.Street.StartsWith("1")),
            ss => ss.Set<Customer>().Where(c => c.Address != null && c.Address.Street.StartsWith("1")));

    [Fact]
    public Task Where_EF_Property()
        => AssertQuery(
            ss => ss.Set<Customer>().Where(c => EF.Property<string>(c, "City") == "London"),
            ss => ss.Set<Customer>().Where(c => c.City == "London"));

    [Fact]
    public Task Where_EF_Property_of_owned_property()
        => AssertQuery(
            ss => ss.Set<Customer>().Where(c => EF.Property<string>(c.Address!, "City") == "London"),
            ss => ss.Set<Customer>().Where(c => c.Address != null && c.Address.City == "London"));

    [Fact]
    public Task Where_EF_Property_of_an_unknown_property_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => EF.Property<string>(c, "Nope") == "x"), "Nope");

    [Fact]
    public Task Where_entity_is_null()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c == null), assertEmpty: true);

    [Fact]
    public Task Where_entity_is_not_null()
        => AssertQuery(ss => ss.Set<Customer>().Where(c => c != null));

    [Fact]
    public Task Where_client_method_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => IsLondon(c.City)), "IsLondon");

    [Fact]
    public Task Where_correlated_subquery_is_refused()
        => AssertTranslationFailed(
            ss => ss.Set<Customer>().Where(c => ss.Set<Order>().Any(o => o.CustomerID == c.CustomerID)), "join");

    [Fact]
    public Task Where_navigation_any_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => c.Orders.Any()), "join");

    [Fact]
    public Task Where_navigation_count_is_refused()
        => AssertTranslationFailed(ss => ss.Set<Customer>().Where(c => c.Orders.Count > 5), "join");

    [Fact]
    public Task Where_after_Take_filters_the_window_on_the_client()
    {
        var customer = Data.Customers.OrderByDescending(c => c.Orders.Count).First().CustomerID;
        return AssertQuery(ss => ss.Set<Order>().Where(o => o.CustomerID == customer).OrderBy(o => o.OrderID).Take(8).Where(o => o.IsRush || o.Freight > 200m));
    }

    [Fact]
    public Task Where_after_Take_of_entities_with_an_owned_type()
        => AssertQuery(ss => ss.Set<Customer>().Take(1000).Where(c => c.City == "London"));

    private static bool IsLondon(string? city) => city == "London";

    private sealed class CityHolder
    {
        public static string? StaticFieldValue;

        public string? InstanceFieldValue;

        public CityHolder? Nested;

        public static string? StaticPropertyValue { get; set; }

        public string? InstancePropertyValue { get; set; }

        public string? GetCity() => InstanceFieldValue;
    }
}
