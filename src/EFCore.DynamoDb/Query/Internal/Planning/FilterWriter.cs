using System.Collections;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal.Expressions;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>
///     Writes a bound <see cref="FilterNode" /> as a DynamoDB condition expression. DynamoDB's logic is two-valued (a comparison
///     with a missing attribute is false, NOT makes it true), which matches C#'s lifted operators for comparisons with
///     non-null constants; the cases where C# differs (null checks, two attributes, sizes of missing collections, string
///     ordering of null) are spelled out here. Parentheses are written only where precedence needs them: DynamoDB rejects
///     redundant ones.
/// </summary>
internal sealed class FilterWriter
{
    // DynamoDB's precedence, lowest first: OR, AND, NOT, then comparisons and functions.
    private const int Or = 1;
    private const int And = 2;
    private const int Not = 3;
    private const int Atom = 4;

    private readonly DynamoDbExpressionBuilder _builder;

    public FilterWriter(DynamoDbExpressionBuilder builder) => _builder = builder;

    /// <summary>How many operators and functions the written expression holds (DynamoDB allows 300).</summary>
    public int OperatorCount { get; private set; }

    public string Write(FilterNode node)
    {
        OperatorCount = 0;
        return Render(node).Text;
    }

    private readonly record struct Rendered(string Text, int Precedence, bool IsFunction = false)
    {
        /// <summary>The text, parenthesized when it binds looser than its context requires.</summary>
        public string In(int context) => Precedence < context ? "(" + Text + ")" : Text;
    }

    private Rendered Render(FilterNode node)
        => node switch
        {
            AndFilter a => Combine(Render(a.Left), "AND", Render(a.Right), And),
            OrFilter o => Combine(Render(o.Left), "OR", Render(o.Right), Or),
            NotFilter n => Negate(Render(n.Operand)),
            ComparisonFilter c => RenderComparison(c),
            StringCompareFilter s => RenderStringCompare(s),
            NullCheckFilter n => NullCheck(n.Path, n.IsNull),
            BeginsWithFilter b => Function("begins_with", b.Path, Value(b.Prefix)),
            ContainsFilter c => RenderContains(c),
            InFilter i => RenderIn(i),
            ConstantFilter constant => throw new InvalidOperationException(
                $"A constant condition ({constant.Value}) must be folded before it is written."),
            _ => throw new InvalidOperationException($"Unknown condition node '{node.GetType().Name}'."),
        };

    private Rendered Combine(Rendered left, string op, Rendered right, int precedence)
    {
        OperatorCount++;
        return new Rendered($"{left.In(precedence)} {op} {right.In(precedence)}", precedence);
    }

    private Rendered Negate(Rendered operand)
    {
        OperatorCount++;
        // "NOT (a = :v)" and "NOT attribute_exists(a)" are both accepted; "NOT ((...))" is not.
        return new Rendered(operand.IsFunction ? $"NOT {operand.Text}" : $"NOT ({operand.Text})", Not);
    }

