using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using EFCore.DynamoDb.Internal;
using EFCore.DynamoDb.Query.Internal.Filters;
using EFCore.DynamoDb.Storage.Internal;
using EFCore.DynamoDb.Storage.Internal.Codecs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace EFCore.DynamoDb.Query.Internal.Translation;

// Conditions over lists given to the query (<c>list.Any(p => ...)</c>, <c>list.Contains(x.P)</c>) and over stored collections (<c>x.Tags.Contains(v)</c>).
internal sealed partial class DynamoDbFilterTranslator
{
    /// <summary><c>values.Any(v => condition(v, x))</c>, where values is a list given to the query (a parameter or constant).</summary>
    private FilterNode? TranslateAnyOf(Expression source, LambdaExpression condition, Expression call)
    {
        if (_element != null)
        {
            return Fail($"'{call}' nests one Any over a list inside another, which cannot be translated.");
        }

        source = StripAsQueryable(source);
        ValueOperand? values = source switch
        {
            QueryParameterExpression parameter => new ParameterOperand(parameter.Name, DynamoDbValueMapping.None("list")),
            ParameterQueryRootExpression root => new ParameterOperand(root.QueryParameterExpression.Name, DynamoDbValueMapping.None("list")),
            ConstantExpression { Value: IEnumerable } constant => new ConstantOperand(constant.Value, DynamoDbValueMapping.None("list")),
            _ => null,
        };
        if (values == null)
        {
            return Fail($"'{call}' can only be translated when the list is a constant or a value given to the query.");
        }

        _element = condition.Parameters[0];
        try
        {
            var translated = TranslateCondition(condition.Body);
            return translated == null ? null : new AnyOfFilter(values, translated);
        }
        finally
        {
            _element = null;
        }
    }

    /// <summary>A value read from the current element of <c>list.Any(p => ...)</c>: <c>p.Pk</c>, <c>p.Item1</c>.</summary>
    private ElementOperand? TranslateElementValue(Expression expression, DynamoDbValueMapping mapping)
    {
        if (_element == null || !References(expression, _element) || !ElementOnly(expression))
        {
            return null;
        }

        var box = Expression.Parameter(typeof(object), "element");
        var body = ReplacingExpressionVisitor.Replace(_element, Expression.Convert(box, _element.Type), expression);
        var read = Expression.Lambda<Func<object?, object?>>(Expression.Convert(body, typeof(object)), box).Compile(preferInterpretation: true);
        return new ElementOperand(read, expression.ToString(), mapping);
    }

    private bool ElementOnly(Expression expression)
    {
        var checker = new ElementOnlyChecker(_element!);
        checker.Visit(expression);
        return checker.IsElementOnly;
    }

    private static bool References(Expression expression, ParameterExpression parameter)
    {
        var finder = new ElementOnlyChecker(parameter);
        finder.Visit(expression);
        return finder.Found;
    }

    /// <summary>Whether an expression reads only the list element (and constants): it can then be evaluated per element.</summary>
    private sealed class ElementOnlyChecker(ParameterExpression element) : ExpressionVisitor
    {
        public bool IsElementOnly { get; private set; } = true;

        public bool Found { get; private set; }

        public override Expression? Visit(Expression? node)
        {
            if (node == element)
            {
                Found = true;
                return node;
            }

            if (node is ParameterExpression or QueryParameterExpression || node?.NodeType == ExpressionType.Extension)
            {
                IsElementOnly = false;
                return node;
            }

            return base.Visit(node);
        }
    }

    private FilterNode? TranslateContains(Expression source, Expression item, Expression call)
    {
        source = StripAsQueryable(source);

        // A stored collection (set, list) or string: contains(path, :v).
        if (AttributePathResolver.ResolvePath(source) is { Property: IProperty collectionProperty } collectionPath)
        {
            var elementMapping = DynamoDbValueMapping.ForElement(collectionProperty, item.Type);
            if (elementMapping == null)
            {
                return Fail($"The elements of '{source}' are stored through a value converter, so Contains cannot be translated.");
            }

            return TranslateValue(item, elementMapping) is { } element
                ? new ContainsFilter(collectionPath, element)
                : Fail($"Contains needs a value, not '{item}'.");
        }

        // A list of values given by the query: IN (the attribute possibly widened to the list's element type).
        var path = TranslateOperand(item) as PathOperand;
        if (path == null)
        {
            return Fail($"'{call}' needs a stored property on one side of Contains.");
        }

        switch (source)
        {
            case ParameterQueryRootExpression parameterRoot:
                return new InFilter(path, new ParameterOperand(parameterRoot.QueryParameterExpression.Name, path.Mapping));
            case QueryParameterExpression parameter:
                return new InFilter(path, new ParameterOperand(parameter.Name, path.Mapping));
            case ConstantExpression { Value: IEnumerable } constant:
                return new InFilter(path, new ConstantOperand(constant.Value, path.Mapping));
            case InlineQueryRootExpression inline:
                var values = new List<object?>();
                foreach (var value in inline.Values)
                {
                    if (TranslateValue(value, path.Mapping) is not ConstantOperand constantValue)
                    {
                        return Fail($"The list in '{call}' must hold constants.");
                    }

                    values.Add(constantValue.Value);
                }

                return new InFilter(path, new ConstantOperand(values, path.Mapping));
            case NewArrayExpression { NodeType: ExpressionType.NewArrayInit } array when array.Expressions.All(e => e is ConstantExpression):
                return new InFilter(path, new ConstantOperand(array.Expressions.Select(e => ((ConstantExpression)e).Value).ToList(), path.Mapping));
            default:
                return Fail($"'{call}' can only be translated when the list is a constant or a query parameter.");
        }
    }
}
