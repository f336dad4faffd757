using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal.Expressions;

namespace EFCore.DynamoDb.Update.Internal;

/// <summary>
///     The actions of one UpdateItem: SET and REMOVE of attributes at the top of the item or at nested document paths, and
///     list appends; with what the condition must require for the nested ones to land where they are meant to (see
///     <see cref="DocumentLocation" />). Records on the command what the item holds once the update is applied.
/// </summary>
internal sealed class UpdateActions(WriteCommand command, DynamoDbExpressionBuilder expression)
{
    private readonly List<string> _sets = [];
    private readonly List<string> _removes = [];
    private readonly List<PathRequirement> _requirements = [];

    /// <summary>The bytes the written names and values add to the item: a lower bound of its size, with the key.</summary>
    public int Size { get; private set; }

    public bool IsEmpty => _sets.Count == 0 && _removes.Count == 0;

    /// <summary>
    ///     Whether the update appends to a list: then its condition (the list's length as read) fails on its own earlier success,
    ///     so a retry after a lost answer must recognize the appended elements as its own.
    /// </summary>
    public bool Appends { get; private set; }

    /// <summary>Sets the attribute <paramref name="name" /> at <paramref name="location" />, or removes it when the value is null.</summary>
    public void Write(DocumentLocation location, string name, AttributeValue? value)
    {
        Require(location);
        var path = location.Member(name);
        var placeholder = location.IsItem ? expression.Name(name) : expression.Path(path);
        if (location.IsItem)
        {
            command.Outcome[name] = value;
        }
        else
        {
            command.NestedOutcome.Add((path, value));
        }

        if (value == null)
        {
            _removes.Add(placeholder);
        }
        else
        {
            _sets.Add($"{placeholder} = {expression.Value(value)}");
            Size += ItemSize.Attribute(name, value);
        }
    }

    /// <summary>Appends <paramref name="elements" /> to the list <paramref name="name" /> at <paramref name="location" />, read with <paramref name="size" /> elements.</summary>
    public void Append(DocumentLocation location, string name, List<AttributeValue> elements, int size)
    {
        Require(location);
        var path = location.Member(name);
        var placeholder = expression.Path(path);
        _sets.Add($"{placeholder} = list_append({placeholder}, {expression.Value(new AttributeValue { L = elements })})");
        Appends = true;
        Add(new PathRequirement(path, size));
        for (var i = 0; i < elements.Count; i++)
        {
            command.NestedOutcome.Add(([.. path, new ListIndexSegment(size + i)], elements[i]));
            Size += 1 + ItemSize.Of(elements[i]);
        }
    }

    /// <summary>The UpdateExpression: the SET actions, then the REMOVE actions, in the order they were written.</summary>
    public string Expression
        => (_sets.Count > 0 ? "SET " + string.Join(", ", _sets) : "")
            + (_sets.Count > 0 && _removes.Count > 0 ? " " : "")
            + (_removes.Count > 0 ? "REMOVE " + string.Join(", ", _removes) : "");

    /// <summary>
    ///     The conditions the nested actions need, outermost first; a map whose existence another requirement implies (a map or
    ///     list inside it is required) is left out. Records them on the command, to explain a failed condition.
    /// </summary>
    public IEnumerable<string> Conditions()
    {
        foreach (var requirement in _requirements)
        {
            if (requirement.ListSize == null && _requirements.Any(r => Extends(r.Path, requirement.Path)))
            {
                continue;
            }

            command.CheckedPaths.Add(requirement);
            var path = expression.Path(requirement.Path);
            yield return requirement.ListSize is { } size
                ? $"size({path}) = {expression.Value(new AttributeValue { N = size.ToString(System.Globalization.CultureInfo.InvariantCulture) })}"
                : $"attribute_exists({path})";
        }
    }

    private void Require(DocumentLocation location)
    {
        var chain = new List<PathRequirement>();
        for (var current = location; current != null; current = current.Parent)
        {
            if (current.Requirement is { } requirement)
            {
                chain.Add(requirement);
            }
        }

        for (var i = chain.Count - 1; i >= 0; i--)
        {
            Add(chain[i]);
        }
    }

    private void Add(PathRequirement requirement)
    {
        if (!_requirements.Any(r => r.ListSize == requirement.ListSize && r.Path.SequenceEqual(requirement.Path)))
        {
            _requirements.Add(requirement);
        }
    }

    /// <summary>Whether <paramref name="path" /> lies strictly inside <paramref name="prefix" />.</summary>
    private static bool Extends(IReadOnlyList<PathSegment> path, IReadOnlyList<PathSegment> prefix)
        => path.Count > prefix.Count && prefix.SequenceEqual(path.Take(prefix.Count));
}
