using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using EFCore.DynamoDb.FunctionalTests.Conformance.Model;

namespace EFCore.DynamoDb.FunctionalTests.Conformance.Infrastructure;

/// <summary>
///     Writes a query result (an entity, an owned object, an anonymous object, a DTO, a scalar, a collection) as canonical
///     text, so results of LINQ-to-Objects and of the provider compare by value: entities by every property, sets in sorted
///     order, lists in their order, decimals without trailing zeros, DateTimes with their Kind. Navigations to other entity
///     types are left out: DynamoDB queries never load them.
/// </summary>
internal static class ResultFormatter
{
    private const int MaxDepth = 8;

    private static readonly HashSet<Type> EntityTypes = [typeof(Customer), typeof(Order), typeof(OrderDetail), typeof(Product), typeof(Employee)];

    public static string Format(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException("The result nests too deeply to compare; does it hold a cycle?");
        }

        switch (value)
        {
            case null:
                builder.Append("null");
                return;
            case string s:
                builder.Append('"').Append(s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                return;
            case char c:
                builder.Append('\'').Append(c).Append('\'');
                return;
            case bool b:
                builder.Append(b ? "true" : "false");
                return;
            case decimal d:
                builder.Append(d.ToString("G29", CultureInfo.InvariantCulture)).Append('m');
                return;
            case double d:
                builder.Append(d.ToString("R", CultureInfo.InvariantCulture)).Append('d');
                return;
            case float f:
                builder.Append(f.ToString("R", CultureInfo.InvariantCulture)).Append('f');
                return;
            case DateTime dt:
                builder.Append(dt.ToString("O", CultureInfo.InvariantCulture)).Append(" (").Append(dt.Kind).Append(')');
                return;
            case DateTimeOffset dto:
                builder.Append(dto.ToString("O", CultureInfo.InvariantCulture));
                return;
            case Enum e:
                builder.Append(e.GetType().Name).Append('.').Append(e);
                return;
            case IFormattable formattable when value.GetType().IsPrimitive || value is Guid or TimeSpan or DateOnly or TimeOnly:
                builder.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            case IDictionary dictionary:
                WriteElements(builder, "{", "}", dictionary.Keys.Cast<object?>().Select(k => Format(k) + ": " + Format(dictionary[k!])), sort: true);
                return;
            case IEnumerable enumerable:
                var isSet = value.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISet<>));
                WriteElements(builder, isSet ? "{" : "[", isSet ? "}" : "]", enumerable.Cast<object?>().Select(e => FormatNested(e, depth)), sort: isSet);
                return;
        }

        WriteObject(builder, value, depth);
    }

    private static string FormatNested(object? value, int depth)
    {
        var builder = new StringBuilder();
        Write(builder, value, depth + 1);
        return builder.ToString();
    }

    private static void WriteElements(StringBuilder builder, string open, string close, IEnumerable<string> elements, bool sort)
    {
        var list = elements.ToList();
        if (sort)
        {
            list.Sort(StringComparer.Ordinal);
        }

        builder.Append(open).AppendJoin(", ", list).Append(close);
    }

    private static void WriteObject(StringBuilder builder, object value, int depth)
    {
        var type = value.GetType();
        var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && !IsNavigationToEntities(p.PropertyType))
            .Select(p => (p.Name, Value: p.GetValue(value)))
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => (f.Name, Value: f.GetValue(value))));
        builder.Append(type.IsGenericType && type.Name.StartsWith("<>", StringComparison.Ordinal) ? "" : type.Name + " ").Append("{ ");
        var first = true;
        foreach (var (name, member) in members)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append(name).Append(" = ");
            Write(builder, member, depth + 1);
        }

        builder.Append(" }");
    }

    private static bool IsNavigationToEntities(Type type)
        => type != typeof(string)
            && type.GetInterfaces().Append(type)
                .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>) && EntityTypes.Contains(i.GetGenericArguments()[0]));
}
