using System.Collections;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Xunit.Sdk;

namespace EFCore.DynamoDb.FunctionalTests.Types.Infrastructure;

/// <summary>
///     Structural comparison of model values (every public property, recursively; sets without order, lists in order) and of
///     stored <see cref="AttributeValue" />s (exact type and form; set members without order). Failures name the path.
/// </summary>
public static class Deep
{
    public static void Equal(object? expected, object? actual, string path = "")
    {
        if (expected is null || actual is null)
        {
            if (!(expected is null && actual is null))
            {
                Fail(path, Show(expected), Show(actual));
            }

            return;
        }

        switch (expected)
        {
            case DateTime dateTime:
                var actualDateTime = Assert.IsType<DateTime>(actual);
                if (dateTime != actualDateTime || actualDateTime.Kind != DateTimeKind.Utc)
                {
                    Fail(path, Show(expected) + " (read back with Kind Utc)", Show(actual) + $" (Kind {actualDateTime.Kind})");
                }

                return;
            case DateTimeOffset dateTimeOffset:
                var actualOffset = Assert.IsType<DateTimeOffset>(actual);
                if (dateTimeOffset != actualOffset || actualOffset.Offset != TimeSpan.Zero)
                {
                    Fail(path, Show(expected) + " (read back at offset zero)", Show(actual));
                }

                return;
            case byte[] bytes:
                if (actual is not byte[] actualBytes || !bytes.AsSpan().SequenceEqual(actualBytes))
                {
                    Fail(path, Show(expected), Show(actual));
                }

                return;
            case string or bool or char or Guid or decimal or DateOnly or TimeOnly or TimeSpan or Enum
                or byte or sbyte or short or ushort or int or uint or long or ulong or float or double:
                if (!expected.Equals(actual))
                {
                    Fail(path, Show(expected), Show(actual));
                }

                return;
            case IDictionary dictionary:
                var actualDictionary = Assert.IsAssignableFrom<IDictionary>(actual);
                var keys = dictionary.Keys.Cast<string>().Order(StringComparer.Ordinal).ToList();
                var actualKeys = actualDictionary.Keys.Cast<string>().Order(StringComparer.Ordinal).ToList();
                if (!keys.SequenceEqual(actualKeys))
                {
                    Fail(path + " keys", string.Join(",", keys), string.Join(",", actualKeys));
                }

                foreach (var key in keys)
                {
                    Equal(dictionary[key], actualDictionary[key], $"{path}[\"{key}\"]");
                }

                return;
            case IEnumerable enumerable when IsSet(expected.GetType()):
                var expectedElements = enumerable.Cast<object?>().ToList();
                var actualElements = Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object?>().ToList();
                if (expectedElements.Count != actualElements.Count
                    || expectedElements.Any(e => !actualElements.Any(a => Matches(e, a))))
                {
                    Fail(path, "set " + Show(expected), "set " + Show(actual));
                }

                return;
            case IEnumerable sequence:
                var expectedList = sequence.Cast<object?>().ToList();
                var actualList = Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object?>().ToList();
                if (expectedList.Count != actualList.Count)
                {
                    Fail(path + " count", expectedList.Count.ToString(CultureInfo.InvariantCulture), actualList.Count.ToString(CultureInfo.InvariantCulture));
                }

                for (var i = 0; i < expectedList.Count; i++)
                {
                    Equal(expectedList[i], actualList[i], $"{path}[{i}]");
                }

                return;
        }

        var type = expected.GetType();
        if (type.IsValueType || type.GetMethod("<Clone>$") != null)
        {
            // Records and user structs compare by value.
            if (!expected.Equals(actual))
            {
                Fail(path, Show(expected), Show(actual));
            }

            return;
        }

        foreach (var property in type.GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            Equal(property.GetValue(expected), property.GetValue(actual), path.Length == 0 ? property.Name : path + "." + property.Name);
        }
    }

    private static bool Matches(object? expected, object? actual)
    {
        try
        {
            Equal(expected, actual);
            return true;
        }
        catch (XunitException)
        {
            return false;
        }
    }

