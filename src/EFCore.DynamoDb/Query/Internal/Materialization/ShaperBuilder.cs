using System.Linq.Expressions;
using Amazon.DynamoDBv2.Model;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Query.Internal.Translation;
using EFCore.DynamoDb.Update.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;
using static System.Linq.Expressions.Expression;

namespace EFCore.DynamoDb.Query.Internal.Materialization;

/// <summary>
///     Builds the delegate that turns one item into one result. Entities and owned objects get a value buffer read from the
///     item and EF's materializer; properties a projection selects are read straight from their attributes (so the request
///     can carry a ProjectionExpression); anything else in the projection runs on the client over those values.
/// </summary>
internal sealed class ShaperBuilder : ExpressionVisitor
{
    private readonly DynamoDbShapedQueryCompilingExpressionVisitor _compiler;
    private readonly ParameterExpression _item;
    private readonly List<ParameterExpression> _variables = [];
    private readonly List<Expression> _expressions = [];
    private readonly Dictionary<ItemValueBufferExpression, (Expression Map, Expression Buffer, bool KeyOnly)> _buffers = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ItemValueBufferExpression, ParameterExpression> _entities = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _attributes = new(StringComparer.Ordinal);
    private bool _needsWholeItem;

    public ShaperBuilder(DynamoDbShapedQueryCompilingExpressionVisitor compiler)
        : this(compiler, DynamoDbShapedQueryCompilingExpressionVisitor.ItemParameter)
    {
    }

    private ShaperBuilder(DynamoDbShapedQueryCompilingExpressionVisitor compiler, ParameterExpression item)
    {
        _compiler = compiler;
        _item = item;
    }

    /// <summary>
    ///     The shaper <c>(QueryContext, item) => result</c>, and the top-level attributes it reads (null when it needs whole
    ///     items, because it materializes an entity).
    /// </summary>
    public (LambdaExpression Shaper, IReadOnlyList<string>? Attributes) Build(Expression shaper)
    {
        var projected = new ProjectedValueRewriter(this).Visit(shaper)!;
        var body = Visit(new NullPropagatingRewriter(IsAttributeRead).Rewrite(projected));
        _expressions.Add(body);
        var lambda = Lambda(
            Block(body.Type, _variables, _expressions),
            QueryCompilationContext.QueryContextParameter,
            _item);
        return (lambda, _needsWholeItem ? null : _attributes.ToList());
    }

    protected override Expression VisitExtension(Expression node)
    {
        switch (node)
        {
            case StructuralTypeShaperExpression { ValueBufferExpression: ItemValueBufferExpression buffer } shaper:
                return MaterializeEntity(shaper, buffer);

            case IncludeExpression include:
                return VisitInclude(include);

            // A captured variable in a projection (Select(x => value)): its value for this execution.
            case QueryParameterExpression parameter:
                return Convert(
                    Property(
                        Property(QueryCompilationContext.QueryContextParameter, nameof(QueryContext.Parameters)),
                        "Item",
                        Constant(parameter.Name)),
                    parameter.Type);

            case OwnedCollectionShaperExpression collection:
            {
                var (elements, elementShaper) = CollectionParts(collection);
                return Call(
                    OwnedIncludes.MaterializeCollectionMethod.MakeGenericMethod(collection.ElementShaper.Type, collection.Type),
                    QueryCompilationContext.QueryContextParameter, elements, Constant(elementShaper), Constant(collection.Navigation));
            }
        }

        return base.VisitExtension(node);
    }

    private Expression MaterializeEntity(StructuralTypeShaperExpression shaper, ItemValueBufferExpression buffer)
    {
        if (_entities.TryGetValue(buffer, out var existing))
        {
            return existing;
        }

        var (_, bufferVariable) = EnsureBuffer(buffer, materialized: true);
        var materializer = _compiler.InjectMaterializers(shaper.Update(bufferVariable));
        var entity = Variable(shaper.Type, "entity" + _entities.Count);
        _variables.Add(entity);
        _expressions.Add(Assign(entity, materializer));
        if (_compiler.IsTracking && buffer.Owner == null && ReadItemValues.AttributeNames(buffer.EntityType) is { Length: > 0 } kept)
        {
            _expressions.Add(Call(
                ItemReaders.KeepReadValuesMethod,
                QueryCompilationContext.QueryContextParameter, Convert(entity, typeof(object)), _item, Constant(kept)));
        }

        _entities[buffer] = entity;
        return entity;
    }

