using EFCore.DynamoDb.Query.Internal.Filters;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>
///     A map inside an item that member accesses navigate through: the item itself, an owned object or a complex property.
/// </summary>
/// <param name="Segments">The path from the item to the map (empty for the item).</param>
/// <param name="Type">The entity, owned or complex type stored in the map.</param>
internal sealed record StructuralTarget(IReadOnlyList<PathSegment> Segments, ITypeBase Type);
