using System.Collections;
using System.Text;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal.Expressions;

namespace EFCore.DynamoDb.Query.Internal.Planning;

/// <summary>
///     Writes a bound <see cref="FilterNode" /> as a DynamoDB condition expression. DynamoDB's logic is two-valued (a comparison
///     with a missing attribute is false, NOT makes it true), which matches C#'s lifted operators for comparisons with
///     non-null constants; the cases where C# differs (null checks, two attributes, sizes of missing collections, string
///     ordering of null) are spelled out here.
/// </summary>
internal sealed class FilterWriter
{
    private readonly DynamoDbExpressionBuilder _builder;
    private readonly StringBuilder _text = new();

    public FilterWriter(DynamoDbExpressionBuilder builder) => _builder = builder;

    /// <summary>How many operators and functions the written expression holds (DynamoDB allows 300).</summary>
    public int OperatorCount { get; private set; }

    public string Write(FilterNode node)
    {
        _text.Clear();
        OperatorCount = 0;
        WriteNode(node);
        return _text.ToString();
    }

    private void WriteNode(FilterNode node)
    {
        switch (node)
        {
            case AndFilter and:
                WriteBinary(and.Left, " AND ", and.Right);
                break;
            case OrFilter or:
                WriteBinary(or.Left, " OR ", or.Right);
                break;
            case NotFilter not:
                OperatorCount++;
                _text.Append("NOT (");
                WriteNode(not.Operand);
                _text.Append(')');
                break;
            case ComparisonFilter comparison:
                WriteComparison(comparison);
                break;
            case StringCompareFilter compare:
                WriteStringCompare(compare);
                break;
            case NullCheckFilter nullCheck:
                WriteNullCheck(nullCheck.Path, nullCheck.IsNull);
                break;
            case BeginsWithFilter beginsWith:
                WriteFunction("begins_with", beginsWith.Path, Value(beginsWith.Prefix));
                break;
            case ContainsFilter contains:
                WriteFunction("contains", contains.Path, Value(contains.Value));
                break;
            case InFilter @in:
                WriteIn(@in);
                break;
            case ConstantFilter constant:
                throw new InvalidOperationException($"A constant condition ({constant.Value}) must be folded before it is written.");
            default:
                throw new InvalidOperationException($"Unknown condition node '{node.GetType().Name}'.");
        }
    }

    private void WriteBinary(FilterNode left, string op, FilterNode right)
    {
        OperatorCount++;
        _text.Append('(');
        WriteNode(left);
        _text.Append(op);
        WriteNode(right);
        _text.Append(')');
    }

    private void WriteComparison(ComparisonFilter comparison)
    {
        switch (comparison.Left, comparison.Right)
        {
            case (PathOperand left, PathOperand right):
                WritePathComparison(comparison.Operator, left, right);
                return;
            case (SizeOperand size, ConstantOperand value)
                when size.MissingIsEmpty && Holds(comparison.Operator, 0, Convert.ToDecimal(value.Value)):
                // A missing set (or non-nullable collection) reads as empty: its size is 0, which satisfies this comparison.
                OperatorCount += 2;
                _text.Append("(attribute_not_exists(").Append(_builder.Path(size.Path.Segments)).Append(") OR ");
                WriteSimpleComparison(comparison.Operator, Attribute(size), Value(value));
                _text.Append(')');
                return;
            case (AttributeOperand attribute, ConstantOperand value):
                WriteSimpleComparison(comparison.Operator, Attribute(attribute), Value(value));
                return;
            default:
                throw new InvalidOperationException($"The comparison {comparison} is not bound.");
        }
    }

    private void WritePathComparison(ComparisonOperator op, PathOperand left, PathOperand right)
    {
        if (op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
        {
            // Lifted ordering: false when either is null; DynamoDB is false when either is missing.
            WriteSimpleComparison(op, Attribute(left), Attribute(right));
            return;
        }

        // C#: null == null is true; DynamoDB: comparing two missing attributes is false. Spell out the null case.
        if (op == ComparisonOperator.NotEqual)
        {
            OperatorCount++;
            _text.Append("NOT (");
        }

        OperatorCount += 2;
        _text.Append('(');
        WriteSimpleComparison(ComparisonOperator.Equal, Attribute(left), Attribute(right));
        _text.Append(" OR (");
        WriteNullCheck(left, isNull: true);
        _text.Append(" AND ");
        WriteNullCheck(right, isNull: true);
        _text.Append("))");

        if (op == ComparisonOperator.NotEqual)
        {
            _text.Append(')');
        }
    }

    private void WriteStringCompare(StringCompareFilter compare)
    {
        var value = Value(compare.Value);
        var path = _builder.Path(compare.Path.Segments);
        switch (compare.Operator)
        {
            case ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual:
                // Null sorts before every string.
                OperatorCount++;
                _text.Append('(');
                WriteNullCheck(compare.Path, isNull: true);
                _text.Append(" OR ");
                WriteSimpleComparison(compare.Operator, path, value);
                _text.Append(')');
                break;
            default:
                WriteSimpleComparison(compare.Operator, path, value);
                break;
        }
    }

    private void WriteNullCheck(PathOperand path, bool isNull)
    {
        // A stored NULL (written by another tool) reads as null too.
        var p = _builder.Path(path.Segments);
        var nullType = _builder.Value(new AttributeValue { S = "NULL" });
        OperatorCount += 3;
        _text.Append(isNull
            ? $"(attribute_not_exists({p}) OR attribute_type({p}, {nullType}))"
            : $"(attribute_exists({p}) AND NOT attribute_type({p}, {nullType}))");
    }

    private void WriteIn(InFilter @in)
    {
        var values = ((IEnumerable)((ConstantOperand)@in.Values).Value!).Cast<object?>()
            .Select(v => @in.Values.Mapping.ToAttributeValue(v)!)
            .ToList();
        var path = _builder.Path(@in.Path.Segments);
        var chunks = values.Chunk(DynamoDbExpressionLimits.MaxInOperands).ToList();
        if (chunks.Count > 1)
        {
            _text.Append('(');
        }

        for (var i = 0; i < chunks.Count; i++)
        {
            if (i > 0)
            {
                OperatorCount++;
                _text.Append(" OR ");
            }

            OperatorCount++;
            _text.Append(path).Append(" IN (").AppendJoin(", ", chunks[i].Select(_builder.Value)).Append(')');
        }

        if (chunks.Count > 1)
        {
            _text.Append(')');
        }
    }

    private void WriteFunction(string name, PathOperand path, string value)
    {
        OperatorCount++;
        _text.Append(name).Append('(').Append(_builder.Path(path.Segments)).Append(", ").Append(value).Append(')');
    }

    private void WriteSimpleComparison(ComparisonOperator op, string left, string right)
    {
        OperatorCount++;
        _text.Append(left).Append(' ').Append(OperatorText(op)).Append(' ').Append(right);
    }

    private string Attribute(AttributeOperand operand)
        => operand switch
        {
            SizeOperand size => AddSize(size),
            PathOperand path => _builder.Path(path.Segments),
            _ => throw new InvalidOperationException($"Unknown operand {operand}."),
        };

    private string AddSize(SizeOperand size)
    {
        OperatorCount++;
        return "size(" + _builder.Path(size.Path.Segments) + ")";
    }

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