    private static bool IsSet(Type type)
        => type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISet<>));

    /// <summary>The stored item holds exactly these attributes (no others), each of exactly this type and form.</summary>
    public static void Item(Dictionary<string, AttributeValue> expected, Dictionary<string, AttributeValue> actual)
    {
        var missing = expected.Keys.Except(actual.Keys).Order(StringComparer.Ordinal).ToList();
        var extra = actual.Keys.Except(expected.Keys).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw new XunitException(
                $"Stored attributes differ. Missing: [{string.Join(", ", missing)}]; unexpected: "
                + $"[{string.Join(", ", extra.Select(e => e + "=" + Describe(actual[e])))}]");
        }

        var failures = new List<string>();
        foreach (var (name, value) in expected.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            try
            {
                Attribute(value, actual[name], name);
            }
            catch (XunitException e)
            {
                failures.Add(e.Message);
            }
        }

        if (failures.Count > 0)
        {
            throw new XunitException(string.Join(Environment.NewLine, failures));
        }
    }

    public static void Attribute(AttributeValue expected, AttributeValue actual, string path)
    {
        var expectedText = Describe(expected);
        var actualText = Describe(actual);
        if (expectedText != actualText)
        {
            throw new XunitException($"Attribute {path}:{Environment.NewLine}expected {expectedText}{Environment.NewLine}stored   {actualText}");
        }
    }

    /// <summary>A canonical text of an attribute: its type and exact stored form, set members sorted, map keys sorted.</summary>
    public static string Describe(AttributeValue value)
    {
        if (value.S != null)
        {
            return "S " + Quote(value.S);
        }

        if (value.N != null)
        {
            return "N " + ExactNumber(value.N);
        }

        if (value.B != null)
        {
            return "B " + Convert.ToHexString(value.B.ToArray());
        }

        if (value.BOOL != null)
        {
            return "BOOL " + (value.BOOL.Value ? "true" : "false");
        }

        if (value.NULL == true)
        {
            return "NULL";
        }

        if (value.SS is { Count: > 0 })
        {
            return "SS {" + string.Join(", ", value.SS.Order(StringComparer.Ordinal).Select(Quote)) + "}";
        }

        if (value.NS is { Count: > 0 })
        {
            return "NS {" + string.Join(", ", value.NS.Select(ExactNumber).Order(StringComparer.Ordinal)) + "}";
        }

        if (value.BS is { Count: > 0 })
        {
            return "BS {" + string.Join(", ", value.BS.Select(b => Convert.ToHexString(b.ToArray())).Order(StringComparer.Ordinal)) + "}";
        }

        if (value.L != null)
        {
            return "L [" + string.Join(", ", value.L.Select(Describe)) + "]";
        }

        if (value.M != null)
        {
            return "M {" + string.Join(", ", value.M.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Quote(p.Key) + ": " + Describe(p.Value))) + "}";
        }

        return "(no type)";
    }

    /// <summary>
    ///     A number's exact value as sign, significant digits and exponent: "1E-130", "0.000…1" and "1.0E-130" are all
    ///     "1E-130". DynamoDB answers with top-level numbers in plain notation (3.4028235E+38 comes back as 340282350000…0)
    ///     but keeps nested ones as sent, so stored forms are compared digit for digit, not notation for notation.
    /// </summary>
    public static string ExactNumber(string text)
    {
        var negative = text.StartsWith('-');
        var body = text.TrimStart('-', '+');
        var exponentAt = body.IndexOfAny(['e', 'E']);
        var exponent = exponentAt < 0 ? 0 : int.Parse(body[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? body : body[..exponentAt];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        if (point >= 0)
        {
            exponent -= mantissa.Length - point - 1;
            mantissa = mantissa.Remove(point, 1);
        }

        var digits = mantissa.TrimStart('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        var trimmed = digits.TrimEnd('0');
        exponent += digits.Length - trimmed.Length;
        return (negative ? "-" : "") + trimmed + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Show(object? value)
        => value switch
        {
            null => "null",
            byte[] bytes => "0x" + Convert.ToHexString(bytes),
            string s => "\"" + s + "\"",
            DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Show)) + "]",
            _ => value.ToString() ?? "",
        };

    private static void Fail(string path, string expected, string actual)
        => throw new XunitException($"{(path.Length == 0 ? "value" : path)}:{Environment.NewLine}expected {expected}{Environment.NewLine}actual   {actual}");

    // Attribute builders for expected items.
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(string value) => new() { N = value };

    public static AttributeValue B(params byte[] value) => new() { B = new MemoryStream(value) };

    public static AttributeValue Bool(bool value) => new() { BOOL = value };

    public static AttributeValue Null() => new() { NULL = true };

    public static AttributeValue SS(params string[] values) => new() { SS = [.. values] };

    public static AttributeValue NS(params string[] values) => new() { NS = [.. values] };

    public static AttributeValue BS(params byte[][] values) => new() { BS = values.Select(v => new MemoryStream(v)).ToList() };

    public static AttributeValue L(params AttributeValue[] values) => new() { L = [.. values] };

    public static AttributeValue M(params (string Key, AttributeValue Value)[] entries)
        => new() { M = entries.ToDictionary(e => e.Key, e => e.Value) };
}
