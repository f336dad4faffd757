using EFCore.DynamoDb.Metadata.Internal;
using Microsoft.EntityFrameworkCore.Metadata;

// ReSharper disable once CheckNamespace
namespace Microsoft.EntityFrameworkCore;

/// <summary>Reads and writes the DynamoDB configuration of a property.</summary>
public static class DynamoDbPropertyExtensions
{
    /// <summary>The name of the attribute the property is stored in: the one set with <c>HasAttributeName</c>, else the property name.</summary>
    public static string GetAttributeName(this IReadOnlyProperty property)
        => (string?)property[DynamoDbAnnotationNames.AttributeName] ?? property.Name;

    /// <summary>Sets the stored attribute name.</summary>
    public static void SetAttributeName(this IMutableProperty property, string? name)
        => property.SetOrRemoveAnnotation(DynamoDbAnnotationNames.AttributeName, name);

    /// <summary>Sets the stored attribute name.</summary>
    public static string? SetAttributeName(this IConventionProperty property, string? name, bool fromDataAnnotation = false)
        => (string?)property.SetOrRemoveAnnotation(DynamoDbAnnotationNames.AttributeName, name, fromDataAnnotation)?.Value;

    /// <summary>The name of the attribute a complex property is stored in (a map, or a list of maps).</summary>
    public static string GetAttributeName(this IReadOnlyComplexProperty property)
        => (string?)property[DynamoDbAnnotationNames.AttributeName] ?? property.Name;
}