    private Rendered RenderComparison(ComparisonFilter comparison)
    {
        switch (comparison.Left, comparison.Right)
        {
            case (PathOperand left, PathOperand right):
                return RenderPathComparison(comparison.Operator, left, right);
            case (SizeOperand size, ConstantOperand value)
                when size.MissingIsEmpty && Holds(comparison.Operator, 0, Convert.ToDecimal(value.Value)):
                // A missing set (or non-nullable collection) reads as empty: its size is 0, which satisfies this comparison.
                OperatorCount++;
                return Combine(
                    new Rendered($"attribute_not_exists({PathText(size.Path)})", Atom, IsFunction: true),
                    "OR",
                    Compare(comparison.Operator, Attribute(size), Value(value)),
                    Or);
            case (SizeOperand size, ConstantOperand value) when size.MissingIsEmpty && comparison.Operator == ComparisonOperator.NotEqual:
                // DynamoDB's <> is true for a missing attribute, but a missing set has size 0, which equals this value.
                return Combine(
                    new Rendered($"attribute_exists({PathText(size.Path)})", Atom, IsFunction: true),
                    "AND",
                    Compare(comparison.Operator, Attribute(size), Value(value)),
                    And);
            case (PathOperand path, ConstantOperand value)
                when comparison.Operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual
                && Forms(value) is { Count: > 1 } forms:
            {
                // The value has a second stored form other tools write (a bool as BOOL or N 1/0): match either.
                OperatorCount++;
                var either = new Rendered($"{Attribute(path)} IN ({string.Join(", ", forms.Select(_builder.Value))})", Atom);
                if (value.Mapping.MissingValue is { } missingForm && Equals(missingForm, value.Value))
                {
                    // A missing attribute reads as this very value (false, with DynamoDBContext's conventions).
                    return comparison.Operator == ComparisonOperator.Equal
                        ? Combine(new Rendered($"attribute_not_exists({Attribute(path)})", Atom, IsFunction: true), "OR", either, Or)
                        : Combine(new Rendered($"attribute_exists({Attribute(path)})", Atom, IsFunction: true), "AND", Negate(either), And);
                }

                return comparison.Operator == ComparisonOperator.Equal ? either : Negate(either);
            }

            case (PathOperand path, ConstantOperand value) when value.Mapping.MissingValue is { } missing:
            {
                // A missing attribute reads as a value (a row version no writer set reads as 0): compare as if it held it.
                var compared = Compare(comparison.Operator, Attribute(path), Value(value));
                var matchesMissing = value.Value != null && Holds(comparison.Operator, CompareMissing(missing, value.Value), 0);
                return matchesMissing
                    ? Combine(new Rendered($"attribute_not_exists({Attribute(path)})", Atom, IsFunction: true), "OR", compared, Or)
                    : comparison.Operator == ComparisonOperator.NotEqual
                        ? Combine(new Rendered($"attribute_exists({Attribute(path)})", Atom, IsFunction: true), "AND", compared, And)
                        : compared;
            }

            case (AttributeOperand attribute, ConstantOperand value):
                return Compare(comparison.Operator, Attribute(attribute), Value(value));
            default:
                throw new InvalidOperationException($"The comparison {comparison} is not bound.");
        }
    }

