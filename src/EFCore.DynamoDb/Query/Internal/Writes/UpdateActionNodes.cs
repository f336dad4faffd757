using EFCore.DynamoDb.Query.Internal.Filters;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Writes;

// The provider's tree for ExecuteUpdate's SetProperty calls: one action per setter, in DynamoDB's own update language (SET,
// REMOVE, ADD, DELETE). Values are query constants or parameters, bound when the update runs; UpdateExpressionWriter
// renders the bound actions. Every action means what the C# assignment means over the materialized entity, or the
// translator refused it (docs/design.md section 7).

/// <summary>One action of an UpdateItem, on the attribute at <see cref="Target" />.</summary>
internal abstract record UpdateAction(PathOperand Target, IProperty Property);

/// <summary><c>SET target = value</c>; a value that is null (or stored as no attribute, such as an empty set) is a REMOVE.</summary>
internal sealed record SetAction(PathOperand Target, IProperty Property, UpdateValue Value) : UpdateAction(Target, Property);

/// <summary>
///     <c>ADD target :amount</c> on a number (<c>t.Views + n</c>, or <c>- n</c> with <see cref="Negate" />): atomic, and a
///     missing attribute counts as 0.
/// </summary>
internal sealed record AddNumberAction(PathOperand Target, IProperty Property, ValueOperand Amount, bool Negate)
    : UpdateAction(Target, Property);

/// <summary><c>ADD target :members</c> on a set (<c>t.Tags.Union(values)</c>): members added concurrently are kept.</summary>
internal sealed record AddMembersAction(PathOperand Target, IProperty Property, ValueOperand Members) : UpdateAction(Target, Property);

/// <summary><c>DELETE target :members</c> on a set (<c>t.Tags.Except(values)</c>).</summary>
internal sealed record DeleteMembersAction(PathOperand Target, IProperty Property, ValueOperand Members) : UpdateAction(Target, Property);

/// <summary>
///     <c>SET indexKey = :text</c> for an overloaded index key (<c>GSI1PK = "STATUS#{0}"</c>) whose every property this update sets
///     to a value: its text is composed from those values when the update runs, as SaveChanges composes it; a null value is a
///     REMOVE (the item leaves that sparse index). <see cref="UpdateAction.Property" /> is the template's first property.
/// </summary>
internal sealed record SetIndexKeyAction(
    PathOperand Target,
    IProperty Property,
    string IndexName,
    Metadata.Internal.DynamoDbKeyPart Part,
    IReadOnlyList<ValueOperand> Values) : UpdateAction(Target, Property);

/// <summary>The provider's row version, moved on by every ExecuteUpdate so tracked copies elsewhere conflict.</summary>
internal sealed record IncrementVersionAction(PathOperand Target, IProperty Property) : UpdateAction(Target, Property);

/// <summary>The right-hand side of a SET.</summary>
internal abstract record UpdateValue;

/// <summary>A constant or parameter, stored through the target property's type mapping.</summary>
internal sealed record OperandValue(ValueOperand Value) : UpdateValue;

/// <summary>Another attribute of the item (one every item has: the condition requires it).</summary>
internal sealed record AttributeReferenceValue(PathOperand Source) : UpdateValue;

/// <summary><c>if_not_exists(source, :default)</c>: C#'s <c>source ?? default</c>.</summary>
internal sealed record IfNotExistsValue(PathOperand Source, ValueOperand Default) : UpdateValue;

/// <summary><c>left + right</c> or <c>left - right</c> on numbers.</summary>
internal sealed record ArithmeticValue(UpdateValue Left, bool Subtract, UpdateValue Right) : UpdateValue;

/// <summary>
///     <c>list_append(first, second)</c>: <c>t.List.Concat(values)</c> appends, <c>values.Concat(t.List)</c> prepends; the list
///     side reads a missing list as empty (<c>if_not_exists(list, :empty)</c>).
/// </summary>
internal sealed record ListAppendValue(UpdateValue First, UpdateValue Second) : UpdateValue;

/// <summary>The elements of a list value (a constant or parameter collection), each stored as the list property stores them.</summary>
internal sealed record ListElementsValue(ValueOperand Elements) : UpdateValue;

/// <summary>A list attribute of the item, read as empty when it is missing.</summary>
internal sealed record ListAttributeValue(PathOperand List) : UpdateValue;

/// <summary>
///     A value computed from query parameters alone (<c>new[] { tag }</c>, <c>values.ToList()</c>): evaluated when the update
///     runs, with that execution's parameter values.
/// </summary>
internal sealed record ComputedOperand(Func<IReadOnlyDictionary<string, object?>, object?> Compute, string Description, Storage.Internal.DynamoDbValueMapping Mapping)
    : ValueOperand(Mapping)
{
    public override string ToString() => Description;
}
