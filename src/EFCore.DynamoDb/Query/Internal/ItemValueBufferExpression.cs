using System.Linq.Expressions;
using EFCore.DynamoDb.Query.Internal.Filters;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;

namespace EFCore.DynamoDb.Query.Internal;

/// <summary>
///     Stands, inside a shaper, for the values of one entity or owned object read from a DynamoDB item: the item itself
///     (<see cref="Path" /> empty), a nested map of it (an owned reference), or an element of a nested list (an owned
///     collection). The shaped query compiler replaces it with code building a <see cref="ValueBuffer" /> from the item.
/// </summary>
internal sealed class ItemValueBufferExpression : Expression, IPrintableExpression
{
    public ItemValueBufferExpression(
        IEntityType entityType,
        IReadOnlyList<PathSegment> path,
        ItemValueBufferExpression? owner,
        INavigation? ownerNavigation)
    {
        EntityType = entityType;
        Path = path;
        Owner = owner;
        OwnerNavigation = ownerNavigation;
    }

    /// <summary>The (root or owned) entity type whose values this buffer holds.</summary>
    public IEntityType EntityType { get; }

    /// <summary>Where the map sits inside the item; empty for the item itself.</summary>
    public IReadOnlyList<PathSegment> Path { get; }

    /// <summary>The owner's buffer, for owned types (their keys copy the owner's key).</summary>
    public ItemValueBufferExpression? Owner { get; }

    /// <summary>The navigation from the owner to this object.</summary>
    public INavigation? OwnerNavigation { get; }

    /// <summary>The buffer of the top-level item this one is nested in.</summary>
    public ItemValueBufferExpression Root => Owner?.Root ?? this;

    public override Type Type => typeof(ValueBuffer);

    public override ExpressionType NodeType => ExpressionType.Extension;

    protected override Expression VisitChildren(ExpressionVisitor visitor) => this;

    public void Print(ExpressionPrinter expressionPrinter)
        => expressionPrinter.Append("Item(" + EntityType.DisplayName() + (Path.Count == 0 ? "" : " at " + string.Join(".", Path)) + ")");
}
