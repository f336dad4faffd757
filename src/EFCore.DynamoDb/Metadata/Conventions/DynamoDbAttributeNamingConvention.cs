using System.Text.Json;
using EFCore.DynamoDb.Metadata.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace EFCore.DynamoDb.Metadata.Conventions;

/// <summary>
///     Names every attribute by the model's <see cref="DynamoDbNamingConvention" /> (<c>HasAttributeNamingConvention</c>):
///     properties (keys, the discriminator and properties of owned and complex types included), owned navigations and complex
///     properties. The names are set as convention-level annotations once the model is complete, so <c>HasAttributeName</c>
///     wins, and everything that reads attribute names (writes, queries, index key schemas) sees the same ones.
/// </summary>
public class DynamoDbAttributeNamingConvention : IModelFinalizingConvention
{
    /// <inheritdoc />
    public virtual void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        if (modelBuilder.Metadata[DynamoDbAnnotationNames.AttributeNamingConvention] is not DynamoDbNamingConvention convention
            || convention == DynamoDbNamingConvention.None)
        {
            return;
        }

        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes())
        {
            if (entityType.FindOwnership()?.PrincipalToDependent is { } navigation)
            {
                entityType.Builder.HasAnnotation(DynamoDbAnnotationNames.AttributeName, Apply(convention, navigation.Name));
            }

            NameMembers(entityType, convention);
        }
    }

    /// <summary>The attribute name <paramref name="convention" /> gives to a member named <paramref name="name" />.</summary>
    internal static string Apply(DynamoDbNamingConvention convention, string name)
        => convention switch
        {
            DynamoDbNamingConvention.SnakeCase => JsonNamingPolicy.SnakeCaseLower.ConvertName(name),
            DynamoDbNamingConvention.CamelCase => JsonNamingPolicy.CamelCase.ConvertName(name),
            DynamoDbNamingConvention.LowerCase => name.ToLowerInvariant(),
            DynamoDbNamingConvention.UpperSnakeCase => JsonNamingPolicy.SnakeCaseUpper.ConvertName(name),
            _ => name,
        };

    private static void NameMembers(IConventionTypeBase type, DynamoDbNamingConvention convention)
    {
        foreach (var property in type.GetDeclaredProperties())
        {
            property.Builder.HasAnnotation(DynamoDbAnnotationNames.AttributeName, Apply(convention, property.Name));
        }

        foreach (var complexProperty in type.GetDeclaredComplexProperties())
        {
            complexProperty.Builder.HasAnnotation(DynamoDbAnnotationNames.AttributeName, Apply(convention, complexProperty.Name));
            NameMembers(complexProperty.ComplexType, convention);
        }
    }
}
