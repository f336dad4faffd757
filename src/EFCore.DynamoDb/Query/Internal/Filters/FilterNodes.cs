using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Filters;

// The provider's own tree for a LINQ predicate. Every node means exactly what the C# expression it came from means
// over the materialized entity (nulls included); FilterWriter renders it so that DynamoDB's two-valued evaluation
// gives the same answer, and FilterEvaluator evaluates it on the client for the few conditions DynamoDB cannot take.

/// <summary>A boolean condition on an item.</summary>
internal abstract record FilterNode;

/// <summary>Both conditions hold.</summary>
internal sealed record AndFilter(FilterNode Left, FilterNode Right) : FilterNode;

/// <summary>Either condition holds.</summary>
internal sealed record OrFilter(FilterNode Left, FilterNode Right) : FilterNode;

/// <summary>The condition does not hold (DynamoDB's NOT is plain negation: its logic is two-valued).</summary>
internal sealed record NotFilter(FilterNode Operand) : FilterNode;

/// <summary>Always true or always false (after parameters are bound).</summary>
internal sealed record ConstantFilter(bool Value) : FilterNode
{
    public static readonly ConstantFilter True = new(true);
    public static readonly ConstantFilter False = new(false);
}

/// <summary>The comparison operators of C# that DynamoDB has too.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}

/// <summary>
///     <c>left op right</c> with C#'s lifted-operator semantics: <c>==</c> null matches a missing attribute, <c>!=</c> a value
///     matches a missing attribute, and an ordering comparison with null is false. <see cref="Left" /> is always an attribute.
/// </summary>
internal sealed record ComparisonFilter(ComparisonOperator Operator, AttributeOperand Left, Operand Right) : FilterNode;

/// <summary>
///     <c>string.CompareOrdinal(path, value) op 0</c>: like <see cref="ComparisonFilter" /> but with string ordering's null
///     rule (null sorts before every string, and equals null).
/// </summary>
internal sealed record StringCompareFilter(ComparisonOperator Operator, PathOperand Path, ValueOperand Value) : FilterNode;

/// <summary><c>path == null</c> (IsNull) or <c>path != null</c>; a stored NULL counts as null.</summary>
internal sealed record NullCheckFilter(PathOperand Path, bool IsNull) : FilterNode;

/// <summary><c>path.StartsWith(prefix)</c>.</summary>
internal sealed record BeginsWithFilter(PathOperand Path, ValueOperand Prefix) : FilterNode;

/// <summary><c>path.Contains(value)</c> for a string (substring), a set or a list (element).</summary>
internal sealed record ContainsFilter(PathOperand Path, ValueOperand Value) : FilterNode;

/// <summary><c>values.Contains(path)</c>: the attribute equals one of the values (null matches a missing attribute).</summary>
internal sealed record InFilter(PathOperand Path, ValueOperand Values) : FilterNode;

/// <summary>
///     A condition on query parameters alone (<c>Where(x => flag)</c>, or the null case of an <c>Equals</c> between values of
///     different types): decided when the query runs, before any request.
/// </summary>
internal sealed record ParameterFilter(string Name, ParameterTest Test) : FilterNode;

/// <summary>What a <see cref="ParameterFilter" /> asks of its parameter's value.</summary>
internal enum ParameterTest
{
    /// <summary>The (bool) value is true.</summary>
    IsTrue,

    /// <summary>The value is null.</summary>
    IsNull,
}

/// <summary>
///     <c>values.Any(v => condition)</c> over a list the query was given: the condition once per element, ORed, with the
///     element's values (<see cref="ElementOperand" />) taken from each element when the query runs. A list of key pairs
///     becomes an OR of full keys, which the planner reads with BatchGetItem.
/// </summary>
internal sealed record AnyOfFilter(ValueOperand Values, FilterNode Condition) : FilterNode;

/// <summary>An operand of a comparison.</summary>
internal abstract record Operand;

/// <summary>An operand read from the item: an attribute path or its size.</summary>
internal abstract record AttributeOperand : Operand
{
    public abstract PathOperand Path { get; }
}