    private Expression VisitInclude(IncludeExpression include)
    {
        var entity = Visit(include.EntityExpression);
        var navigation = (INavigation)include.Navigation;
        var tracking = Constant(_compiler.IsTracking);
        if (include.NavigationExpression is OwnedCollectionShaperExpression collection)
        {
            var (elements, elementShaper) = CollectionParts(collection);
            _expressions.Add(Call(
                OwnedIncludes.IncludeCollectionMethod,
                QueryCompilationContext.QueryContextParameter, Convert(entity, typeof(object)), elements, Constant(elementShaper),
                Constant(navigation), tracking));
        }
        else
        {
            var related = Visit(include.NavigationExpression);
            _expressions.Add(Call(
                OwnedIncludes.IncludeReferenceMethod,
                QueryCompilationContext.QueryContextParameter, Convert(entity, typeof(object)), Convert(related, typeof(object)),
                Constant(navigation), tracking));
        }

        return entity;
    }

    /// <summary>The elements of an owned collection (maps and buffers) and the delegate materializing one element.</summary>
    private (Expression Elements, Func<QueryContext, Dictionary<string, AttributeValue>?, ValueBuffer, object?> Shaper) CollectionParts(
        OwnedCollectionShaperExpression collection)
    {
        var elementBuffer = collection.ElementBuffer;
        var (ownerMap, ownerBuffer) = EnsureBuffer(elementBuffer.Owner!, materialized: false);
        var elements = Call(
            ItemReaders.ReadCollectionBuffersMethod,
            Constant(EntityItemReader.For(elementBuffer.EntityType)), ownerMap,
            Constant(((MapKeySegment)elementBuffer.Path[^1]).Name), ownerBuffer, _item);
        _attributes.Add(((MapKeySegment)elementBuffer.Path[0]).Name);

        // Each element is shaped by its own delegate over its map and buffer; nested owned objects are read from that map.
        var map = Parameter(typeof(Dictionary<string, AttributeValue>), "elementMap");
        var buffer = Parameter(typeof(ValueBuffer), "elementBuffer");
        var inner = new ShaperBuilder(_compiler, map);
        inner._buffers[elementBuffer] = (map, buffer, false);
        var body = inner.Visit(collection.ElementShaper);
        inner._expressions.Add(Convert(body, typeof(object)));
        var lambda = Lambda<Func<QueryContext, Dictionary<string, AttributeValue>?, ValueBuffer, object?>>(
            Block(typeof(object), inner._variables, inner._expressions),
            QueryCompilationContext.QueryContextParameter, map, buffer);
        return (elements, lambda.Compile());
    }

    /// <summary>The variables holding the map and the value buffer of <paramref name="buffer" />, created on first use.</summary>
    private (Expression Map, Expression Buffer) EnsureBuffer(ItemValueBufferExpression buffer, bool materialized)
    {
        // An owner that is not materialized only lends its key to its owned objects; a materialized one needs every value.
        var keyOnly = !materialized && buffer.Owner == null;
        if (_buffers.TryGetValue(buffer, out var existing) && (!existing.KeyOnly || keyOnly))
        {
            return (existing.Map, existing.Buffer);
        }

        Expression map;
        Expression ownerBuffer;
        if (buffer.Owner == null)
        {
            map = _item;
            ownerBuffer = Default(typeof(ValueBuffer));
        }
        else
        {
            var owner = EnsureBuffer(buffer.Owner, materialized: false);
            var mapVariable = Variable(typeof(Dictionary<string, AttributeValue>), "map" + _variables.Count);
            _variables.Add(mapVariable);
            _expressions.Add(Assign(mapVariable, Call(ItemReaders.GetNestedMapMethod, owner.Map, Constant(((MapKeySegment)buffer.Path[^1]).Name))));
            map = mapVariable;
            ownerBuffer = owner.Buffer;
        }

        var reader = EntityItemReader.For(buffer.EntityType);
        var bufferVariable = Variable(typeof(ValueBuffer), "buffer" + _variables.Count);
        _variables.Add(bufferVariable);
        _expressions.Add(Assign(
            bufferVariable,
            keyOnly
                ? Call(ItemReaders.ReadKeyMethod, Constant(reader), map)
                : Call(ItemReaders.ReadEntityMethod, Constant(reader), map, ownerBuffer, _item)));

        if (buffer.Owner != null)
        {
            _attributes.Add(((MapKeySegment)buffer.Path[0]).Name);
        }
        else if (keyOnly)
        {
            foreach (var key in buffer.EntityType.FindPrimaryKey()!.Properties)
            {
                _attributes.Add(key.GetAttributeName());
            }
        }
        else
        {
            _needsWholeItem = true;
        }

        _buffers[buffer] = (map, bufferVariable, keyOnly);
        return (map, bufferVariable);
    }

