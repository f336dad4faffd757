using EFCore.DynamoDb.Metadata.Internal;
using System.Linq.Expressions;
using System.Reflection;
using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Translation;

/// <summary>
///     Resolves member accesses on an entity in a query (<c>x.Name</c>, <c>x.Address.City</c>, <c>EF.Property(x, "Name")</c>,
///     <c>x.Scores[0]</c>, <c>x.Attributes["color"]</c>) to the attribute path they read in the item.
/// </summary>
internal static class AttributePathResolver
{
    /// <summary>Resolves an expression denoting a map of the item (the entity itself, an owned object, a complex value).</summary>
    public static StructuralTarget? ResolveStructure(Expression expression)
    {
        expression = StripConvert(expression);
        switch (expression)
        {
            case StructuralTypeShaperExpression { ValueBufferExpression: ItemValueBufferExpression buffer } shaper:
                return new StructuralTarget(buffer.Path, shaper.StructuralType);

            case IncludeExpression include:
                return ResolveStructure(include.EntityExpression);

            case UnaryExpression { NodeType: ExpressionType.TypeAs or ExpressionType.Convert } cast
                when ResolveStructure(cast.Operand) is { Type: IEntityType entityType } inner:
                // A cast to a derived type keeps reading the same item, with the derived type's properties.
                return entityType.GetDerivedTypesInclusive().FirstOrDefault(t => t.ClrType == cast.Type) is { } derived
                    ? inner with { Type = derived }
                    : inner;
        }

        if (TryGetMember(expression, out var instance, out var name) && ResolveStructure(instance) is { } parent)
        {
            switch (FindMember(parent.Type, name))
            {
                case IComplexProperty { IsCollection: false } complexProperty:
                    return new StructuralTarget(Append(parent.Segments, complexProperty.GetAttributeName()), complexProperty.ComplexType);
                case INavigation { IsCollection: false } navigation when navigation.TargetEntityType.IsOwned() && !navigation.IsOnDependent:
                    return new StructuralTarget(
                        Append(parent.Segments, navigation.TargetEntityType.GetContainingAttributeName()!), navigation.TargetEntityType);
            }
        }

        return null;
    }

    /// <summary>
    ///     Resolves an expression denoting one attribute value. Returns null when the expression does not read an attribute.
    /// </summary>
    public static PathOperand? ResolvePath(Expression expression)
    {
        expression = StripNullableConvert(expression);

        if (TryGetMember(expression, out var instance, out var name))
        {
            if (ResolveStructure(instance) is { } parent)
            {
                return FindMember(parent.Type, name) switch
                {
                    // A property a key template holds: compared within the key attribute's text.
                    IProperty property when parent.Segments.Count == 0 && DynamoDbKeyParts.TemplateHolding(property) is var (part, propertyIndex)
                        => new PathOperand(
                            [new MapKeySegment(part.AttributeName)], property, DynamoDbValueMapping.ForProperty(property), new KeyComponent(part, propertyIndex)),
                    IProperty property => new PathOperand(
                        Append(parent.Segments, property.GetAttributeName()), property, DynamoDbValueMapping.ForProperty(property)),
                    IComplexProperty complexProperty => new PathOperand(
                        Append(parent.Segments, complexProperty.GetAttributeName()), complexProperty,
                        DynamoDbValueMapping.None($"complex property '{complexProperty.DeclaringType.DisplayName()}.{complexProperty.Name}'")),
                    INavigation navigation when navigation.TargetEntityType.IsOwned() && !navigation.IsOnDependent => new PathOperand(
                        Append(parent.Segments, navigation.TargetEntityType.GetContainingAttributeName()!), navigation,
                        DynamoDbValueMapping.None($"owned navigation '{navigation.DeclaringEntityType.DisplayName()}.{navigation.Name}'")),
                    _ => null,
                };
            }

            return null;
        }

        // x.Scores[0] (list or array element) and x.Attributes["key"] (dictionary value).
        if (TryGetIndexer(expression, out var collection, out var index)
            && ResolvePath(collection) is { Property: IProperty collectionProperty } collectionPath
            && index is ConstantExpression { Value: { } indexValue })
        {
            var segment = indexValue switch
            {
                int i when i >= 0 => (PathSegment)new ListIndexSegment(i),
                string key => new MapKeySegment(key),
                _ => null,
            };
            var elementMapping = segment == null ? null : DynamoDbValueMapping.ForElement(collectionProperty, expression.Type);
            return segment == null || elementMapping == null
                ? null
                : new PathOperand([.. collectionPath.Segments, segment], null, elementMapping);
        }

        return null;
    }

    /// <summary>Removes conversions that do not change the stored value: nullable lifting and upcasts to object.</summary>
    public static Expression StripNullableConvert(Expression expression)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert
               && (convert.Type.UnwrapNullableType() == convert.Operand.Type.UnwrapNullableType() || convert.Type == typeof(object)))
        {
            expression = convert.Operand;
        }

        return expression;
    }

    private static Expression StripConvert(Expression expression)
        => expression is UnaryExpression { NodeType: ExpressionType.Convert } convert
            && convert.Type.IsAssignableFrom(convert.Operand.Type)
                ? StripConvert(convert.Operand)
                : expression;

    private static bool TryGetMember(Expression expression, out Expression instance, out string name)
    {
        switch (expression)
        {
            case MemberExpression { Expression: { } inner } member:
                instance = inner;
                name = member.Member.Name;
                return true;
            case MethodCallExpression call when call.TryGetEFPropertyArguments(out var entity, out var propertyName):
                instance = entity!;
                name = propertyName!;
                return true;
            default:
                instance = null!;
                name = null!;
                return false;
        }
    }

    private static bool TryGetIndexer(Expression expression, out Expression collection, out Expression index)
    {
        switch (expression)
        {
            case BinaryExpression { NodeType: ExpressionType.ArrayIndex } arrayIndex:
                collection = arrayIndex.Left;
                index = arrayIndex.Right;
                return true;
            case MethodCallExpression { Object: { } target, Method.Name: "get_Item", Arguments.Count: 1 } call:
                collection = target;
                index = call.Arguments[0];
                return true;
            case MethodCallExpression { Method: { Name: nameof(Enumerable.ElementAt), IsStatic: true } method } elementAt
                when method.DeclaringType == typeof(Enumerable):
                collection = elementAt.Arguments[0];
                index = elementAt.Arguments[1];
                return true;
            default:
                collection = null!;
                index = null!;
                return false;
        }
    }

    private static IReadOnlyPropertyBase? FindMember(ITypeBase type, string name)
    {
        var types = type is IEntityType entityType ? entityType.GetDerivedTypesInclusive().Cast<ITypeBase>() : [type];
        foreach (var candidate in types)
        {
            IReadOnlyPropertyBase? member = candidate.FindProperty(name)
                ?? (IReadOnlyPropertyBase?)candidate.FindComplexProperty(name)
                ?? (candidate as IEntityType)?.FindNavigation(name);
            if (member != null)
            {
                return member;
            }
        }

        return null;
    }

    private static IReadOnlyList<PathSegment> Append(IReadOnlyList<PathSegment> segments, string name)
        => [.. segments, new MapKeySegment(name)];

    internal static MemberInfo? MemberOf(Expression expression) => (expression as MemberExpression)?.Member;
}