    private Rendered RenderPathComparison(ComparisonOperator op, PathOperand left, PathOperand right)
    {
        if (op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
        {
            // Lifted ordering: false when either is null; DynamoDB is false when either is missing.
            return Compare(op, Attribute(left), Attribute(right));
        }

        // C#: null == null is true; DynamoDB: comparing two missing attributes is false. Spell out the null case.
        var equal = Combine(
            Compare(ComparisonOperator.Equal, Attribute(left), Attribute(right)),
            "OR",
            Combine(NullCheck(left, isNull: true), "AND", NullCheck(right, isNull: true), And),
            Or);
        return op == ComparisonOperator.Equal ? equal : Negate(equal);
    }

    private Rendered RenderStringCompare(StringCompareFilter compare)
    {
        var comparison = Compare(compare.Operator, PathText(compare.Path), Value(compare.Value));
        return compare.Operator is ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual
            // Null sorts before every string.
            ? Combine(NullCheck(compare.Path, isNull: true), "OR", comparison, Or)
            : comparison;
    }

    private Rendered NullCheck(PathOperand path, bool isNull)
    {
        // A stored NULL (written by another tool) reads as null too.
        var p = PathText(path);
        var nullType = _builder.Value(new AttributeValue { S = "NULL" });
        OperatorCount += 2;
        return isNull
            ? Combine(new Rendered($"attribute_not_exists({p})", Atom, true), "OR", new Rendered($"attribute_type({p}, {nullType})", Atom, true), Or)
            : Combine(new Rendered($"attribute_exists({p})", Atom, true), "AND", Negate(new Rendered($"attribute_type({p}, {nullType})", Atom, true)), And);
    }

    private Rendered RenderContains(ContainsFilter contains)
    {
        var forms = Forms((ConstantOperand)contains.Value);
        var result = Function("contains", contains.Path, _builder.Value(forms[0]));
        return forms.Count == 1 ? result : Combine(result, "OR", Function("contains", contains.Path, _builder.Value(forms[1])), Or);
    }

    /// <summary>The stored forms of a constant: the one written, and the other one other tools write if it has one.</summary>
    private static List<AttributeValue> Forms(ConstantOperand constant)
    {
        var written = constant.Mapping.ToAttributeValue(constant.Value)
            ?? throw new InvalidOperationException($"The value {constant.Value} has no DynamoDB form.");
        return constant.Mapping.AlternativeForm(written) is { } other ? [written, other] : [written];
    }

    private Rendered RenderIn(InFilter @in)
    {
        var mapping = @in.Values.Mapping;
        var values = ((IEnumerable)((ConstantOperand)@in.Values).Value!).Cast<object?>()
            .SelectMany(v => Forms(new ConstantOperand(v, mapping)))
            .ToList();
        var path = PathText(@in.Path);
        Rendered? result = mapping.MissingValue is { } missing
            && ((IEnumerable)((ConstantOperand)@in.Values).Value!).Cast<object?>().Contains(missing)
                ? new Rendered($"attribute_not_exists({path})", Atom, IsFunction: true)
                : null;
        foreach (var chunk in values.Chunk(DynamoDbExpressionLimits.MaxInOperands))
        {
            OperatorCount++;
            var rendered = new Rendered($"{path} IN ({string.Join(", ", chunk.Select(_builder.Value))})", Atom);
            result = result == null ? rendered : Combine(result.Value, "OR", rendered, Or);
        }

        return result!.Value;
    }

    private Rendered Function(string name, PathOperand path, string value)
    {
        OperatorCount++;
        return new Rendered($"{name}({PathText(path)}, {value})", Atom, IsFunction: true);
    }

    private Rendered Compare(ComparisonOperator op, string left, string right)
    {
        OperatorCount++;
        return new Rendered($"{left} {OperatorText(op)} {right}", Atom);
    }

    private string Attribute(AttributeOperand operand)
        => operand switch
        {
            SizeOperand size => AddSize(size),
            PathOperand path => PathText(path),
            _ => throw new InvalidOperationException($"Unknown operand {operand}."),
        };

    private string AddSize(SizeOperand size)
    {
        OperatorCount++;
        return "size(" + PathText(size.Path) + ")";
    }

    /// <summary>
    ///     A path as expression text. A property inside a key template's text has no DynamoDB path: only client-side conditions
    ///     hold one, and their text (ToQueryString) shows it as <c>SK⟨OrderId⟩</c>.
    /// </summary>
    private string PathText(PathOperand path)
        => path.Component is { } component
            ? _builder.Name($"{component.Part.AttributeName}⟨{component.Part.Properties[component.PropertyIndex].Name}⟩")
            : _builder.Path(path.Segments);

    private string Value(ValueOperand operand)
        => operand is ConstantOperand constant
            ? _builder.Value(constant.Mapping.ToAttributeValue(constant.Value)
                ?? throw new InvalidOperationException($"The value {constant.Value} has no DynamoDB form."))
            : throw new InvalidOperationException($"The parameter {operand} is not bound.");

    internal static string OperatorText(ComparisonOperator op)
        => op switch
        {
            ComparisonOperator.Equal => "=",
            ComparisonOperator.NotEqual => "<>",
            ComparisonOperator.LessThan => "<",
            ComparisonOperator.LessThanOrEqual => "<=",
            ComparisonOperator.GreaterThan => ">",
            _ => ">=",
        };

    /// <summary>The order of the value a missing attribute reads as against a compared value (numbers of any CLR type, dates).</summary>
    private static decimal CompareMissing(object missing, object value)
        => missing.GetType() == value.GetType() || missing is not IConvertible || value is not IConvertible || missing is DateTime
            ? Comparer.Default.Compare(missing, value)
            : Convert.ToDecimal(missing, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(value, CultureInfo.InvariantCulture));

    internal static bool Holds(ComparisonOperator op, decimal left, decimal right)
        => op switch
        {
            ComparisonOperator.Equal => left == right,
            ComparisonOperator.NotEqual => left != right,
            ComparisonOperator.LessThan => left < right,
            ComparisonOperator.LessThanOrEqual => left <= right,
            ComparisonOperator.GreaterThan => left > right,
            _ => left >= right,
        };
}