    private static bool IsAttributeRead(Expression expression)
        => expression is MethodCallExpression { Method.IsGenericMethod: true } call
            && call.Method.GetGenericMethodDefinition() == ItemReaders.ReadValueMethod;

    /// <summary>Replaces reads of single attributes in projections with direct reads from the item.</summary>
    private sealed class ProjectedValueRewriter(ShaperBuilder builder) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node)
        {
            // x.Owned == null: whether the item holds the owned (or complex) object's map, without materializing it.
            if (node is BinaryExpression { NodeType: ExpressionType.Equal or ExpressionType.NotEqual } nullCheck
                && (IsNull(nullCheck.Right) ? nullCheck.Left : IsNull(nullCheck.Left) ? nullCheck.Right : null) is { } tested
                && AttributePathResolver.ResolveStructure(tested) is { Segments.Count: > 0 } structure
                && RootEntityType(tested) != null)
            {
                builder._attributes.Add(((MapKeySegment)structure.Segments[0]).Name);
                var mapPath = new PathOperand(structure.Segments, null, Storage.Internal.DynamoDbValueMapping.None("object"));
                Expression present = Call(ItemReaders.HasMapMethod, builder._item, Constant(mapPath));
                return nullCheck.NodeType == ExpressionType.Equal ? Not(present) : present;
            }

            if (node != null
                && node is MemberExpression or MethodCallExpression or BinaryExpression { NodeType: ExpressionType.ArrayIndex }
                && AttributePathResolver.ResolvePath(node) is { } path
                && (path.Property is IProperty || path.Property == null)
                && RootEntityType(node) is { } entityType)
            {
                builder._attributes.Add(path.RootAttribute);
                var reader = new ProjectedValueReader(path, entityType, node.Type);
                return Call(ItemReaders.ReadValueMethod.MakeGenericMethod(node.Type), builder._item, Constant(reader));
            }

            return base.Visit(node);
        }

        protected override Expression VisitExtension(Expression node)
            // Entities and owned shapers are materialized whole; includes are handled by the builder.
            => node is StructuralTypeShaperExpression or IncludeExpression or OwnedCollectionShaperExpression ? node : base.VisitExtension(node);

        private static bool IsNull(Expression expression)
            => expression is ConstantExpression { Value: null } or DefaultExpression
                || (expression is UnaryExpression { NodeType: ExpressionType.Convert, Operand: ConstantExpression { Value: null } });

        private static IEntityType? RootEntityType(Expression node)
        {
            var finder = new ShaperFinder();
            finder.Visit(node);
            return finder.Buffer?.Root.EntityType;
        }
    }

    private sealed class ShaperFinder : ExpressionVisitor
    {
        public ItemValueBufferExpression? Buffer { get; private set; }

        protected override Expression VisitExtension(Expression node)
        {
            if (node is StructuralTypeShaperExpression { ValueBufferExpression: ItemValueBufferExpression buffer })
            {
                Buffer ??= buffer;
                return node;
            }

            return base.VisitExtension(node);
        }
    }
}