/// <summary>
///     An attribute of the item, possibly nested in maps (owned and complex types, dictionaries) or lists. The property
///     gives the type mapping that converts values compared with it.
/// </summary>
internal sealed record PathOperand(
    IReadOnlyList<PathSegment> Segments,
    IReadOnlyPropertyBase? Property,
    DynamoDbValueMapping Mapping,
    KeyComponent? Component = null)
    : AttributeOperand
{
    public override PathOperand Path => this;

    /// <summary>
    ///     Whether this is an attribute (or a path in one) as DynamoDB sees it; false for a property a key template holds inside
    ///     a key attribute's text, which only the client can compare (the planner derives key conditions from it instead).
    /// </summary>
    public bool IsAttribute => Component == null;

    /// <summary>The top-level attribute name (for key detection and projections).</summary>
    public string RootAttribute => ((MapKeySegment)Segments[0]).Name;

    /// <summary>Whether this is a top-level attribute (not a property inside a key template's text).</summary>
    public bool IsTopLevel => Segments.Count == 1 && Component == null;

    public override string ToString() => string.Concat(Segments.Select((s, i) => s is MapKeySegment m ? (i == 0 ? m.Name : "." + m.Name) : s.ToString()));

    public bool Equals(PathOperand? other)
        => other != null && Segments.SequenceEqual(other.Segments) && Equals(Component, other.Component);

    public override int GetHashCode() => Segments.Aggregate(Component?.GetHashCode() ?? 0, (h, s) => HashCode.Combine(h, s));
}

/// <summary>A property held by a key template: which key part holds it, and its position among the template's properties.</summary>
internal sealed record KeyComponent(EFCore.DynamoDb.Metadata.Internal.DynamoDbKeyPart Part, int PropertyIndex)
{
    public override string ToString() => $"{Part.Properties[PropertyIndex].Name} in {Part.AttributeName}";
}

/// <summary>One step of an attribute path.</summary>
internal abstract record PathSegment;

/// <summary>A named attribute or map member.</summary>
internal sealed record MapKeySegment(string Name) : PathSegment
{
    public override string ToString() => Name;
}

/// <summary>A list element.</summary>
internal sealed record ListIndexSegment(int Index) : PathSegment
{
    public override string ToString() => "[" + Index + "]";
}

/// <summary>
///     <c>size(path)</c>: the length of a string or binary, or the element count of a set, list or map. When
///     <see cref="MissingIsEmpty" /> is set, a missing attribute counts as size 0 (a missing set reads as an empty set).
/// </summary>
internal sealed record SizeOperand(PathOperand Path, bool MissingIsEmpty) : AttributeOperand
{
    public override PathOperand Path { get; } = Path;
}

/// <summary>A value known when the query runs: a constant of the query or a parameter bound at execution.</summary>
internal abstract record ValueOperand(DynamoDbValueMapping Mapping) : Operand;

/// <summary>A constant written in the query (or a parameter after binding). The value is a model (CLR) value.</summary>
internal sealed record ConstantOperand(object? Value, DynamoDbValueMapping Mapping) : ValueOperand(Mapping);

/// <summary>
///     A value read from the current element of an <see cref="AnyOfFilter" />'s list (<c>p.Key</c> in
///     <c>pairs.Any(p => p.Key == x.Key)</c>); <see cref="Read" /> takes it from the element.
/// </summary>
internal sealed record ElementOperand(Func<object?, object?> Read, string Description, DynamoDbValueMapping Mapping) : ValueOperand(Mapping)
{
    public override string ToString() => Description;
}

/// <summary>
///     A query parameter; <see cref="Name" /> is its key in <c>QueryContext.Parameters</c>. <see cref="Conversion" /> is a
///     conversion the query applies to the value (<c>(int)shortValue</c>), if any.
/// </summary>
internal sealed record ParameterOperand(string Name, DynamoDbValueMapping Mapping, Func<object?, object?>? Conversion = null)
    : ValueOperand(Mapping);
